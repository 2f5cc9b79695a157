------------------------- MODULE MC_Sel4TouchSplit -------------------------
\* What this model exercises: see MC_Sel4TouchSplit.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 3
OVERRIDE_PageSize == 1
\* @type: Set(Set(Int));
OVERRIDE_Windows == {}
OVERRIDE_ByteValues == 1
=============================================================================
