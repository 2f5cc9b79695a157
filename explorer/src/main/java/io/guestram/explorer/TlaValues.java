package io.guestram.explorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few TLA+ values a guest RAM state holds, read from TLC's text and written back in one
 * canonical form so that a state TLC printed and a state the explorer built compare as strings.
 *
 * <p>In Java a value is a {@code Long}, a {@code String}, a {@code Boolean}, a {@code List} (tuple
 * or sequence), a {@code Set} (set) or a {@code Map<String, ?>} (record). The canonical form
 * sorts set elements by their canonical text and record fields by name, which TLC does not
 * promise to do.
 */
public final class TlaValues {

    /** Deeper tuples, sets and records are refused: a guest RAM state nests three, and the parser recurses. */
    public static final int MAX_DEPTH = 64;

    private TlaValues() {}

    public static String canonical(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof List<?> tuple) {
            List<String> parts = new ArrayList<>();
            tuple.forEach(e -> parts.add(canonical(e)));
            return "<<" + String.join(", ", parts) + ">>";
        }
        if (value instanceof Set<?> set) {
            Set<String> parts = new TreeSet<>();
            set.forEach(e -> parts.add(canonical(e)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value instanceof Map<?, ?> record) {
            Map<String, String> fields = new TreeMap<>();
            record.forEach((k, v) -> fields.put(k.toString(), canonical(v)));
            List<String> parts = new ArrayList<>();
            fields.forEach((k, v) -> parts.add(k + " |-> " + v));
            return "[" + String.join(", ", parts) + "]";
        }
        throw new IllegalArgumentException("not a TLA+ value: " + value);
    }

    /**
     * Parses one value; {@code where} names the source for error messages, ending in {@code :N} if the
     * text starts on line N of a file (then an error names that file's line).
     */
    public static Object parse(String text, String where) {
        Parser p = new Parser(text, where);
        Object value = p.value();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    /** Parses a state printed by TLC as {@code /\ name = value} conjuncts (or one {@code name = value}). */
    public static Map<String, Object> parseState(String text, String where) {
        Parser p = new Parser(text, where);
        Map<String, Object> vars = new TreeMap<>();
        p.skipSpace();
        while (!p.atEnd()) {
            p.accept("/\\");
            String name = p.identifier();
            p.expect("=");
            vars.put(name, p.value());
            p.skipSpace();
        }
        return vars;
    }

    /** A source name that ends in the line its text starts on: {@code file:12}. */
    private static final Pattern LINE_SUFFIX = Pattern.compile("(.*):(\\d{1,9})");

    private static final class Parser {
        private final String text;
        private final String where;
        private int pos;
        private int depth;

        Parser(String text, String where) {
            this.text = text;
            this.where = where;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean accept(String token) {
            skipSpace();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!accept(token)) {
                throw error("expected '" + token + "'");
            }
        }

        String identifier() {
            skipSpace();
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        Object value() {
            skipSpace();
            if (atEnd()) {
                throw error("expected a value, found the end");
            }
            char c = text.charAt(pos);
            if (text.startsWith("<<", pos) || c == '{' || c == '[') {
                return nested();
            }
            if (c == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated string");
                }
                String s = text.substring(pos + 1, end);
                pos = end + 1;
                return s;
            }
            if (c == '-' || isDigit(c)) {
                return number();
            }
            String word = identifier();
            return switch (word) {
                case "TRUE" -> Boolean.TRUE;
                case "FALSE" -> Boolean.FALSE;
                default -> throw error("unknown value '" + word + "'");
            };
        }

        /** A tuple, set or record, no deeper than {@link #MAX_DEPTH}. */
        private Object nested() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            Object value;
            if (accept("<<")) {
                value = elements(">>", new ArrayList<>());
            } else if (accept("{")) {
                value = new LinkedHashSet<>(elements("}", new ArrayList<>()));
            } else {
                expect("[");
                value = record();
            }
            depth--;
            return value;
        }

        private List<Object> elements(String close, List<Object> into) {
            if (accept(close)) {
                return into;
            }
            do {
                into.add(value());
            } while (accept(","));
            expect(close);
            return into;
        }

        private Map<String, Object> record() {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (accept("]")) {
                return fields;
            }
            do {
                String name = identifier();
                expect("|->");
                fields.put(name, value());
            } while (accept(","));
            expect("]");
            return fields;
        }

        private Long number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            while (!atEnd() && isDigit(text.charAt(pos))) {
                pos++;
            }
            String digits = text.substring(start, pos);
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error(digits.equals("-") ? "expected digits after '-'" : "number out of range: " + digits);
            }
        }

        /** ASCII digits only: TLC writes no others, and Java would read Arabic-Indic ones as numbers too. */
        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        ConfigException error(String problem) {
            Matcher startsAt = LINE_SUFFIX.matcher(where);
            boolean known = startsAt.matches();
            long line = known ? Long.parseLong(startsAt.group(2)) : 1;
            int at = Math.min(pos, text.stripTrailing().length()); // at the end: the last line with text
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new ConfigException((known ? startsAt.group(1) : where) + ":" + line + ": " + problem);
        }
    }
}
