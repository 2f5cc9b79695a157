--------------------------- MODULE MC_NoWindows ----------------------------
\* What this model exercises: see MC_NoWindows.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRam

OVERRIDE_Limit == 4
OVERRIDE_PageSize == 1
\* @type: Set(Set(Int));
OVERRIDE_Windows == {}
OVERRIDE_ByteValues == 2
=============================================================================
