---------------------------- MODULE MC_NoWindows ----------------------------
\* Model NoWindows: 4 addresses, 1-byte pages, no window: Register never fits.
\* The constants are plain values in MC_NoWindows.cfg.
EXTENDS GuestRam
=============================================================================
