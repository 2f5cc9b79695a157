package io.guestram.protocol;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The implementation processes this JVM has started and not yet reaped, each with the descendants
 * seen so far. A shutdown hook (Ctrl-C, SIGTERM, {@code System.exit}) kills each of them with all
 * its descendants, so no implementation outlives the driver; once the hook has begun, a process
 * that starts is killed at once. Invariant: {@code live} holds exactly the adopted processes not
 * yet killed.
 *
 * <p>The descendants seen must be remembered: once a process is gone its children belong to
 * init and are no longer found through it. A child started after the last look by a process that
 * then dies on its own escapes; a driver without a process group of its own cannot do better.
 */
final class ChildProcesses {

    /** How long to wait for a killed process to be gone: SIGKILL leaves it nothing to do. */
    private static final Duration KILLED_EXIT = Duration.ofSeconds(5);

    private static final Map<Process, Set<ProcessHandle>> live = new HashMap<>();
    private static boolean hookInstalled;
    private static boolean shuttingDown;

    private ChildProcesses() {}

    /**
     * Takes charge of a started process whose descendants the caller adds to {@code seen} (a
     * concurrent set) as it finds them; false, and the process killed, if the JVM is shutting down.
     */
    static boolean adopt(Process process, Set<ProcessHandle> seen) {
        synchronized (live) {
            if (!shuttingDown) {
                if (!hookInstalled) {
                    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "guestram-reaper"));
                    hookInstalled = true;
                }
                live.put(process, seen);
                return true;
            }
        }
        killTree(process, seen);
        return false;
    }

    /** Kills {@code process}, its descendants and those {@code seen} before with theirs, and waits for all. */
    static void killTree(Process process, Set<ProcessHandle> seen) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(seen);
        process.descendants().forEach(tree::add);
        seen.forEach(orphan -> orphan.descendants().forEach(tree::add));
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.onExit());
        awaitDeath(tree);
        synchronized (live) {
            live.remove(process);
        }
    }

    private static void killAll() {
        Map<Process, Set<ProcessHandle>> processes;
        synchronized (live) {
            shuttingDown = true;
            processes = new HashMap<>(live);
        }
        processes.forEach(ChildProcesses::killTree);
    }

    /**
     * Waits until the descendants have died. Not until they are reaped: that is their parents' or
     * init's business, and {@code onExit} of a process that is not our child waits for it.
     */
    private static void awaitDeath(Set<ProcessHandle> tree) {
        long deadline = System.nanoTime() + KILLED_EXIT.toNanos();
        try {
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(CompletableFuture<?> exit) {
        try {
            exit.get(KILLED_EXIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Unkillable (a process in uninterruptible sleep): nothing more a driver can do.
        }
    }
}
