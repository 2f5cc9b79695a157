package io.guestram.explorer;

/** Told now and then how far a campaign is: {@code done} of about {@code total} steps. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (phase, done, total) -> { };

    void progress(String phase, long done, long total);
}
