------------------------- MODULE MC_NoWindowsWide --------------------------
\* What this model exercises: see MC_NoWindowsWide.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRam

OVERRIDE_Limit == 8
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {}
OVERRIDE_ByteValues == 1
=============================================================================
