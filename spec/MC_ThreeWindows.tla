-------------------------- MODULE MC_ThreeWindows --------------------------
\* What this model exercises: see MC_ThreeWindows.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRam

OVERRIDE_Limit == 8
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {{0, 1}, {3, 4}, {6, 7}}
OVERRIDE_ByteValues == 1
=============================================================================
