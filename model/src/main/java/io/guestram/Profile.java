package io.guestram;

/** Which semantics a guest RAM follows. */
public enum Profile {
    /** The intended semantics of the README's table, specified by spec/GuestRam.tla. */
    SPEC,
    /** Bit-for-bit what libsel4vm's guest_ram.c does today, bugs included. */
    SEL4;

    /** The name used on the command line, in traces and in the driver protocol. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Profile parse(String label) {
        for (Profile p : values()) {
            if (p.label().equalsIgnoreCase(label.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + label + "' (expected spec or sel4)");
    }
}
