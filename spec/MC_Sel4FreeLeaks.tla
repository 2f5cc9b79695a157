-------------------------- MODULE MC_Sel4FreeLeaks --------------------------
\* Model Sel4FreeLeaks: vm_ram_free is a no-op: FreeReleasesTheRange fails.
\* The constants are plain values in MC_Sel4FreeLeaks.cfg.
EXTENDS GuestRamSel4
=============================================================================
