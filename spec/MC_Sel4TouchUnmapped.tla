------------------------ MODULE MC_Sel4TouchUnmapped ------------------------
\* Model Sel4TouchUnmapped: an unaligned register_at leaves a page unmapped.
\* The constants are plain values in MC_Sel4TouchUnmapped.cfg.
EXTENDS GuestRamSel4
=============================================================================
