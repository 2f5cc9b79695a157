package io.guestram.protocol;

import io.guestram.model.Models;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reference model served over the protocol with one fault injected, for the tests of what
 * the driver makes of misbehaviour: {@code FAULT N [grandchild]}, the fault striking at the N-th
 * call of a session (counted from hello or reset; map, reset and quit are not calls).
 * {@code grandchild} first starts a long-lived {@code sleep}, which must die with this process.
 * <ul>
 *   <li>{@code crash}: says so on stderr and exits with status 3 instead of answering;
 *   <li>{@code hang}: never answers;
 *   <li>{@code partial-eof}: writes the first half of its answer, no newline, exits with status 4;
 *   <li>{@code partial-stall}: writes the first half of its answer, no newline, then hangs;
 *   <li>{@code extra}: answers, then writes the line {@value #EXTRA};
 *   <li>{@code huge}: writes 64 MiB without a newline, then hangs;
 *   <li>{@code arity}: answers with one value too many ({@code ok ... 0x0});
 *   <li>{@code random}: from the N-th call on, answers each call with a wrong error code at random,
 *       seeded by the clock: a nondeterministic implementation.
 * </ul>
 */
public final class FaultyServer {

    static final String EXTRA = "debug: nobody asked";
    private static final Set<String> NOT_CALLS = Set.of("hello", "reset", "map", "quit");

    private final String fault;
    private final int strikeAt;
    private final Random random = new Random(System.nanoTime());
    private int calls;
    private boolean answeringCall;

    private FaultyServer(String fault, int strikeAt) {
        this.fault = fault;
        this.strikeAt = strikeAt;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2 && args[2].equals("grandchild")) {
            new ProcessBuilder("sleep", "600").start();
        }
        FaultyServer server = new FaultyServer(args[0], Integer.parseInt(args[1]));
        PrintStream stdout = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        new ProtocolServer(Models::reference).serve(server.commands(), server.answers(stdout));
        Runtime.getRuntime().halt(0); // the grandchild's pipes must not keep this JVM waiting
    }

    /** Counts the calls and strikes, for the faults that strike on receiving a command. */
    private BufferedReader commands() {
        return new ProtocolServer.Lines(new InputStreamReader(System.in, StandardCharsets.UTF_8)) {
            @Override
            public String readLine() throws IOException {
                String line = super.readLine();
                String word = line == null ? "" : line.strip().split(" +")[0];
                answeringCall = line != null && !line.isBlank() && !NOT_CALLS.contains(word);
                calls = word.equals("hello") || word.equals("reset") ? 0 : calls + (answeringCall ? 1 : 0);
                if (striking() && fault.equals("crash")) {
                    System.err.println("fake: crashing on '" + line + "'");
                    System.err.flush();
                    Runtime.getRuntime().halt(3);
                } else if (striking() && fault.equals("hang")) {
                    hang();
                }
                return line;
            }
        };
    }

    /** Bends the answer to the current call, for the faults that strike on answering. */
    private PrintStream answers(PrintStream out) {
        return new PrintStream(out, false, StandardCharsets.UTF_8) {
            @Override
            public void println(String answer) {
                boolean randomly = fault.equals("random") && answeringCall && calls >= strikeAt && random.nextBoolean();
                if (randomly) {
                    super.println(answer.equals("err INVALID_RANGE") ? "err OVERLAP" : "err INVALID_RANGE");
                } else if (!striking()) {
                    super.println(answer);
                } else {
                    strike(this, super::println, answer);
                }
            }
        };
    }

    private boolean striking() {
        return answeringCall && calls == strikeAt;
    }

    /** {@code line} writes a line past the bending of {@link #answers}. */
    private void strike(PrintStream out, Consumer<String> line, String answer) {
        String half = answer.substring(0, answer.length() / 2);
        switch (fault) {
            case "partial-eof" -> {
                out.print(half);
                out.flush();
                Runtime.getRuntime().halt(4);
            }
            case "partial-stall" -> {
                out.print(half);
                out.flush();
                hang();
            }
            case "extra" -> {
                line.accept(answer);
                line.accept(EXTRA);
            }
            case "huge" -> {
                byte[] mebibyte = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 64; i++) {
                    out.write(mebibyte, 0, mebibyte.length);
                }
                out.flush();
                hang();
            }
            case "arity" -> line.accept(answer + " 0x0");
            default -> line.accept(answer);
        }
    }

    private static void hang() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
