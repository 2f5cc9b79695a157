package io.guestram.conformance.action;

import io.guestram.U64;
import java.util.Map;

/** The arguments of a call as read from a trace line; 64-bit values are strings. */
public record Arguments(Map<String, Object> values) {

    public long u64(String name) {
        return U64.parse(String.valueOf(require(name)));
    }

    public int integer(String name) {
        return ((Number) require(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String text(String name) {
        return (String) require(name);
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing argument '" + name + "' in " + values);
        }
        return value;
    }
}
