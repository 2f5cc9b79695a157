package io.guestram.protocol;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.call.Call;
import io.guestram.call.CallTarget;
import io.guestram.call.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A guest RAM in another process, driven over the protocol of docs/protocol.md. It is handed
 * whole calls ({@link CallTarget}); read and write travel as commands, the other Java-callback
 * methods of {@link GuestRam} are not available. Its memory map is asked for with {@code map}. Any misbehaviour of the
 * process (exit, silence past the timeout, a malformed answer) is an {@link ExternalFailure}
 * that names the command and quotes what the process said, and the process is then killed.
 */
public final class ExternalGuestRam implements GuestRam, CallTarget, AutoCloseable {

    /** What the process under test did wrong. */
    public static final class ExternalFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ExternalFailure(String message) {
            super(message);
        }
    }

    private static final String EOF = "\u0000eof";

    private final List<String> command;
    private final Config config;
    private final Duration timeout;
    private final Process process;
    private final PrintStream toProcess;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();

    public ExternalGuestRam(List<String> command, Config config, Duration timeout) {
        this.command = List.copyOf(command);
        this.config = config;
        this.timeout = timeout;
        try {
            this.process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ExternalFailure("cannot start '" + String.join(" ", command) + "': " + e.getMessage());
        }
        this.toProcess = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
        String hello = exchange(Wire.hello(config));
        if (!hello.strip().equals("hello " + Wire.VERSION)) {
            throw fail("answered the handshake with '" + hello + "'");
        }
    }

    private void pump(BufferedReader reader, boolean isAnswers) {
        Thread t = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (isAnswers) {
                        answers.add(line);
                    } else {
                        synchronized (stderrTail) {
                            stderrTail.addLast(line);
                            if (stderrTail.size() > 5) {
                                stderrTail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // The process went away; the EOF marker below says so.
            }
            if (isAnswers) {
                answers.add(EOF);
            }
        }, "guestram-external-" + (isAnswers ? "stdout" : "stderr"));
        t.setDaemon(true);
        t.start();
    }

    /** Sends one line and waits for exactly one answer line. */
    private String exchange(String line) {
        if (!process.isAlive() && answers.isEmpty()) {
            throw fail("has exited (status " + process.exitValue() + ") before '" + line + "'");
        }
        toProcess.println(line);
        String answer;
        try {
            answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("was interrupted waiting for the answer to '" + line + "'");
        }
        if (answer == null) {
            throw fail("did not answer '" + line + "' within " + timeout.toMillis() + " ms");
        }
        if (answer.equals(EOF)) {
            throw fail("closed its output instead of answering '" + line + "'" + exitStatus());
        }
        if (answer.startsWith("proto-error")) {
            throw fail("reported a protocol error for '" + line + "': " + answer);
        }
        return answer;
    }

    private String exitStatus() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " (exit status " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private ExternalFailure fail(String what) {
        close();
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", stderrTail);
        }
        return new ExternalFailure("'" + String.join(" ", command) + "' " + what + tail);
    }

    @Override
    public Outcome perform(Call call) {
        String line = Wire.command(call);
        String answer = exchange(line);
        try {
            return Wire.parseAnswer(call, answer);
        } catch (ProtocolException e) {
            throw fail("answered '" + line + "' with garbage: " + e.getMessage());
        }
    }

    /** True while the process runs and has not misbehaved. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the process to its initial state. */
    public void reset() {
        String answer = exchange("reset");
        if (!answer.strip().equals("ok")) {
            throw fail("answered 'reset' with '" + answer + "'");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            toProcess.println("quit");
            try {
                if (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    @Override
    public Config config() {
        return config;
    }

    private UnsupportedOperationException wholeCallsOnly() {
        return new UnsupportedOperationException("an external implementation takes whole calls (Call.apply)");
    }

    @Override
    public void registerAt(long start, long size, boolean untyped) {
        throw wholeCallsOnly();
    }

    @Override
    public long register(long size) {
        throw wholeCallsOnly();
    }

    @Override
    public void markAllocated(long start, long size) {
        throw wholeCallsOnly();
    }

    @Override
    public long allocate(long size) {
        throw wholeCallsOnly();
    }

    @Override
    public void free(long start, long size) {
        throw wholeCallsOnly();
    }

    @Override
    public Region findLargestFreeRegion() {
        throw wholeCallsOnly();
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        throw wholeCallsOnly();
    }

    /** Reads through the {@code read} command. */
    @Override
    public byte[] read(long address, int size) {
        Outcome outcome = perform(new Call.Read(address, size));
        if (!outcome.isOk()) {
            throw new io.guestram.GuestRamException(outcome.error(), "the process rejected read");
        }
        return outcome.data();
    }

    /** Writes through the {@code write} command. */
    @Override
    public void write(long address, byte[] data) {
        Outcome outcome = perform(new Call.Write(address, data));
        if (!outcome.isOk()) {
            throw new io.guestram.GuestRamException(outcome.error(), "the process rejected write");
        }
    }

    /** Asks the process for its memory map ({@code map}). */
    @Override
    public List<Piece> memoryMap() {
        String answer = exchange("map");
        try {
            return Wire.parseMap(answer);
        } catch (ProtocolException e) {
            throw fail("answered 'map' with garbage: " + e.getMessage());
        }
    }
}
