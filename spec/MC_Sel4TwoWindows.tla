------------------------- MODULE MC_Sel4TwoWindows -------------------------
\* What this model exercises: see MC_Sel4TwoWindows.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 3
OVERRIDE_PageSize == 1
OVERRIDE_Windows == {{0}, {2}}
OVERRIDE_ByteValues == 2
=============================================================================
