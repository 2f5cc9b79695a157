package io.guestram.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether processes are gone, for the tests of reaping (Linux /proc). A zombie is dead, but a
 * zombie whose parent is this JVM was not reaped: that counts as still there.
 */
public final class ProcessTrees {

    /** The longest a killed process may take to disappear: a liveness guard, not a timing assertion. */
    private static final long PATIENCE_NANOS = 20_000_000_000L;

    private ProcessTrees() {}

    /** Waits until each process has died and, if it was this JVM's child, been reaped; false if one has not. */
    public static boolean allGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!processes.stream().allMatch(ProcessTrees::gone)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The processes still there, for a failure message. */
    public static List<String> remaining(List<ProcessHandle> processes) {
        return processes.stream().filter(p -> !gone(p)).map(p -> p.pid() + " " + stat(p.pid())).toList();
    }

    private static boolean gone(ProcessHandle process) {
        if (process.isAlive()) {
            return false;
        }
        String stat = stat(process.pid());
        // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
        String[] fields = stat.isEmpty() ? new String[0] : stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        boolean ourZombie = fields.length > 1 && fields[0].equals("Z")
                && Long.parseLong(fields[1]) == ProcessHandle.current().pid();
        return !ourZombie;
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
