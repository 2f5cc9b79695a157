------------------------- MODULE MC_Sel4UnalignedOverlap -------------------------
\* Model Sel4UnalignedOverlap: libsel4vm's unaligned register_at overlapping a window.
\* The constants are plain values in MC_Sel4UnalignedOverlap.cfg.
EXTENDS GuestRamSel4
=============================================================================
