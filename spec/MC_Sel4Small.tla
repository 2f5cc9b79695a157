---------------------------- MODULE MC_Sel4Small ----------------------------
\* Model Sel4Small: libsel4vm on 3 addresses, 2-byte pages, a window over page 0.
\* The constants are plain values in MC_Sel4Small.cfg.
EXTENDS GuestRamSel4
=============================================================================
