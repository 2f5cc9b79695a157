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
=============================================================================
