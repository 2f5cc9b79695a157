package io.guestram.conformance.run;

import io.guestram.ErrorCode;
import io.guestram.Profile;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Situation;
import io.guestram.conformance.action.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * How often each action met each result (OK or an error code, as the model answered), the
 * fragmentation reached (most pieces in a memory map) and the coverage gates built on them.
 */
public final class Statistics {

    private static final ErrorCode[] CODES = ErrorCode.values();

    /** counts[action][0] is OK; counts[action][1 + code.ordinal()] an error code. */
    private final long[][] counts = new long[ActionKind.values().length][1 + CODES.length];
    private final long[] situations = new long[Situation.values().length];
    private long actions;
    private int maxPieces;
    private long pieceSteps; // the sum over steps of the pieces after each: their mean is how fragmented a campaign stays

    public void record(StepRecord step) {
        int result = step.model().isOk() ? 0 : 1 + step.model().error().ordinal();
        counts[step.action().kind().ordinal()][result]++;
        actions++;
        maxPieces = Math.max(maxPieces, step.modelAfter().size());
        pieceSteps += step.modelAfter().size();
    }

    public void add(Statistics other) {
        for (int a = 0; a < counts.length; a++) {
            for (int r = 0; r < counts[a].length; r++) {
                counts[a][r] += other.counts[a][r];
            }
        }
        for (int i = 0; i < situations.length; i++) {
            situations[i] += other.situations[i];
        }
        actions += other.actions;
        maxPieces = Math.max(maxPieces, other.maxPieces);
        pieceSteps += other.pieceSteps;
    }

    /** An independent copy: what {@link #restore} returns to. */
    public Statistics copy() {
        Statistics c = new Statistics();
        c.restore(this);
        return c;
    }

    /** Makes this statistics equal to {@code other} again (a copy taken earlier). */
    public void restore(Statistics other) {
        for (int a = 0; a < counts.length; a++) {
            System.arraycopy(other.counts[a], 0, counts[a], 0, counts[a].length);
        }
        System.arraycopy(other.situations, 0, situations, 0, situations.length);
        actions = other.actions;
        maxPieces = other.maxPieces;
        pieceSteps = other.pieceSteps;
    }

    /** One more step in {@code situation}. */
    public void reached(Situation situation) {
        situations[situation.ordinal()]++;
    }

    public long count(Situation situation) {
        return situations[situation.ordinal()];
    }

    /** The situation reached least often so far (the first of equals): what targeted generation aims at. */
    public Situation leastCovered(java.util.Set<Situation> among) {
        Situation least = null;
        for (Situation x : among) {
            least = least == null || count(x) < count(least) ? x : least;
        }
        return least;
    }

    public long actions() {
        return actions;
    }

    /** The most pieces any memory map had: how fragmented the runs got. */
    public int maxPieces() {
        return maxPieces;
    }

    /** The mean number of pieces in the model's memory map after a step: how many live pieces every step's checks faced. */
    public double meanPieces() {
        return actions == 0 ? 0 : (double) pieceSteps / actions;
    }

    /** How often {@code kind} returned OK ({@code code == null}) or {@code code}. */
    public long count(ActionKind kind, ErrorCode code) {
        return counts[kind.ordinal()][code == null ? 0 : 1 + code.ordinal()];
    }

    public long count(ActionKind kind) {
        long total = 0;
        for (long c : counts[kind.ordinal()]) {
            total += c;
        }
        return total;
    }

    public long count(ErrorCode code) {
        long total = 0;
        for (ActionKind k : ActionKind.values()) {
            total += count(k, code);
        }
        return total;
    }

    /**
     * Actions that never ran and error codes never returned. libsel4vm reports no error for
     * mark_allocated or free, so profile sel4 cannot return ALREADY_ALLOCATED or NOT_ALLOCATED.
     */
    public List<String> coverageGaps(Weights weights, Profile profile) {
        List<String> gaps = new ArrayList<>();
        for (ActionKind k : ActionKind.values()) {
            if (weights.of(k) > 0 && count(k) == 0) {
                gaps.add("action " + k.label() + " never ran");
            }
        }
        for (ErrorCode code : CODES) {
            boolean possible = profile == Profile.SPEC
                    || (code != ErrorCode.ALREADY_ALLOCATED && code != ErrorCode.NOT_ALLOCATED);
            if (possible && count(code) == 0) {
                gaps.add("error " + code + " never returned");
            }
        }
        return gaps;
    }

    /** Situations never reached; {@code gated} lists those the campaign could reach. */
    public List<String> situationGaps(java.util.Set<Situation> gated) {
        List<String> gaps = new ArrayList<>();
        for (Situation x : gated) {
            if (count(x) == 0) {
                gaps.add("situation '" + x.label() + "' never reached");
            }
        }
        return gaps;
    }

    /** The situations and how often each was reached. */
    public String situationTable() {
        StringBuilder s = new StringBuilder("situation                                       steps\n");
        for (Situation x : Situation.values()) {
            s.append(String.format("%-45s %7d%n", x.label(), count(x)));
        }
        return s.toString();
    }

    /** A table: one row per action, one column per result. */
    public String table() {
        StringBuilder s = new StringBuilder(String.format("%-15s %9s", "action", "OK"));
        for (ErrorCode c : CODES) {
            s.append(String.format(" %9s", abbreviation(c)));
        }
        s.append('\n');
        for (ActionKind k : ActionKind.values()) {
            s.append(String.format("%-15s", k.label()));
            for (long c : counts[k.ordinal()]) {
                s.append(String.format(" %9d", c));
            }
            s.append('\n');
        }
        return s.append("max pieces ").append(maxPieces).append(", mean ").append(Math.round(meanPieces())).append('\n').toString();
    }

    /** EXACT_FIT_AT_RUN_END as exactFitAtRunEnd. */
    private static String camel(String constant) {
        StringBuilder s = new StringBuilder();
        for (String word : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
            s.append(s.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return s.toString();
    }

    /** Column headers short enough for a terminal: INVALID_RANGE becomes INV_RANGE etc. */
    private static String abbreviation(ErrorCode c) {
        String name = c.name();
        return name.length() <= 9 ? name : name.substring(0, 9);
    }

    public String toJson() {
        StringBuilder s = new StringBuilder("{\"actions\":").append(actions)
                .append(",\"maxPieces\":").append(maxPieces)
                .append(",\"meanPieces\":").append(Math.round(meanPieces())).append(",\"situations\":{");
        for (Situation x : Situation.values()) {
            s.append(x.ordinal() == 0 ? "" : ",").append('"').append(camel(x.name())).append("\":").append(count(x));
        }
        s.append("},\"results\":{");
        for (ActionKind k : ActionKind.values()) {
            s.append(k.ordinal() == 0 ? "" : ",").append('"').append(k.label()).append("\":{\"OK\":")
                    .append(count(k, null));
            for (ErrorCode c : CODES) {
                s.append(",\"").append(c.name()).append("\":").append(count(k, c));
            }
            s.append('}');
        }
        return s.append("}}").toString();
    }
}
