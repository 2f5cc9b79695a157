------------------------- MODULE MC_Sel4TouchSplit -------------------------
\* What this model exercises: see MC_Sel4TouchSplit.cfg, whose constants TLC and the
\* explorer read; the OVERRIDE_ definitions give Apalache the same values (TLC ignores them).
EXTENDS GuestRamSel4

OVERRIDE_Limit == 3
OVERRIDE_PageSize == 1
\* @type: Set(Set(Int));
OVERRIDE_Windows == {}
OVERRIDE_ByteValues == 1

\* For Apalache: the calls TLC's counterexample makes, each a disjunct of Next as written there,
\* so every behaviour of BugNext is one of Next and a violation found under it is one of the spec.
BugNext ==
    \/ \E s \in Addr, n \in Size, u \in BOOLEAN : RegisterAt(s, n, u)
    \/ \E s \in Addr, n \in Size : MarkAllocated(s, n)
    \/ \E a \in Addr, n \in Size, k \in 0 .. MaxChunks : Touch(a, n, k)
=============================================================================
