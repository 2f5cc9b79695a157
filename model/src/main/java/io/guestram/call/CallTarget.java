package io.guestram.call;

/**
 * An implementation that is handed whole calls rather than Java callbacks, such as one in another
 * process behind the driver protocol: a touch's stopping callback travels as {@code stopAt} and
 * {@code stopValue}, and the chunks come back in the outcome.
 */
public interface CallTarget {

    Outcome perform(Call call);
}
