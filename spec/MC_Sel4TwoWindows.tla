------------------------- MODULE MC_Sel4TwoWindows --------------------------
\* Model Sel4TwoWindows: libsel4vm on 3 addresses, 1-byte pages, two windows.
\* The constants are plain values in MC_Sel4TwoWindows.cfg.
EXTENDS GuestRamSel4
=============================================================================
