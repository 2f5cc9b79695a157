----------------------------- MODULE MC_Small ------------------------------
\* What this model exercises: see MC_Small.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRam

OVERRIDE_Limit == 4
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {{0, 1, 2, 3}}
OVERRIDE_ByteValues == 2
=============================================================================
