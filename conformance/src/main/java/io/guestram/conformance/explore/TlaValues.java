package io.guestram.conformance.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /** Parses one value; {@code where} names the source for error messages. */
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

    private static final class Parser {
        private final String text;
        private final String where;
        private int pos;

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
            if (accept("<<")) {
                return elements(">>", new ArrayList<>());
            }
            if (c == '{') {
                pos++;
                return new LinkedHashSet<>(elements("}", new ArrayList<>()));
            }
            if (c == '[') {
                pos++;
                return record();
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
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            String word = identifier();
            return switch (word) {
                case "TRUE" -> Boolean.TRUE;
                case "FALSE" -> Boolean.FALSE;
                default -> throw error("unknown value '" + word + "'");
            };
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
            while (!atEnd() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            try {
                return Long.parseLong(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("number out of range: " + text.substring(start, pos));
            }
        }

        ConfigException error(String problem) {
            int line = 1;
            for (int i = 0; i < pos && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new ConfigException(where + ":" + line + ": " + problem);
        }
    }
}
