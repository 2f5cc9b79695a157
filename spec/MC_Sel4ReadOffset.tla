------------------------- MODULE MC_Sel4ReadOffset -------------------------
\* What this model exercises: see MC_Sel4ReadOffset.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 4
OVERRIDE_PageSize == 2
\* @type: Set(Set(Int));
OVERRIDE_Windows == {}
OVERRIDE_ByteValues == 2
=============================================================================
