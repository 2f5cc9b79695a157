---------------------- MODULE MC_Sel4UnalignedOverlap ----------------------
\* What this model exercises: see MC_Sel4UnalignedOverlap.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 4
OVERRIDE_PageSize == 2
OVERRIDE_Windows == {{2, 3}}
OVERRIDE_ByteValues == 1

\* For Apalache: the calls TLC's counterexample makes, each a disjunct of Next as written there,
\* so every behaviour of BugNext is one of Next and a violation found under it is one of the spec.
BugNext ==
    \/ \E s \in Addr, n \in Size, u \in BOOLEAN : RegisterAt(s, n, u)
    \/ \E n \in Size : Register(n)
=============================================================================
