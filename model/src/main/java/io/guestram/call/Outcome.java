package io.guestram.call;

import io.guestram.Chunk;
import io.guestram.ErrorCode;
import io.guestram.U64;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one call observably did: either an error code, or the values it returned, the chunks its
 * callbacks saw (touch, read, write) and the bytes it read. Two implementations agree on a call
 * iff their outcomes are equal.
 */
public record Outcome(ErrorCode error, List<Long> values, List<Chunk> chunks, byte[] data) {

    private static final byte[] NO_DATA = new byte[0];

    public Outcome {
        values = List.copyOf(values);
        chunks = List.copyOf(chunks);
        data = data.clone();
    }

    public static Outcome ok(Long... values) {
        return new Outcome(null, List.of(values), List.of(), NO_DATA);
    }

    public static Outcome failed(ErrorCode error) {
        return new Outcome(error, List.of(), List.of(), NO_DATA);
    }

    public boolean isOk() {
        return error == null;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Outcome o
                && error == o.error
                && values.equals(o.values)
                && chunks.equals(o.chunks)
                && Arrays.equals(data, o.data);
    }

    @Override
    public int hashCode() {
        return ((error == null ? 0 : error.hashCode()) * 31 + values.hashCode()) * 31
                + chunks.hashCode() * 7 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (!isOk()) {
            return error.name();
        }
        StringBuilder s = new StringBuilder("OK");
        if (!values.isEmpty()) {
            s.append(values.stream().map(U64::hex).collect(Collectors.joining(", ", " ", "")));
        }
        if (!chunks.isEmpty()) {
            s.append(" chunks ").append(chunks);
        }
        if (data.length > 0) {
            s.append(" data ").append(HexFormat.of().formatHex(data));
        }
        return s.toString();
    }

}
