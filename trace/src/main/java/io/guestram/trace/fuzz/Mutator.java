package io.guestram.trace.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes malformed inputs from valid seeds, aware of the structure the guestram parsers read
 * (JSON, TLA+ values, protocol lines): it splices tokens between seeds, replaces numbers with
 * 64-bit edges, truncates, nests deeply and inserts binary garbage, as well as flipping
 * characters. The same seed gives the same inputs. No input holds a lone surrogate, so that every
 * input written to a corpus file in UTF-8 reads back the same.
 */
public final class Mutator {

    /** Numbers worth trying wherever a number stands: every 64-bit and 32-bit edge, and forms a parser might mistake. */
    static final List<String> NUMBER_EDGES = List.of(
            "0", "1", "-1", "-0", "2", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "2147483647", "2147483648",
            "-2147483648", "-2147483649", "4294967295", "4294967296", "0x0", "0x", "0X1F", "0xffffffffffffffff",
            "0x10000000000000000", "0x8000000000000000", "0x7fffffff", "0x80000000", "-0x1", "0x-1", "00000000000000000001",
            "99999999999999999999999999999999999999999", "1e3", "1.5", "1E400", "-1e-400", "NaN", "Infinity", "+1", "1_000",
            "\u0661\u0662\u0663", "\uff11\uff12", "0x\u0661", "\u00b9", " 1", "1 ", "");

    /** Tokens: quoted strings, numbers and words, or any single other character (possessive: no backtracking, no deep recursion). */
    private static final Pattern TOKEN = Pattern.compile("\"[^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+\"|[-+]?[0-9A-Za-z_.]++|[^\\s]");
    private static final Pattern NUMBER = Pattern.compile("-?(?:0[xX][0-9a-fA-F]*|[0-9]+)");
    private static final String[] OPENERS = {"[", "{\"a\":", "<<", "{", "[a |-> "};

    private final Random random;
    private final List<String> seeds;
    private final List<String> tokens = new ArrayList<>();

    public Mutator(long seed, List<String> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a mutator needs at least one seed");
        }
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
        for (String s : seeds) {
            Matcher m = TOKEN.matcher(s);
            while (m.find()) {
                tokens.add(m.group());
            }
        }
    }

    /** One input: a seed with one to four mutations stacked (or, now and then, a seed as it is). */
    public String next() {
        String input = seeds.get(random.nextInt(seeds.size()));
        int mutations = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            input = mutate(input);
        }
        return input;
    }

    private String mutate(String s) {
        return switch (random.nextInt(10)) {
            case 0 -> flip(s);
            case 1, 2 -> numberEdge(s);
            case 3 -> splice(s);
            case 4 -> truncate(s);
            case 5 -> nest(s);
            case 6 -> garbage(s);
            case 7 -> dropToken(s);
            case 8 -> duplicateLine(s);
            default -> quoteToggle(s);
        };
    }

    private int position(String s) {
        return random.nextInt(s.length() + 1);
    }

    private static String insert(String s, int at, String what) {
        return s.substring(0, at) + what + s.substring(at);
    }

    /** Replaces a character by a near one (a bit flipped), a control character or a non-ASCII one. */
    private String flip(String s) {
        if (s.isEmpty()) {
            return garbage(s);
        }
        int at = random.nextInt(s.length());
        char c = switch (random.nextInt(4)) {
            case 0 -> (char) (s.charAt(at) ^ (1 << random.nextInt(7)));
            case 1 -> (char) random.nextInt(0x20);
            case 2 -> "\"\\{}[],:<>=|-x ".charAt(random.nextInt(15));
            default -> (char) (0x80 + random.nextInt(0xd700)); // below the surrogates: every input survives UTF-8
        };
        return s.substring(0, at) + c + s.substring(at + 1);
    }

    /** Replaces one number (decimal or hex) by an edge value. */
    private String numberEdge(String s) {
        List<int[]> spans = spans(NUMBER.matcher(s));
        String edge = NUMBER_EDGES.get(random.nextInt(NUMBER_EDGES.size()));
        if (spans.isEmpty()) {
            return insert(s, position(s), edge);
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return s.substring(0, span[0]) + edge + s.substring(span[1]);
    }

    /** Puts a token from any seed in place of, or beside, one of this input's. */
    private String splice(String s) {
        String token = tokens.isEmpty() ? "," : tokens.get(random.nextInt(tokens.size()));
        List<int[]> spans = spans(TOKEN.matcher(s));
        if (spans.isEmpty() || random.nextBoolean()) {
            return insert(s, position(s), token);
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return s.substring(0, span[0]) + token + s.substring(span[1]);
    }

    private String dropToken(String s) {
        List<int[]> spans = spans(TOKEN.matcher(s));
        if (spans.isEmpty()) {
            return s;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return s.substring(0, span[0]) + s.substring(span[1]);
    }

    /** Cuts the input short, as a file whose last line was not written out. */
    private String truncate(String s) {
        return s.substring(0, random.nextInt(s.length() + 1));
    }

    /** Opens many brackets at once: recursive parsers must refuse, not overflow their stack. */
    private String nest(String s) {
        int depth = random.nextBoolean() ? 1 + random.nextInt(300) : 1000 + random.nextInt(20_000);
        return insert(s, position(s), OPENERS[random.nextInt(OPENERS.length)].repeat(depth));
    }

    private String garbage(String s) {
        StringBuilder g = new StringBuilder();
        int length = 1 + random.nextInt(random.nextBoolean() ? 8 : 200);
        for (int i = 0; i < length; i++) {
            g.append((char) (random.nextInt(8) == 0 ? 0x100 + random.nextInt(0xd700) : random.nextInt(0x100)));
        }
        return insert(s, position(s), g.toString());
    }

    private String duplicateLine(String s) {
        String[] lines = s.split("\n", -1);
        String line = lines[random.nextInt(lines.length)];
        return random.nextBoolean() ? insert(s, position(s), line + "\n") : s.replace(line + "\n", "");
    }

    /** Removes the quotes of a string or adds quotes around a number, so values change type. */
    private String quoteToggle(String s) {
        List<int[]> spans = spans(TOKEN.matcher(s));
        if (spans.isEmpty()) {
            return s;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        String token = s.substring(span[0], span[1]);
        String toggled = token.length() >= 2 && token.startsWith("\"") ? token.substring(1, token.length() - 1) : "\"" + token + "\"";
        return s.substring(0, span[0]) + toggled + s.substring(span[1]);
    }

    private static List<int[]> spans(Matcher m) {
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }
}
