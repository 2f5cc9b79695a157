package io.guestram.trace;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Call.Allocate;
import io.guestram.call.Call.Free;
import io.guestram.call.Call.Largest;
import io.guestram.call.Call.MarkAllocated;
import io.guestram.call.Call.Read;
import io.guestram.call.Call.Register;
import io.guestram.call.Call.RegisterAt;
import io.guestram.call.Call.Touch;
import io.guestram.call.Call.Write;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.model.Models;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed test vectors for implementations that cannot run the driver: a handful of traces
 * (docs/trace-format.md) whose expected results are the reference model's. Each file starts from a
 * fresh guest RAM of {@link Config#defaults(Profile)}; together they reach every error code of every
 * call in profile spec, page-crossing touches, reads and writes, callbacks that stop the walk, and
 * ranges that end exactly at 2^64 or overflow it. Nothing is random: the bytes are the same every run.
 */
public final class Vectors {

    private static final long P = Config.DEFAULT_PAGE_SIZE;
    /** 2^64 - 1, the last address. */
    private static final long TOP = -1L;
    /** The last page: [2^64 - P, 2^64). */
    private static final long LAST_PAGE = -P;
    /** Low registered RAM of the files: [BASE, BASE + 4P). */
    private static final long BASE = 0x10000;

    private Vectors() {}

    /** One vector file: its name, what it covers, and its text. */
    public record VectorFile(String name, String description, String text) {}

    private record Script(String name, String description, List<Call> calls) {}

    /** The vector files of {@code profile}, in order. */
    public static List<VectorFile> generate(Profile profile) {
        Config config = Config.defaults(profile);
        List<VectorFile> files = new ArrayList<>();
        for (Script script : scripts()) {
            GuestRam ram = Models.reference(config);
            StringBuilder s = new StringBuilder(JsonTrace.configLine(config)).append('\n');
            for (Call call : script.calls()) {
                if (profile == Profile.SEL4 && hugeRegistration(call)) {
                    continue;
                }
                s.append(JsonTrace.line(Action.of(call), call.apply(ram))).append('\n');
            }
            files.add(new VectorFile(script.name(), script.description(), s.toString()));
        }
        return files;
    }

    /** Writes the vector files of {@code profile} and a README.txt listing them into {@code dir}. */
    public static List<Path> write(Profile profile, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        StringBuilder readme = new StringBuilder("guestram test vectors, profile " + profile.label() + "\n\n"
                + "Each file is a trace in the format of docs/trace-format.md: a config line, then one call per line\n"
                + "with the result the reference model gives. Each file starts from a fresh guest RAM. Replay one with\n"
                + "`guestram check-trace FILE`, or feed the calls to your implementation and compare.\n\n");
        for (VectorFile f : generate(profile)) {
            Path path = dir.resolve(f.name());
            Files.writeString(path, f.text(), StandardCharsets.UTF_8);
            written.add(path);
            readme.append(String.format("%-20s %s%n", f.name(), f.description()).replace(System.lineSeparator(), "\n"));
        }
        Path path = dir.resolve("README.txt");
        Files.writeString(path, readme.toString(), StandardCharsets.UTF_8);
        written.add(path);
        return written;
    }

    private static List<Call> setup() {
        return List.of(new RegisterAt(BASE, 4 * P, false));
    }

    private static List<Call> with(List<Call> first, Call... rest) {
        List<Call> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static List<Script> scripts() {
        List<Script> s = new ArrayList<>();
        s.add(new Script("register_at.jsonl", "register_at: OK, untyped, INVALID_RANGE (size 0, overflow), OVERLAP (byte-exact, partial)",
                List.of(new RegisterAt(BASE, 4 * P, false),
                        new RegisterAt(BASE + 4 * P, 1, true),
                        new RegisterAt(BASE + 8 * P, 0, false),
                        new RegisterAt(LAST_PAGE, 2 * P, false),
                        new RegisterAt(BASE + 4 * P, 1, false),
                        new RegisterAt(BASE - 1, 2, false),
                        new RegisterAt(BASE + P, P, false),
                        new RegisterAt(BASE + 4 * P + 1, 3, false))));
        s.add(new Script("register.jsonl", "register: OK (aligned, unaligned size), INVALID_RANGE (size 0), NO_SPACE",
                List.of(new Register(0),
                        new Register(P),
                        new Register(3),
                        new Register(P),
                        new Register(TOP),
                        new Register(LAST_PAGE))));
        s.add(new Script("mark_allocated.jsonl", "mark_allocated: OK, INVALID_RANGE, NOT_RAM, ALREADY_ALLOCATED, across registrations",
                with(setup(),
                        new MarkAllocated(BASE, 0x10),
                        new MarkAllocated(BASE, 0),
                        new MarkAllocated(TOP, 2),
                        new MarkAllocated(0, 1),
                        new MarkAllocated(BASE + 4 * P - 1, 2),
                        new MarkAllocated(BASE + 8, 0x10),
                        new MarkAllocated(BASE + 0xf, 1),
                        new MarkAllocated(BASE + 0x10, 1),
                        new RegisterAt(BASE + 4 * P, P, false),
                        new MarkAllocated(BASE + 4 * P - 1, 2))));
        s.add(new Script("allocate.jsonl", "allocate: INVALID_RANGE (size 0), NO_SPACE, OK (lowest fit, across adjacent registrations)",
                List.of(new Allocate(0),
                        new Allocate(1),
                        new RegisterAt(BASE, 4 * P, false),
                        new Allocate(0x10),
                        new Allocate(P + 1),
                        new Allocate(4 * P),
                        new RegisterAt(BASE + 4 * P, P, false),
                        new Allocate(2 * P),
                        new Allocate(TOP))));
        s.add(new Script("free.jsonl", "free: OK (whole, sub-range), INVALID_RANGE, NOT_ALLOCATED, coalescing",
                with(setup(),
                        new MarkAllocated(BASE, 2 * P),
                        new Free(BASE, 0),
                        new Free(TOP, 2),
                        new Free(BASE + 2 * P, 1),
                        new Free(BASE + 2 * P - 1, 2),
                        new Free(0, 1),
                        new Free(BASE + 0x10, 0x10),
                        new Largest(),
                        new Free(BASE + P, P),
                        new Largest(),
                        new Free(BASE, 0x10),
                        new Free(BASE + 0x20, P - 0x20),
                        new Largest(),
                        new Free(BASE, 1))));
        s.add(new Script("largest.jsonl", "largest: NO_FREE_REGION (nothing registered, all allocated), OK, ties to the lowest",
                List.of(new Largest(),
                        new RegisterAt(BASE, 4 * P, false),
                        new Largest(),
                        new MarkAllocated(BASE, 4 * P),
                        new Largest(),
                        new Free(BASE + P, P),
                        new Free(BASE + 3 * P, P),
                        new Largest(),
                        new Free(BASE + 2 * P, 1),
                        new Largest())));
        s.add(new Script("touch.jsonl", "touch: chunks across pages, the k-th callback stopping (k = 1, 2, 3, past the end), "
                + "INVALID_RANGE, NOT_RAM, across allocated/free",
                with(setup(),
                        new Touch(BASE, 1, 0, 0),
                        new Touch(BASE + P - 4, 8, 0, 0),
                        new Touch(BASE + 0x10, 3 * P, 0, 0),
                        new Touch(BASE, 4 * P, 0, 0),
                        new Touch(BASE + 0x10, 3 * P, 1, 1),
                        new Touch(BASE + 0x10, 3 * P, 2, 2),
                        new Touch(BASE + 0x10, 3 * P, 3, -1),
                        new Touch(BASE + 0x10, 3 * P, 4, Integer.MIN_VALUE),
                        new Touch(BASE + 0x10, 3 * P, 9, 42),
                        new Touch(BASE, 0, 0, 0),
                        new Touch(TOP, 2, 1, 1),
                        new Touch(BASE - 1, 2, 0, 0),
                        new Touch(BASE + 4 * P - 1, 2, 0, 0),
                        new MarkAllocated(BASE + P, P),
                        new Touch(BASE + P - 2, P + 4, 0, 0))));
        s.add(new Script("read_write.jsonl", "read/write: zeros, across pages at every offset, persistence across allocate/free, "
                + "INVALID_RANGE, NOT_RAM",
                with(setup(),
                        new Read(BASE, 4),
                        new Write(BASE + P - 3, bytes(8, 0x11)),
                        new Read(BASE + P - 4, 10),
                        new Write(BASE + 0x20, bytes((int) (2 * P + 8), 0x01)),
                        new Read(BASE + 0x20, (int) (2 * P + 8)),
                        new Allocate(P),
                        new Free(BASE, P),
                        new Read(BASE + P - 4, 10),
                        new Read(BASE, 0),
                        new Write(BASE, new byte[0]),
                        new Read(TOP, 2),
                        new Write(TOP, bytes(2, 0x80)),
                        new Read(BASE - 1, 2),
                        new Write(BASE + 4 * P - 1, bytes(2, 0x7f)),
                        new Read(BASE + 4 * P - 2, 2))));
        s.add(new Script("edges.jsonl", "2^64 edges: ranges ending exactly at 2^64, ranges overflowing it, the whole space free",
                List.of(new RegisterAt(LAST_PAGE, P, false),
                        new RegisterAt(LAST_PAGE, P + 1, false),
                        new RegisterAt(TOP, 1, false),
                        new RegisterAt(TOP, TOP, false),
                        new Largest(),
                        new MarkAllocated(LAST_PAGE, P),
                        new MarkAllocated(TOP, 2),
                        new Free(TOP, 1),
                        new Free(TOP, 2),
                        new Free(LAST_PAGE, TOP),
                        new Largest(),
                        new Allocate(1),
                        new Touch(LAST_PAGE - 4, 4 + P, 0, 0),
                        new Touch(LAST_PAGE, P, 0, 0),
                        new Touch(TOP, 1, 1, 1),
                        new Touch(LAST_PAGE, P + 1, 0, 0),
                        new Write(TOP - 1, bytes(2, 0xfe)),
                        new Read(TOP - 1, 2),
                        new Read(TOP, 2),
                        new RegisterAt(0, TOP, false),
                        new RegisterAt(0, LAST_PAGE, false),
                        new Largest(),
                        new Allocate(TOP),
                        new Largest(),
                        new Free(0, TOP),
                        new MarkAllocated(0, 1),
                        new Largest(),
                        new Register(1))));
        return s;
    }

    /**
     * libsel4vm reserves and maps registered memory page by page: registrations of 2^64 scale
     * would take hours in the C library these vectors are for, so profile sel4's vectors leave them out.
     */
    private static boolean hugeRegistration(Call call) {
        long limit = 1L << 32;
        return call instanceof RegisterAt r && Long.compareUnsigned(r.size(), limit) > 0
                || call instanceof Register g && Long.compareUnsigned(g.size(), limit) > 0;
    }

    /** {@code n} bytes counting up from {@code first}, wrapping at 256. */
    private static byte[] bytes(int n, int first) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }
}
