--------------------------- MODULE MC_TwoWindows ---------------------------
\* What this model exercises: see MC_TwoWindows.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRam

OVERRIDE_Limit == 4
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {{0}, {1, 2, 3}}
OVERRIDE_ByteValues == 2
=============================================================================
