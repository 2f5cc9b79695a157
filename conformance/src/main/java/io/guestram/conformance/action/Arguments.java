package io.guestram.conformance.action;

import io.guestram.ErrorCode;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fields of a JSON object read from a trace (a call's arguments, its expected result, the
 * configuration), each read as the type it must have. 64-bit values are strings, decimal or
 * 0x-prefixed hex. A missing field or one of the wrong type or range is an
 * {@link IllegalArgumentException} naming the field and the value.
 */
public record Arguments(Map<String, Object> values) {

    /** An unsigned 64-bit value: a string, or a non-negative JSON integer. */
    public long u64(String name) {
        return u64(name, require(name));
    }

    /** An array of unsigned 64-bit values, empty when the field is absent. */
    public List<Long> u64s(String name) {
        List<Long> numbers = new ArrayList<>();
        for (Object value : list(name)) {
            numbers.add(u64(name, value));
        }
        return numbers;
    }

    private static long u64(String name, Object value) {
        if (value instanceof Long l && l >= 0) {
            return l;
        }
        if (value instanceof String s) {
            try {
                return U64.parse(s);
            } catch (NumberFormatException e) {
                throw bad(name, value, "an unsigned 64-bit number");
            }
        }
        throw bad(name, value, "an unsigned 64-bit number in a string, like \"0x1000\"");
    }

    /** A signed 32-bit value (C's int): a JSON integer or a string. */
    public int integer(String name) {
        Object value = require(name);
        try {
            long n = value instanceof Long l ? l
                    : value instanceof String s && s.strip().startsWith("-") ? Long.parseLong(s.strip())
                    : value instanceof String s ? U64.parse(s)
                    : Long.MIN_VALUE; // not a number: refused below as out of range
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw bad(name, value, "a 32-bit integer");
    }

    /** A count (a read's size, a touch's stop_at): an integer from 0 to 2^31 - 1. */
    public int count(String name) {
        int n = integer(name);
        if (n < 0) {
            throw bad(name, values.get(name), "an integer from 0 to 2^31 - 1");
        }
        return n;
    }

    /** A result code: {@code OK} (null) or the name of an {@link ErrorCode}. */
    public ErrorCode code(String name) {
        String code = text(name);
        if (code.equals("OK")) {
            return null;
        }
        for (ErrorCode e : ErrorCode.values()) {
            if (e.name().equals(code)) {
                return e;
            }
        }
        throw bad(name, code, "OK or an error code (" + Arrays.toString(ErrorCode.values()) + ")");
    }

    /** Bytes in hex, an even number of digits; none when the field is absent. */
    public byte[] bytes(String name) {
        if (!values.containsKey(name)) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(text(name));
        } catch (IllegalArgumentException e) {
            throw bad(name, values.get(name), "bytes in hex, an even number of digits");
        }
    }

    public boolean bool(String name) {
        if (require(name) instanceof Boolean b) {
            return b;
        }
        throw bad(name, values.get(name), "true or false");
    }

    public String text(String name) {
        if (require(name) instanceof String s) {
            return s;
        }
        throw bad(name, values.get(name), "a string");
    }

    /** A JSON array, empty when the field is absent. */
    public List<?> list(String name) {
        Object value = values.getOrDefault(name, List.of());
        if (value instanceof List<?> list) {
            return list;
        }
        throw bad(name, value, "an array");
    }

    /** A JSON object. */
    public Arguments object(String name) {
        return of(require(name), "'" + name + "'");
    }

    /** {@code value} as an object's fields; {@code what} names it in the message if it is not one. */
    @SuppressWarnings("unchecked")
    public static Arguments of(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return new Arguments((Map<String, Object>) map);
        }
        throw new IllegalArgumentException(what + " must be a JSON object, not " + shown(value));
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return value;
    }

    private static IllegalArgumentException bad(String name, Object value, String expected) {
        return new IllegalArgumentException("'" + name + "' must be " + expected + ", not " + shown(value));
    }

    /** A value as the message shows it: strings quoted, anything long cut short. */
    private static String shown(Object value) {
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
