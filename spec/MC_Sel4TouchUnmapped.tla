----------------------- MODULE MC_Sel4TouchUnmapped ------------------------
\* What this model exercises: see MC_Sel4TouchUnmapped.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 5
OVERRIDE_PageSize == 4
OVERRIDE_Windows == {{1}}
OVERRIDE_ByteValues == 1
=============================================================================
