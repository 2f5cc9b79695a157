------------------------- MODULE MC_Sel4TouchSplit --------------------------
\* Model Sel4TouchSplit: a touch across an allocated/free split fails.
\* The constants are plain values in MC_Sel4TouchSplit.cfg.
EXTENDS GuestRamSel4
=============================================================================
