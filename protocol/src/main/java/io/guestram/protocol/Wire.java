package io.guestram.protocol;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The text of docs/protocol.md: commands, answers and the handshake, both ways. Every parse
 * failure is a {@link ProtocolException} that quotes the line.
 */
public final class Wire {

    public static final int VERSION = 1;

    private Wire() {}

    // ---- commands -------------------------------------------------------------------------

    public static String command(Call call) {
        if (call instanceof Call.RegisterAt c) {
            return "register_at " + hex(c.start()) + " " + hex(c.size()) + " " + (c.untyped() ? 1 : 0);
        } else if (call instanceof Call.Register c) {
            return "register " + hex(c.size());
        } else if (call instanceof Call.MarkAllocated c) {
            return "mark_allocated " + hex(c.start()) + " " + hex(c.size());
        } else if (call instanceof Call.Allocate c) {
            return "allocate " + hex(c.size());
        } else if (call instanceof Call.Free c) {
            return "free " + hex(c.start()) + " " + hex(c.size());
        } else if (call instanceof Call.Largest) {
            return "largest";
        } else if (call instanceof Call.Touch c) {
            String stop = c.stopAt() == 0 ? "" : " " + c.stopAt() + " " + c.stopValue();
            return "touch " + hex(c.address()) + " " + hex(c.size()) + stop;
        } else if (call instanceof Call.Read c) {
            return "read " + hex(c.address()) + " " + hex(c.size());
        } else if (call instanceof Call.Write c) {
            return "write " + hex(c.address()) + " " + bytes(c.data());
        }
        throw new IllegalArgumentException("no command for " + call);
    }

    public static Call parseCommand(String line) {
        String[] t = tokens(line);
        switch (t[0]) {
            case "register_at":
                arity(t, 4, line);
                return new Call.RegisterAt(number(t[1], line), number(t[2], line), flag(t[3], line));
            case "register":
                arity(t, 2, line);
                return new Call.Register(number(t[1], line));
            case "mark_allocated":
                arity(t, 3, line);
                return new Call.MarkAllocated(number(t[1], line), number(t[2], line));
            case "allocate":
                arity(t, 2, line);
                return new Call.Allocate(number(t[1], line));
            case "free":
                arity(t, 3, line);
                return new Call.Free(number(t[1], line), number(t[2], line));
            case "largest":
                arity(t, 1, line);
                return new Call.Largest();
            case "touch":
                return touch(t, line);
            case "read":
                arity(t, 3, line);
                return new Call.Read(number(t[1], line), smallInt(t[2], line));
            case "write":
                arity(t, 3, line);
                return new Call.Write(number(t[1], line), parseBytes(t[2], line));
            default:
                throw new ProtocolException("unknown command '" + t[0] + "' in: " + line);
        }
    }

    private static Call touch(String[] t, String line) {
        if (t.length != 3 && t.length != 5) {
            throw new ProtocolException("touch takes ADDRESS SIZE [K V]: " + line);
        }
        int k = t.length == 5 ? smallInt(t[3], line) : 0;
        int v = t.length == 5 ? signedInt(t[4], line) : 0;
        if (t.length == 5 && (k < 1 || v == 0)) {
            throw new ProtocolException("touch K must be >= 1 and V non-zero: " + line);
        }
        return new Call.Touch(number(t[1], line), number(t[2], line), k, v);
    }

    // ---- answers --------------------------------------------------------------------------

    /** The answer line for {@code outcome} of {@code call}; a touch's result is signed decimal. */
    public static String answer(Call call, Outcome outcome) {
        if (!outcome.isOk()) {
            return "err " + outcome.error().name();
        }
        StringBuilder s = new StringBuilder("ok");
        for (long value : outcome.values()) {
            s.append(' ').append(call instanceof Call.Touch ? Long.toString(value) : hex(value));
        }
        for (Chunk c : outcome.chunks()) {
            s.append(' ').append(hex(c.guestAddress())).append(':').append(hex(c.size())).append(':').append(hex(c.offset()));
        }
        if (call instanceof Call.Read) {
            s.append(' ').append(bytes(outcome.data())); // "-" for a read of 0 bytes, as docs/protocol.md says
        }
        return s.toString();
    }

    /** Reads the answer to {@code call}: its shape depends on the call. */
    public static Outcome parseAnswer(Call call, String line) {
        String[] t = tokens(line);
        if (t[0].equals("err")) {
            arity(t, 2, line);
            try {
                return Outcome.failed(ErrorCode.valueOf(t[1]));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("unknown error code '" + t[1] + "' in: " + line);
            }
        }
        if (!t[0].equals("ok")) {
            throw new ProtocolException("expected 'ok ...' or 'err CODE', got: " + line);
        }
        if (call instanceof Call.Touch) {
            return touchAnswer(t, line);
        }
        if (call instanceof Call.Read r) {
            byte[] data = t.length == 1 ? new byte[0] : parseBytes(t[1], line);
            arity(t, t.length == 1 ? 1 : 2, line);
            if (data.length != r.size()) {
                throw new ProtocolException("read " + r.size() + " bytes but the answer has " + data.length + ": " + line);
            }
            return new Outcome(null, List.of(), List.of(), data);
        }
        int count = call instanceof Call.Register || call instanceof Call.Allocate ? 1 : call instanceof Call.Largest ? 2 : 0;
        arity(t, count + 1, line);
        Long[] values = new Long[count];
        for (int i = 0; i < count; i++) {
            values[i] = number(t[i + 1], line);
        }
        return Outcome.ok(values);
    }

    private static Outcome touchAnswer(String[] t, String line) {
        if (t.length < 2) {
            throw new ProtocolException("touch answers 'ok RESULT CHUNK...': " + line);
        }
        long result = signedInt(t[1], line);
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 2; i < t.length; i++) {
            String[] parts = t[i].split(":", -1);
            if (parts.length != 3) {
                throw new ProtocolException("a chunk is ADDRESS:SIZE:OFFSET, not '" + t[i] + "': " + line);
            }
            chunks.add(new Chunk(number(parts[0], line), number(parts[1], line), number(parts[2], line)));
        }
        return new Outcome(null, List.of(result), chunks, new byte[0]);
    }

    // ---- memory map ------------------------------------------------------------------------

    /** The answer to {@code map}: {@code ok} and each piece as {@code FIRST:LAST:a} or {@code :f}. */
    public static String map(List<Piece> pieces) {
        StringBuilder s = new StringBuilder("ok");
        for (Piece p : pieces) {
            s.append(' ').append(hex(p.first())).append(':').append(hex(p.last())).append(':').append(p.allocated() ? 'a' : 'f');
        }
        return s.toString();
    }

    public static List<Piece> parseMap(String line) {
        String[] t = tokens(line);
        if (!t[0].equals("ok")) {
            throw new ProtocolException("expected 'ok PIECE...', got: " + line);
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 1; i < t.length; i++) {
            String[] parts = t[i].split(":", -1);
            if (parts.length != 3 || !(parts[2].equals("a") || parts[2].equals("f"))) {
                throw new ProtocolException("a piece is FIRST:LAST:a or FIRST:LAST:f, not '" + t[i] + "': " + line);
            }
            try {
                long first = number(parts[0], line);
                long last = number(parts[1], line);
                // LAST below FIRST: a libsel4vm entry whose end wraps past 2^64, compared up to 2^64 - 1
                pieces.add(new Piece(first, U64.lessThan(last, first) ? U64.MAX : last, parts[2].equals("a")));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(e.getMessage() + ": " + line);
            }
        }
        return pieces;
    }

    // ---- handshake ------------------------------------------------------------------------

    public static String hello(Config config) {
        List<String> windows = new ArrayList<>();
        for (Window w : config.windows()) {
            windows.add(hex(w.first()) + "-" + hex(w.last()));
        }
        return "hello " + VERSION + " profile=" + config.profile().label() + " page=" + hex(config.pageSize())
                + " last=" + hex(config.lastAddress()) + " windows=" + (windows.isEmpty() ? "none" : String.join(",", windows));
    }

    public static Config parseHello(String line) {
        String[] t = tokens(line);
        if (!t[0].equals("hello") || t.length != 6) {
            throw new ProtocolException("expected 'hello 1 profile=P page=P last=L windows=W', got: " + line);
        }
        if (!t[1].equals(Integer.toString(VERSION))) {
            throw new ProtocolException("protocol version " + t[1] + " is not supported (only " + VERSION + "): " + line);
        }
        try {
            Profile profile = Profile.parse(field(t[2], "profile", line));
            long page = number(field(t[3], "page", line), line);
            long last = number(field(t[4], "last", line), line);
            List<Window> windows = new ArrayList<>();
            String w = field(t[5], "windows", line);
            if (!w.equals("none")) {
                for (String pair : w.split(",", -1)) {
                    String[] ends = pair.split("-", -1);
                    if (ends.length != 2) {
                        throw new ProtocolException("a window is FIRST-LAST, not '" + pair + "': " + line);
                    }
                    windows.add(new Window(number(ends[0], line), number(ends[1], line)));
                }
            }
            return new Config(profile, last, page, windows);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage() + ": " + line);
        }
    }

    // ---- tokens ---------------------------------------------------------------------------

    private static String[] tokens(String line) {
        String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        String[] t = trimmed.strip().split(" +");
        if (t.length == 0 || t[0].isEmpty()) {
            throw new ProtocolException("empty line");
        }
        return t;
    }

    private static void arity(String[] t, int expected, String line) {
        if (t.length != expected) {
            throw new ProtocolException("'" + t[0] + "' takes " + (expected - 1) + " argument(s), got " + (t.length - 1) + ": " + line);
        }
    }

    private static String field(String token, String name, String line) {
        if (!token.startsWith(name + "=")) {
            throw new ProtocolException("expected " + name + "=..., got '" + token + "': " + line);
        }
        return token.substring(name.length() + 1);
    }

    static long number(String token, String line) {
        try {
            return U64.parse(token);
        } catch (NumberFormatException e) {
            throw new ProtocolException("not an unsigned 64-bit number: '" + token + "' in: " + line);
        }
    }

    private static int smallInt(String token, String line) {
        long n = number(token, line);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new ProtocolException("number too large: '" + token + "' in: " + line);
        }
        return (int) n;
    }

    private static int signedInt(String token, String line) {
        try {
            return token.startsWith("-") ? Integer.parseInt(token) : Math.toIntExact(U64.parse(token));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ProtocolException("not a 32-bit integer: '" + token + "' in: " + line);
        }
    }

    private static boolean flag(String token, String line) {
        return switch (token) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new ProtocolException("UNTYPED is 0 or 1, not '" + token + "': " + line);
        };
    }

    private static String hex(long value) {
        return U64.hex(value);
    }

    private static String bytes(byte[] data) {
        return data.length == 0 ? "-" : HexFormat.of().formatHex(data);
    }

    private static byte[] parseBytes(String token, String line) {
        if (token.equals("-")) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(token);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bytes are an even number of hex digits, not '" + token + "': " + line);
        }
    }
}
