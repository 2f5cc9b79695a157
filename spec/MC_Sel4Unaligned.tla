-------------------------- MODULE MC_Sel4Unaligned --------------------------
\* Model Sel4Unaligned: libsel4vm on 4 addresses, 2-byte pages, an unaligned window.
\* The constants are plain values in MC_Sel4Unaligned.cfg.
EXTENDS GuestRamSel4
=============================================================================
