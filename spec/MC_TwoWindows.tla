--------------------------- MODULE MC_TwoWindows ----------------------------
\* Model TwoWindows: 4 addresses, 2-byte pages, windows {0} and {1, 2, 3}.
\* The constants are plain values in MC_TwoWindows.cfg.
EXTENDS GuestRam
=============================================================================
