package io.guestram.protocol;

import io.guestram.Config;
import io.guestram.ConfigurationRefusedException;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.call.Call;
import io.guestram.call.CallTarget;
import io.guestram.call.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A guest RAM in another process, driven over the protocol of docs/protocol.md. It is handed
 * whole calls ({@link CallTarget}); read and write travel as commands, the other Java-callback
 * methods of {@link GuestRam} are not available. Its memory map is asked for with {@code map}.
 * Any misbehaviour of the process (an early exit, silence past the timeout, a malformed, partial,
 * over-long or unrequested line) is an {@link ExternalFailure} that names the command and quotes
 * what the process said, with its exit status and the tail of its standard error; the process
 * and everything it started are then killed and reaped. Nothing the process does can make the
 * driver wait longer than the timeout per command or hold more than {@link #MAX_LINE_BYTES}.
 */
public final class ExternalGuestRam implements GuestRam, CallTarget, AutoCloseable {

    /** The longest answer line accepted: a {@code read} of 8 MiB fits, a runaway writer does not. */
    public static final int MAX_LINE_BYTES = 16 << 20;

    /** How many of the last standard error lines a failure quotes, and how much of each. */
    private static final int STDERR_LINES = 5;
    private static final int STDERR_LINE_BYTES = 300;

    /** How long a process may take to leave after {@code quit} before it is killed. */
    private static final Duration QUIT_GRACE = Duration.ofMillis(200);
    /** How long a failure waits for the rest of standard error once the process tree is killed. */
    private static final Duration STDERR_DRAIN = Duration.ofSeconds(5);

    /** How often at most to look for the process's descendants: a scan of /proc takes about 2 ms. */
    private static final long DESCENDANTS_EVERY_NANOS = 100_000_000L;

    /** Tells the writer thread to stop: never a command, since blank lines are not sent. */
    private static final String STOP_WRITING = "";

    /** What the process under test did wrong. */
    public static final class ExternalFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ExternalFailure(String message) {
            super(message);
        }

        /** Reports print it after "threw": the process's fault is the news, not this class's name. */
        @Override
        public String toString() {
            return "the process failed: " + getMessage();
        }
    }

    /** What arrives on the process's standard output, in order. */
    private sealed interface Output permits Answer, Overlong, Closed {}

    private record Answer(String line) implements Output {}

    /** A line longer than {@link #MAX_LINE_BYTES}; only its start is kept. */
    private record Overlong(String head) implements Output {}

    /** The end of the output, after {@code partialBytes} bytes of an unfinished line. */
    private record Closed(String partial, long partialBytes) implements Output {}

    private final List<String> command;
    private Config config;
    private final Duration timeout;
    private final Process process;
    /** Lines to write, by a thread of their own: a process that stops reading cannot block the driver. */
    private final BlockingQueue<String> toProcess = new LinkedBlockingQueue<>();
    /** What each read of standard output brought, as one batch, so that two lines read together stay together. */
    private final BlockingQueue<List<Output>> fromProcess = new LinkedBlockingQueue<>();
    private final Deque<Output> inbox = new ArrayDeque<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrPump;
    /** Every descendant seen, to be killed with the process even if it has left the tree. */
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();
    private long descendantsSeen;
    /** The unfinished line on standard output right now, for a report of silence. */
    private volatile String partial = "";
    private volatile long partialBytes;
    private String lastAnswered;
    private boolean stopped;

    /**
     * How long a process may take to start and answer the handshake when no start-up timeout is
     * given: a JVM or an interpreter on a loaded machine can take seconds before it reads a line.
     */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** As {@link #ExternalGuestRam(List, Config, Duration, Duration)} with {@link #DEFAULT_STARTUP_TIMEOUT}. */
    public ExternalGuestRam(List<String> command, Config config, Duration timeout) {
        this(command, config, DEFAULT_STARTUP_TIMEOUT, timeout);
    }

    /**
     * Starts {@code command} and shakes hands with it: the process has {@code startupTimeout} to
     * answer the handshake, then {@code timeout} for each command after it.
     */
    public ExternalGuestRam(List<String> command, Config config, Duration startupTimeout, Duration timeout) {
        this.command = List.copyOf(command);
        this.config = config;
        this.timeout = timeout;
        try {
            this.process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ExternalFailure("cannot start '" + String.join(" ", command) + "': " + e.getMessage());
        }
        if (!ChildProcesses.adopt(process, descendants)) {
            stopped = true;
            throw new ExternalFailure("'" + String.join(" ", command) + "' was not started: the driver is shutting down");
        }
        daemon("stdin", () -> writeLines(process.getOutputStream()));
        daemon("stdout", () -> pumpAnswers(new BoundedLines(process.getInputStream(), MAX_LINE_BYTES)));
        stderrPump = daemon("stderr", () -> pumpStderr(new BoundedLines(process.getErrorStream(), STDERR_LINE_BYTES)));
        descendantsSeen = System.nanoTime() - DESCENDANTS_EVERY_NANOS; // the handshake's answer looks
        String hello = handshake(Wire.hello(config), startupTimeout);
        if (!hello.strip().equals("hello " + Wire.VERSION)) {
            throw fail("answered the handshake with '" + hello + "'");
        }
    }

    /**
     * The hello exchange: an answer {@code proto-error MESSAGE} means the implementation refuses
     * the configuration (docs/protocol.md), which is not a fault: the process is stopped and a
     * {@link ConfigurationRefusedException} says why.
     */
    private String handshake(String hello, Duration wait) {
        try {
            return exchange(hello, wait);
        } catch (ExternalFailure e) {
            String marker = "reported a protocol error for '" + hello + "': proto-error";
            int at = e.getMessage().indexOf(marker);
            if (at < 0) {
                throw e;
            }
            String why = e.getMessage().substring(at + marker.length()).strip();
            int stderr = why.indexOf("; its last stderr lines:");
            throw new ConfigurationRefusedException(config, stderr < 0 ? why : why.substring(0, stderr));
        }
    }

    private Thread daemon(String stream, Runnable body) {
        Thread t = new Thread(body, "guestram-external-" + stream);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void writeLines(OutputStream stdin) {
        try (stdin) {
            for (String line = toProcess.take(); !line.equals(STOP_WRITING); line = toProcess.take()) {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            // The process stopped reading or went away; the reader reports what it did.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpAnswers(BoundedLines lines) {
        boolean done = false;
        while (!done) {
            BoundedLines.Chunk chunk = lines.read();
            List<Output> batch = new ArrayList<>();
            for (BoundedLines.Line line : chunk.lines()) {
                batch.add(line.cut() > 0 ? new Overlong(BoundedLines.head(line.text())) : new Answer(line.text()));
            }
            partial = chunk.pending();
            partialBytes = chunk.pendingBytes();
            if (chunk.pendingBytes() > MAX_LINE_BYTES) {
                batch.add(new Overlong(chunk.pending()));
            } else if (chunk.ended()) {
                batch.add(new Closed(chunk.pending(), chunk.pendingBytes()));
            }
            done = chunk.ended() || batch.stream().anyMatch(o -> o instanceof Overlong);
            if (!batch.isEmpty()) {
                fromProcess.add(List.copyOf(batch));
            }
        }
    }

    private void pumpStderr(BoundedLines lines) {
        for (BoundedLines.Chunk chunk = lines.read(); ; chunk = lines.read()) {
            chunk.lines().forEach(line -> keepStderr(line.text() + (line.cut() > 0 ? "..." : "")));
            if (chunk.ended()) {
                if (chunk.pendingBytes() > 0) {
                    keepStderr(chunk.pending());
                }
                return;
            }
        }
    }

    private void keepStderr(String line) {
        synchronized (stderrTail) {
            stderrTail.addLast(line);
            if (stderrTail.size() > STDERR_LINES) {
                stderrTail.removeFirst();
            }
        }
    }

    /** Sends one line and waits for exactly one answer line, at most the per-command timeout. */
    private String exchange(String line) {
        return exchange(line, timeout);
    }

    /** Sends one line and waits at most {@code wait} for exactly one answer line. */
    private String exchange(String line, Duration wait) {
        if (stopped) {
            throw new ExternalFailure(name() + " was stopped after an earlier failure; cannot send '" + line + "'");
        }
        rejectUnrequested(line);
        toProcess.add(line);
        Output output;
        try {
            output = next(System.nanoTime() + wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("was interrupted waiting for the answer to '" + line + "'");
        }
        if (output == null) {
            long pending = partialBytes;
            throw fail("did not answer '" + line + "' within " + wait.toMillis() + " ms"
                    + (pending > 0 ? "; it had written " + pending + " byte(s) of a line without its newline: '" + partial + "'" : ""));
        }
        String answer = answerOrFail(output, "instead of answering '" + line + "'", "answered '" + line + "' with");
        if (answer.startsWith("proto-error")) {
            throw fail("reported a protocol error for '" + line + "': " + answer);
        }
        lastAnswered = line;
        if (System.nanoTime() - descendantsSeen >= DESCENDANTS_EVERY_NANOS) {
            process.descendants().forEach(descendants::add);
            descendantsSeen = System.nanoTime();
        }
        if (!inbox.isEmpty() && !(inbox.peek() instanceof Closed)) {
            rejectUnrequested(line);
        }
        return answer;
    }

    /** The line an output carries, or the failure it is: {@code instead} and {@code with} say when. */
    private String answerOrFail(Output output, String instead, String with) {
        if (output instanceof Answer a) {
            return a.line();
        } else if (output instanceof Overlong o) {
            throw fail(with + " a line longer than " + MAX_LINE_BYTES + " bytes, which begins '" + o.head() + "'");
        }
        Closed c = (Closed) output;
        String exit = exitStatus();
        throw fail((c.partialBytes() > 0 ? "wrote '" + c.partial() + "' without a newline and then closed its output "
                : "closed its output ") + instead + exit);
    }

    /** Fails if the process said anything since its last answer (or exited): nobody asked it. */
    private void rejectUnrequested(String next) {
        for (List<Output> batch = fromProcess.poll(); batch != null; batch = fromProcess.poll()) {
            inbox.addAll(batch);
        }
        Output extra = inbox.poll();
        if (extra == null) {
            return;
        }
        String after = lastAnswered == null ? "before the handshake" : "after answering '" + lastAnswered + "'";
        if (extra instanceof Answer a) {
            throw fail("wrote unrequested output " + after + ": '" + BoundedLines.head(a.line()) + "'");
        }
        // An exit found here or while waiting for the answer is the same failure, told the same way.
        answerOrFail(extra, "instead of answering '" + next + "'", "wrote unrequested output " + after + ":");
    }

    private Output next(long deadline) throws InterruptedException {
        while (inbox.isEmpty()) {
            long left = deadline - System.nanoTime();
            List<Output> batch = left <= 0 ? null : fromProcess.poll(left, TimeUnit.NANOSECONDS);
            if (batch == null) {
                return null;
            }
            inbox.addAll(batch);
        }
        return inbox.poll();
    }

    /** After the process closed its output: how it ended, if it did within a second. */
    private String exitStatus() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return " (exit status " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return " (it was still running)";
    }

    /** Kills the process tree and describes the failure with the end of its standard error. */
    private ExternalFailure fail(String what) {
        // Killed through its handle first, which leaves our end of the pipes open: Process.destroy
        // (in stop) closes standard error, and what the process wrote just before it died would be
        // lost if the pump had not read it yet, as happens on a loaded machine.
        if (!stopped) {
            process.descendants().forEach(descendants::add);
            process.toHandle().destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            stderrPump.join(STDERR_DRAIN.toMillis()); // ends early: the tree is dead, so the pipe reaches its end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(false);
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", stderrTail);
        }
        return new ExternalFailure(name() + " " + what + tail);
    }

    private String name() {
        return "'" + String.join(" ", command) + "'";
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
        return !stopped && process.isAlive();
    }

    /** The process's id, for tests that check it is gone. */
    public long pid() {
        return process.pid();
    }

    /**
     * Opens a new session with another configuration (a second {@code hello}, docs/protocol.md):
     * cheaper than a new process when a campaign rotates configurations. A refusal stops the
     * process and throws {@link ConfigurationRefusedException}.
     */
    public void reopen(Config other) {
        this.config = other;
        String hello = handshake(Wire.hello(other), timeout);
        if (!hello.strip().equals("hello " + Wire.VERSION)) {
            throw fail("answered the handshake with '" + hello + "'");
        }
    }

    /** Returns the process to its initial state. */
    public void reset() {
        String answer = exchange("reset");
        if (!answer.strip().equals("ok")) {
            throw fail("answered 'reset' with '" + answer + "'");
        }
    }

    /** Asks the process to quit, then kills and reaps whatever of its tree is left. */
    @Override
    public void close() {
        stop(true);
    }

    private void stop(boolean graceful) {
        if (stopped) {
            return;
        }
        stopped = true;
        process.descendants().forEach(descendants::add);
        if (graceful && process.isAlive()) {
            toProcess.add("quit");
            try {
                process.waitFor(QUIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        toProcess.add(STOP_WRITING);
        ChildProcesses.killTree(process, descendants);
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
