---------------------------- MODULE MC_Sel4Eight ----------------------------
\* What this model exercises: see MC_Sel4Eight.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 8
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {{1, 2, 3}, {4}, {6, 7}}
OVERRIDE_ByteValues == 1
=============================================================================
