------------------------------ MODULE MCRuns_64 ------------------------------
(***************************************************************************)
(* GuestRamRuns over the whole 64-bit space, for Apalache only (TLC cannot *)
(* enumerate it): Limit = 2^64, 4 KiB pages, one window over everything   *)
(* (the Java model's default configuration, which check-trace assumes).    *)
(* Apalache reads the constants from the OVERRIDE_ definitions below; a    *)
(* .cfg would leave them symbolic.  See spec/README.md for the commands.   *)
(***************************************************************************)
EXTENDS GuestRamRuns, Apalache

OVERRIDE_Limit == 2^64
OVERRIDE_PageSize == 4096
\* @type: Set(<<Int, Int>>);
OVERRIDE_WindowRuns == {<<0, 2^64 - 1>>}
OVERRIDE_MaxWord == 2^64 - 1
OVERRIDE_MaxChunks == 3

\* The run bound of the inductive proof: IndInv is proven for every state of
\* at most MaxRuns pieces and every record of the last call (Gen: any value of
\* the type, sequences of up to 3 elements).
MaxRuns == 5

\* The states IndInv allows, for --init (Gen makes them symbolic).
IndInit ==
    /\ pieces = Gen(MaxRuns)
    /\ last = Gen(3)
    /\ IndInv

\* Init implies IndInv: checked as --init=Init --inv=IndInv --length=0.

(***************************************************************************)
(* Traps: each is violated by a behaviour of interest at 2^64, so that     *)
(* Apalache shows it is reachable and writes it as ITF (a counterexample). *)
(* spec/apalache-checks.txt expects each to be violated.                   *)
(***************************************************************************)
\* An accepted call on a range ending exactly at 2^64.
TrapRangeEndsAt2to64 ==
    ~(/\ last.code = "OK"
      /\ last.op \in {"RegisterAt", "MarkAllocated", "Free", "Touch"}
      /\ last.args[1] + last.args[2] = 2^64)

\* A largest free run of 2^63 bytes or more.
TrapSizeNear2to64 ==
    ~(last.op = "Largest" /\ last.code = "OK" /\ last.ret[2] >= 2^63)

\* A touch whose walk has a head, a whole page and a tail.
TrapTouchHeadPagesTail ==
    ~(/\ last.op = "Touch" /\ last.code = "OK" /\ Len(last.chunks) = 3
      /\ last.chunks[1][2] < PageSize /\ last.chunks[2][2] = PageSize /\ last.chunks[3][2] < PageSize)

\* Largest among two longest free runs of equal size.
TrapLargestTie ==
    ~(/\ last.op = "Largest" /\ last.code = "OK"
      /\ \E p, q \in FreePieces : p # q /\ SizeOf(p) = SizeOf(q) /\ SizeOf(p) = last.ret[2])
=============================================================================
