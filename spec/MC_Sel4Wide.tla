---------------------------- MODULE MC_Sel4Wide ----------------------------
\* What this model exercises: see MC_Sel4Wide.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 8
OVERRIDE_PageSize == 4
OVERRIDE_Windows == {{0, 1, 2, 3}}
OVERRIDE_ByteValues == 1
=============================================================================
