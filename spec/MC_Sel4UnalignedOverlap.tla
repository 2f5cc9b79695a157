---------------------- MODULE MC_Sel4UnalignedOverlap ----------------------
\* What this model exercises: see MC_Sel4UnalignedOverlap.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 4
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {{2, 3}}
OVERRIDE_ByteValues == 1
=============================================================================
