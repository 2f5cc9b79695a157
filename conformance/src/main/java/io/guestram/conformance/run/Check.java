package io.guestram.conformance.run;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A labelled property checked after every step: either an invariant of one instance, checked
 * on the model and then on the implementation, or an agreement between the two. A check that
 * throws is a violation of that check on the side that threw.
 */
public final class Check {

    private final String label;
    private final BiFunction<SideView, SideView, Violation> body;

    private Check(String label, BiFunction<SideView, SideView, Violation> body) {
        this.label = label;
        this.body = body;
    }

    /** An invariant: {@code property} returns what is wrong, or null when it holds. */
    public static Check invariant(String label, Function<SideView, String> property) {
        return invariantWithLabels(label, side -> {
            String why = property.apply(side);
            return why == null ? null : new Violation(label, side.side(), why);
        });
    }

    /**
     * An invariant of the memory maps before and after alone: it held for the map before, so
     * it is checked on a side only when the step changed that side's map, and on the
     * implementation not again when its maps before and after are the model's very objects
     * (the property, a function of the two maps, has just been judged on them).
     */
    public static Check mapInvariant(String label, Function<SideView, String> property) {
        Check plain = invariant(label, property);
        return new Check(label, (model, impl) -> {
            boolean sameMaps = impl.before() == model.before() && impl.after() == model.after();
            return plain.body.apply(model.mapChanged() ? model : null, impl.mapChanged() && !sameMaps ? impl : null);
        });
    }

    /**
     * An invariant that also queries the instance: checked on the implementation after every
     * step (hidden state may change with an unchanged map), on the model (a function of its
     * map) only when its map changed.
     */
    public static Check stateInvariant(String label, Function<SideView, String> property) {
        Check plain = invariant(label, property);
        return new Check(label, (model, impl) -> plain.body.apply(model.mapChanged() ? model : null, impl));
    }

    /** An invariant whose violations carry their own, finer labels. */
    public static Check invariantWithLabels(String label, Function<SideView, Violation> property) {
        return new Check(label, (model, impl) -> {
            Violation v = guarded(label, model, property);
            return v != null ? v : guarded(label, impl, property);
        });
    }

    /** An agreement: {@code comparison} returns how the sides differ, or null when they agree. */
    public static Check agreement(String label, BiFunction<SideView, SideView, String> comparison) {
        return new Check(label, (model, impl) -> {
            String why = comparison.apply(model, impl);
            return why == null ? null : new Violation(label, Side.BOTH, why);
        });
    }

    /** The property on one side; a null side is skipped. */
    private static Violation guarded(String label, SideView side, Function<SideView, Violation> property) {
        if (side == null) {
            return null;
        }
        try {
            return property.apply(side);
        } catch (RuntimeException | StackOverflowError e) {
            return new Violation(label, side.side(), "checking it threw " + e);
        }
    }

    public String label() {
        return label;
    }

    /** The violation, or null. An exception escaping an agreement is blamed on the implementation. */
    public Violation run(SideView model, SideView impl) {
        try {
            return body.apply(model, impl);
        } catch (RuntimeException | StackOverflowError e) {
            return new Violation(label, Side.IMPL, "checking it threw " + e);
        }
    }
}
