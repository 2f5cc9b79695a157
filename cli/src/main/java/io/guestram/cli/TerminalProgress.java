package io.guestram.cli;

import io.guestram.explorer.ProgressListener;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of long work on one line of stderr, redrawn at most five times a second, for every
 * command: only when guestram runs on a terminal and not under --json, and only once the work has
 * taken a second, so that short runs, pipes, files and CI logs stay as they were. Counted work
 * ({@link #progress} with a total) gets a bar; work of unknown size its count; work that reports
 * nothing (a TLC or JMH run) a {@link #ticker} of elapsed seconds. The line is cleared when the
 * work ends or something else is printed through {@link #log}.
 */
final class TerminalProgress implements ProgressListener, AutoCloseable {

    private static final int WIDTH = 30;
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long quietNanos;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private int drawnWidth;

    /** Progress on {@code err} if {@code enabled}, from {@code quietNanos} after it is made. */
    TerminalProgress(PrintWriter err, boolean enabled, long quietNanos) {
        this.err = err;
        this.enabled = enabled;
        this.quietNanos = quietNanos;
    }

    /** Progress for a command: silent unless stdin and stdout are a terminal and {@code json} is false. */
    static TerminalProgress of(CommandSpec spec, boolean json) {
        return new TerminalProgress(spec.commandLine().getErr(), !json && System.console() != null, QUIET_NANOS);
    }

    boolean enabled() {
        return enabled;
    }

    /** {@code done} of {@code total} (a bar), or of an unknown total when {@code total <= 0} (a count). */
    @Override
    public synchronized void progress(String phase, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!enabled || now - started < quietNanos || (now - lastDrawn < REDRAW_NANOS && !finished)) {
            return;
        }
        if (finished) {
            clear();
            return;
        }
        lastDrawn = now;
        if (total > 0) {
            int filled = (int) (WIDTH * done / total);
            draw(String.format(Locale.ROOT, "%s [%s%s] %3d%% %,d/%,d", phase, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    100 * done / total, done, total));
        } else {
            draw(String.format(Locale.ROOT, "%s: %,d (%d s)", phase, done, (now - started) / 1_000_000_000L));
        }
    }

    /** A ticker's handle: {@link #stop} ends it and clears its line. */
    interface Ticker {
        void stop();
    }

    /** Redraws "{@code phase}: N s" every half second until the returned ticker is stopped; then clears it. */
    Ticker ticker(String phase) {
        if (!enabled) {
            return () -> { };
        }
        long since = System.nanoTime();
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    synchronized (this) {
                        draw(phase + ": " + (System.nanoTime() - since) / 1_000_000_000L + " s");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "guestram-progress");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                clear();
            }
        };
    }

    /** Lines for stderr that clear the progress line first; nothing when progress is off. */
    PrintWriter log() {
        if (!enabled) {
            return new PrintWriter(Writer.nullWriter());
        }
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                synchronized (TerminalProgress.this) {
                    clear();
                    err.write(text, offset, length);
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        }, true);
    }

    private void draw(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    private void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    @Override
    public synchronized void close() {
        clear();
    }
}
