--------------------------- MODULE MC_TwoWindows ----------------------------
\* Model TwoWindows: 5 addresses, 2-byte pages, two windows, the first unaligned.
\* The constants are plain values in MC_TwoWindows.cfg.
EXTENDS GuestRam
=============================================================================
