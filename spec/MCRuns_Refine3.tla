---------------------------- MODULE MCRuns_Refine3 ----------------------------
\* GuestRamRuns at Limit 3 with 2-byte pages and two windows, {0} and {1, 2}:
\* the second starts off a page boundary, so Register must skip address 1 (the
\* .cfg gives the constants to TLC). TLC checks the module's invariants and that
\* every behaviour is one of GuestRam's through the mapping.
EXTENDS GuestRamRuns

\* A .cfg file cannot write tuples: WindowRuns is given by this definition.
\* @type: Set(<<Int, Int>>);
TwoWindows == {<<0, 0>>, <<1, 2>>}

\* The refinement mapping: R and A are the unions of the pieces, the windows
\* their address sets, the record of the last call is the same.
GR == INSTANCE GuestRam WITH registered <- RegisteredSet, allocated <- AllocatedSet,
                             Windows <- WindowSets, last <- last

RefinesGuestRam == GR!Spec
\* GuestRam's invariants, read through the mapping.
GuestRamInvariants ==
    /\ GR!TypeOK /\ GR!AllocatedIsRegistered /\ GR!LargestFreeIsMaximal
    /\ GR!TouchChunksPartitionRange /\ GR!ErrorsAreSpelledOut /\ GR!ResultsHaveTheirShape
=============================================================================
