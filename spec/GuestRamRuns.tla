---------------------------- MODULE GuestRamRuns ----------------------------
(***************************************************************************)
(* GuestRam.tla (profile `spec`) over runs of addresses instead of sets of *)
(* addresses, so that Apalache can check it over the whole 64-bit space    *)
(* (Limit = 2^64, PageSize = 4096: see MCRuns_64.tla).                     *)
(*                                                                         *)
(* The state is one set of pieces <<first, last, allocated>>: disjoint,    *)
(* non-empty intervals of registered addresses, each all allocated or all  *)
(* free, with no two touching pieces of the same kind (canonical: one set  *)
(* of pieces per pair R, A).  R is the union of the pieces, A the union of *)
(* the allocated ones, and the free pieces are exactly the maximal runs of *)
(* free bytes.  The calls, their results and the order in which their      *)
(* errors are checked are those of GuestRam.tla; MCRuns_Refine*.tla check  *)
(* with TLC that every behaviour of this module is one of GuestRam's.      *)
(*                                                                         *)
(* Differences in what is tried (not in what a call does):                 *)
(*  - arguments range over 0 .. MaxWord (2^64 - 1: a uintptr_t or size_t; *)
(*    GuestRam tries 0 .. Limit), so a range wraps iff s + n > 2^64 and is *)
(*    then INVALID_RANGE like any range past the limit;                    *)
(*  - a touch records at most MaxChunks (<= 4) chunks: it is tried with a  *)
(*    callback stopping at chunk k in 1 .. MaxChunks, and with no callback *)
(*    stopping (k = 0) only when the walk has at most MaxChunks chunks (a  *)
(*    touch at 2^64 may have 2^52);                                        *)
(*  - register_at's untyped flag, which GuestRam does not record, is not   *)
(*    tried.                                                               *)
(* Memory contents are abstracted away, as in GuestRam.tla.                *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

\* @typeAlias: piece = <<Int, Int, Bool>>;
\* @typeAlias: walkChunk = <<Int, Int, Int>>;
\* @typeAlias: record = { op: Str, args: Seq(Int), code: Str, ret: Seq(Int), chunks: Seq(<<Int, Int, Int>>) };
GuestRamRuns_typedefs == TRUE

CONSTANTS
    \* @type: Int;
    Limit,      \* addresses are 0 .. Limit - 1
    \* @type: Int;
    PageSize,   \* a power of two: Register aligns to it, Touch splits at it
    \* @type: Set(<<Int, Int>>);
    WindowRuns, \* the windows Register takes space from, as disjoint <<first, last>>
    \* @type: Int;
    MaxWord,    \* the largest argument tried and result reported: 2^64 - 1 (small models: Limit)
    \* @type: Int;
    MaxChunks   \* the most chunks a touch records, at most 4

ASSUME
    /\ Limit \in Nat /\ Limit >= 1
    /\ PageSize >= 1
    /\ MaxWord >= Limit - 1
    /\ MaxChunks \in 1 .. 4
    /\ \A w \in WindowRuns : 0 <= w[1] /\ w[1] <= w[2] /\ w[2] < Limit
    /\ \A v, w \in WindowRuns : v # w => v[2] < w[1] \/ w[2] < v[1]

VARIABLES
    \* @type: Set(<<Int, Int, Bool>>);
    pieces,     \* the registered addresses as canonical pieces <<first, last, allocated>>
    \* @type: { op: Str, args: Seq(Int), code: Str, ret: Seq(Int), chunks: Seq(<<Int, Int, Int>>) };
    last        \* the last call, exactly as in GuestRam.tla

vars == <<pieces, last>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Helpers.  No range has a variable bound and no quantifier ranges over   *)
(* integers, so that Apalache can check every operator at 2^64.            *)
(***************************************************************************)
Arg == 0 .. MaxWord     \* the arguments tried

OpNames == {"Init", "RegisterAt", "Register", "MarkAllocated", "Allocate",
            "Free", "Largest", "Touch"}

ErrorCodes == {"INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM",
               "ALREADY_ALLOCATED", "NOT_ALLOCATED", "NO_FREE_REGION"}

\* @type: (Int, Int) => Int;
Min(x, y) == IF x <= y THEN x ELSE y

\* @type: <<Int, Int, Bool>> => Int;
SizeOf(p) == p[2] - p[1] + 1

\* A valid range: non-empty and below the limit (so s + n never wraps past 2^64).
\* @type: (Int, Int) => Bool;
ValidRange(s, n) == n > 0 /\ s + n <= Limit

\* Address x is registered.
\* @type: Int => Bool;
Covered(x) == \E p \in pieces : p[1] <= x /\ x <= p[2]

\* Every address of s..e is registered: s is, and no piece ends inside s..e-1
\* without a registered address after it.
\* @type: (Int, Int) => Bool;
AllRegistered(s, e) ==
    /\ Covered(s)
    /\ \A p \in pieces : (s <= p[2] /\ p[2] < e) => Covered(p[2] + 1)

\* No address of s..e is registered / allocated.
\* @type: (Int, Int) => Bool;
NoneRegistered(s, e) == \A p \in pieces : p[2] < s \/ e < p[1]
\* @type: (Int, Int) => Bool;
NoneAllocated(s, e) == \A p \in pieces : p[3] => p[2] < s \/ e < p[1]

\* Every address of s..e is allocated: allocated pieces are maximal runs of
\* allocated bytes, so s..e lies in one of them.
\* @type: (Int, Int) => Bool;
AllAllocated(s, e) == \E p \in pieces : p[3] /\ p[1] <= s /\ e <= p[2]

\* The free pieces: the maximal runs of free bytes.
FreePieces == {p \in pieces : ~p[3]}

\* rest with s..e of kind b added, merged with the pieces of kind b it touches.
\* @type: (Set(<<Int, Int, Bool>>), Int, Int, Bool) => Set(<<Int, Int, Bool>>);
Put(rest, s, e, b) ==
    LET left == {q \in rest : q[3] = b /\ q[2] + 1 = s}
        right == {q \in rest : q[3] = b /\ q[1] = e + 1}
        lo == IF left = {} THEN s ELSE (CHOOSE q \in left : TRUE)[1]
        hi == IF right = {} THEN e ELSE (CHOOSE q \in right : TRUE)[2]
    IN  (rest \ (left \cup right)) \cup {<<lo, hi, b>>}

\* The pieces with s..e, which lies in piece p of kind ~b, turned to kind b.
\* @type: (<<Int, Int, Bool>>, Int, Int, Bool) => Set(<<Int, Int, Bool>>);
Flip(p, s, e, b) ==
    LET before == {r \in {<<p[1], s - 1, p[3]>>} : p[1] < s}
        after == {r \in {<<e + 1, p[2], p[3]>>} : e < p[2]}
    IN  Put((pieces \ {p}) \cup before \cup after, s, e, b)

\* @type: Int => Int;
RoundUp(x) == ((x + PageSize - 1) \div PageSize) * PageSize

\* a is a start Register may pick for n bytes: aligned, in one window, clear of R.
\* @type: (Int, Int) => Bool;
CanPlace(a, n) ==
    /\ a % PageSize = 0
    /\ \E w \in WindowRuns : w[1] <= a /\ a + n - 1 <= w[2]
    /\ NoneRegistered(a, a + n - 1)

\* The lowest placement is a window's first aligned address or the first
\* aligned address after a piece (the address before it is a window's or R's).
Candidates == {RoundUp(w[1]) : w \in WindowRuns} \cup {RoundUp(p[2] + 1) : p \in pieces}

\* The number of chunks of the walk of touch(a, n), and chunk i of it.
\* @type: (Int, Int) => Int;
ChunkCount(a, n) == (a + n - 1) \div PageSize - a \div PageSize + 1
\* @type: (Int, Int, Int) => <<Int, Int, Int>>;
ChunkAt(a, n, i) ==
    LET first == IF i = 1 THEN a ELSE (a \div PageSize + i - 1) * PageSize
        end == Min((a \div PageSize + i) * PageSize, a + n)
    IN  <<first, end - first, first - a>>
\* The first len (<= 4) chunks of the walk.
\* @type: (Int, Int, Int) => Seq(<<Int, Int, Int>>);
Walk(a, n, len) ==
    SubSeq(<<ChunkAt(a, n, 1), ChunkAt(a, n, 2), ChunkAt(a, n, 3), ChunkAt(a, n, 4)>>, 1, len)

\* A size as size_t reports it: the run of all 2^64 addresses as 2^64 - 1 bytes
\* (the Java model's choice; never met below 2^64).
\* @type: Int => Int;
Reported(n) == Min(n, MaxWord)

-----------------------------------------------------------------------------
(***************************************************************************)
(* The result codes, in GuestRam.tla's order.                              *)
(***************************************************************************)
\* @type: (Int, Int) => Str;
RegisterAtCode(s, n) == CASE ~ValidRange(s, n)               -> "INVALID_RANGE"
                          [] ~NoneRegistered(s, s + n - 1)    -> "OVERLAP"
                          [] OTHER                            -> "OK"

\* @type: Int => Str;
RegisterCode(n) == CASE n = 0                                   -> "INVALID_RANGE"
                     [] \A a \in Candidates : ~CanPlace(a, n)   -> "NO_SPACE"
                     [] OTHER                                   -> "OK"

\* @type: (Int, Int) => Str;
MarkAllocatedCode(s, n) == CASE ~ValidRange(s, n)              -> "INVALID_RANGE"
                             [] ~AllRegistered(s, s + n - 1)    -> "NOT_RAM"
                             [] ~NoneAllocated(s, s + n - 1)    -> "ALREADY_ALLOCATED"
                             [] OTHER                           -> "OK"

\* @type: Int => Str;
AllocateCode(n) == CASE n = 0                                     -> "INVALID_RANGE"
                     [] \A p \in FreePieces : SizeOf(p) < n       -> "NO_SPACE"
                     [] OTHER                                     -> "OK"

\* @type: (Int, Int) => Str;
FreeCode(s, n) == CASE ~ValidRange(s, n)            -> "INVALID_RANGE"
                    [] ~AllAllocated(s, s + n - 1)   -> "NOT_ALLOCATED"
                    [] OTHER                         -> "OK"

LargestCode == IF FreePieces = {} THEN "NO_FREE_REGION" ELSE "OK"

\* @type: (Int, Int) => Str;
TouchCode(a, n) == CASE ~ValidRange(a, n)              -> "INVALID_RANGE"
                     [] ~AllRegistered(a, a + n - 1)    -> "NOT_RAM"
                     [] OTHER                           -> "OK"

\* @type: (Str, Seq(Int), Seq(Int), Seq(<<Int, Int, Int>>)) => $record;
Accepted(op, args, ret, chunks) ==
    [op |-> op, args |-> args, code |-> "OK", ret |-> ret, chunks |-> chunks]

\* @type: (Str, Seq(Int), Str) => Bool;
Reject(op, args, code) ==
    /\ last' = [op |-> op, args |-> args, code |-> code, ret |-> << >>, chunks |-> << >>]
    /\ UNCHANGED pieces

-----------------------------------------------------------------------------
(***************************************************************************)
(* The calls.                                                              *)
(***************************************************************************)
Init ==
    /\ pieces = {}
    /\ last = [op |-> "Init", args |-> << >>, code |-> "OK", ret |-> << >>, chunks |-> << >>]

\* @type: (Int, Int) => Bool;
RegisterAt(s, n) ==
    LET code == RegisterAtCode(s, n) IN
    IF code # "OK" THEN Reject("RegisterAt", <<s, n>>, code)
    ELSE /\ pieces' = Put(pieces, s, s + n - 1, FALSE)
         /\ last' = Accepted("RegisterAt", <<s, n>>, << >>, << >>)

\* @type: Int => Bool;
Register(n) ==
    LET code == RegisterCode(n) IN
    IF code # "OK" THEN Reject("Register", <<n>>, code)
    ELSE \E a \in Candidates :
            /\ CanPlace(a, n)
            /\ \A b \in Candidates : CanPlace(b, n) => a <= b
            /\ pieces' = Put(pieces, a, a + n - 1, FALSE)
            /\ last' = Accepted("Register", <<n>>, <<a>>, << >>)

\* @type: (Int, Int) => Bool;
MarkAllocated(s, n) ==
    LET code == MarkAllocatedCode(s, n) IN
    IF code # "OK" THEN Reject("MarkAllocated", <<s, n>>, code)
    ELSE \E p \in FreePieces :
            /\ p[1] <= s /\ s + n - 1 <= p[2]
            /\ pieces' = Flip(p, s, s + n - 1, TRUE)
            /\ last' = Accepted("MarkAllocated", <<s, n>>, << >>, << >>)

\* The lowest n free bytes: the start of the lowest free piece of n bytes or more.
\* @type: Int => Bool;
Allocate(n) ==
    LET code == AllocateCode(n) IN
    IF code # "OK" THEN Reject("Allocate", <<n>>, code)
    ELSE \E p \in FreePieces :
            /\ SizeOf(p) >= n
            /\ \A q \in FreePieces : SizeOf(q) >= n => p[1] <= q[1]
            /\ pieces' = Flip(p, p[1], p[1] + n - 1, TRUE)
            /\ last' = Accepted("Allocate", <<n>>, <<p[1]>>, << >>)

\* @type: (Int, Int) => Bool;
Free(s, n) ==
    LET code == FreeCode(s, n) IN
    IF code # "OK" THEN Reject("Free", <<s, n>>, code)
    ELSE \E p \in pieces :
            /\ p[3] /\ p[1] <= s /\ s + n - 1 <= p[2]
            /\ pieces' = Flip(p, s, s + n - 1, FALSE)
            /\ last' = Accepted("Free", <<s, n>>, << >>, << >>)

\* The longest free piece, the lowest among equals.
Largest ==
    IF LargestCode # "OK" THEN Reject("Largest", << >>, LargestCode)
    ELSE \E p \in FreePieces :
            /\ \A q \in FreePieces : SizeOf(q) < SizeOf(p) \/ (SizeOf(q) = SizeOf(p) /\ p[1] <= q[1])
            /\ last' = Accepted("Largest", << >>, <<p[1], Reported(SizeOf(p))>>, << >>)
            /\ UNCHANGED pieces

\* @type: (Int, Int, Int) => Bool;
Touch(a, n, k) ==
    LET code == TouchCode(a, n) IN
    IF code # "OK" THEN Reject("Touch", <<a, n, k>>, code)
    ELSE /\ last' = Accepted("Touch", <<a, n, k>>, <<k>>,
                             IF k = 0 THEN Walk(a, n, ChunkCount(a, n)) ELSE Walk(a, n, k))
         /\ UNCHANGED pieces

\* The touches tried: see the head of the module.
\* @type: (Int, Int, Int) => Bool;
TouchTried(a, n, k) ==
    IF TouchCode(a, n) = "OK"
    THEN k <= ChunkCount(a, n) /\ (k > 0 \/ ChunkCount(a, n) <= MaxChunks)
    ELSE k = 0

Next ==
    \/ \E s \in Arg, n \in Arg : RegisterAt(s, n)
    \/ \E n \in Arg : Register(n)
    \/ \E s \in Arg, n \in Arg : MarkAllocated(s, n)
    \/ \E n \in Arg : Allocate(n)
    \/ \E s \in Arg, n \in Arg : Free(s, n)
    \/ Largest
    \/ \E a \in Arg, n \in Arg, k \in 0 .. MaxChunks : TouchTried(a, n, k) /\ Touch(a, n, k)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)

\* Pieces and the record of the last call have their shape (stated with
\* comparisons, never as membership in a set of 2^64 values).
\* @type: Seq(Int) => Bool;
Words(s) == \A i \in DOMAIN s : 0 <= s[i] /\ s[i] <= MaxWord
TypeOK ==
    /\ \A p \in pieces : 0 <= p[1] /\ p[1] <= p[2] /\ p[2] < Limit
    /\ last.op \in OpNames
    /\ last.code \in {"OK"} \cup ErrorCodes
    /\ Words(last.args)
    /\ Words(last.ret)
    /\ \A i \in DOMAIN last.chunks :
          LET c == last.chunks[i] IN 0 <= c[1] /\ c[1] < Limit /\ 1 <= c[2] /\ c[2] <= PageSize /\ 0 <= c[3]

\* The pieces are canonical: disjoint, and touching pieces differ in kind.
PiecesAreCanonical ==
    \A p, q \in pieces : p # q => /\ p[2] < q[1] \/ q[2] < p[1]
                                  /\ p[2] + 1 = q[1] => p[3] # q[3]

\* An answer of Largest names a longest free piece, the lowest among equals.
LargestFreeIsMaximal ==
    (last.op = "Largest" /\ last.code = "OK") =>
        /\ Len(last.ret) = 2
        /\ \E p \in FreePieces :
              /\ last.ret = <<p[1], Reported(SizeOf(p))>>
              /\ \A q \in FreePieces : SizeOf(q) < SizeOf(p) \/ (SizeOf(q) = SizeOf(p) /\ p[1] <= q[1])

\* c is how a touch of a..a+n-1 begins (GuestRam.tla's IsWalkPrefix).
\* @type: (Seq(<<Int, Int, Int>>), Int, Int) => Bool;
IsWalkPrefix(c, a, n) ==
    /\ Len(c) > 0
    /\ c[1][1] = a
    /\ \A i \in DOMAIN c :
          /\ c[i][2] > 0
          /\ c[i][3] = c[i][1] - a
          /\ c[i][1] \div PageSize = (c[i][1] + c[i][2] - 1) \div PageSize
          /\ \/ (c[i][1] + c[i][2]) % PageSize = 0
             \/ c[i][1] + c[i][2] = a + n
          /\ c[i][1] + c[i][2] <= a + n
          /\ i > 1 => c[i][1] % PageSize = 0
          /\ i < Len(c) => c[i + 1][1] = c[i][1] + c[i][2]

\* An accepted touch is of registered bytes and visits the whole range
\* (k = 0), or the first k chunks of the walk and returns k (k > 0).
TouchChunksPartitionRange ==
    (last.op = "Touch" /\ last.code = "OK") =>
        LET a == last.args[1]
            n == last.args[2]
            k == last.args[3]
        IN  /\ AllRegistered(a, a + n - 1)
            /\ IsWalkPrefix(last.chunks, a, n)
            /\ IF k = 0
               THEN /\ last.ret = <<0>>
                    /\ last.chunks[Len(last.chunks)][1] + last.chunks[Len(last.chunks)][2] = a + n
               ELSE /\ last.ret = <<k>>
                    /\ Len(last.chunks) = k

\* The bytes an accepted allocate returned are allocated; a register's are
\* registered, page aligned and inside a window.
ResultsAreInPlace ==
    last.code = "OK" =>
        /\ last.op = "Allocate" => AllAllocated(last.ret[1], last.ret[1] + last.args[1] - 1)
        /\ last.op = "Register" =>
              /\ last.ret[1] % PageSize = 0
              /\ AllRegistered(last.ret[1], last.ret[1] + last.args[1] - 1)
              /\ \E w \in WindowRuns : w[1] <= last.ret[1] /\ last.ret[1] + last.args[1] - 1 <= w[2]
        /\ last.op = "MarkAllocated" => AllAllocated(last.args[1], last.args[1] + last.args[2] - 1)
        /\ last.op = "Free" => NoneAllocated(last.args[1], last.args[1] + last.args[2] - 1)
        /\ last.op = "RegisterAt" => AllRegistered(last.args[1], last.args[1] + last.args[2] - 1)

\* @type: Str => Set(Str);
CodesOf(op) ==
    CASE op = "Init"          -> {"OK"}
      [] op = "RegisterAt"    -> {"OK", "INVALID_RANGE", "OVERLAP"}
      [] op = "Register"      -> {"OK", "INVALID_RANGE", "NO_SPACE"}
      [] op = "MarkAllocated" -> {"OK", "INVALID_RANGE", "NOT_RAM", "ALREADY_ALLOCATED"}
      [] op = "Allocate"      -> {"OK", "INVALID_RANGE", "NO_SPACE"}
      [] op = "Free"          -> {"OK", "INVALID_RANGE", "NOT_ALLOCATED"}
      [] op = "Largest"       -> {"OK", "NO_FREE_REGION"}
      [] op = "Touch"         -> {"OK", "INVALID_RANGE", "NOT_RAM"}

ErrorsAreSpelledOut ==
    /\ last.code \in CodesOf(last.op)
    /\ last.code # "OK" => /\ last.ret = << >>
                           /\ last.chunks = << >>
                           /\ last.op = "Touch" => last.args[3] = 0

\* @type: Str => Int;
ArgCount(op) ==
    CASE op \in {"Init", "Largest"}                     -> 0
      [] op \in {"Register", "Allocate"}                -> 1
      [] op \in {"RegisterAt", "MarkAllocated", "Free"} -> 2
      [] op = "Touch"                                   -> 3

\* @type: Str => Int;
RetCount(op) ==
    CASE op \in {"Register", "Allocate", "Touch"} -> 1
      [] op = "Largest"                          -> 2
      [] OTHER                                   -> 0

ResultsHaveTheirShape ==
    /\ Len(last.args) = ArgCount(last.op)
    /\ last.code = "OK" => Len(last.ret) = RetCount(last.op)
    /\ last.chunks # << >> => last.op = "Touch" /\ last.code = "OK"

\* Every invariant; IndInv is inductive (MCRuns_64.tla: Apalache proves it at 2^64).
Inv ==
    /\ PiecesAreCanonical
    /\ LargestFreeIsMaximal
    /\ TouchChunksPartitionRange
    /\ ResultsAreInPlace
    /\ ErrorsAreSpelledOut
    /\ ResultsHaveTheirShape

IndInv == TypeOK /\ Inv

-----------------------------------------------------------------------------
(***************************************************************************)
(* What this module means in GuestRam.tla's terms (the refinement mapping, *)
(* used by MCRuns_Refine*.tla; only for small Limit: it enumerates).       *)
(***************************************************************************)
\* @type: <<Int, Int, Bool>> => Set(Int);
AddressesOf(p) == {x \in 0 .. (Limit - 1) : p[1] <= x /\ x <= p[2]}
RegisteredSet == UNION {AddressesOf(p) : p \in pieces}
AllocatedSet == UNION {AddressesOf(p) : p \in {q \in pieces : q[3]}}
WindowSets == {{x \in 0 .. (Limit - 1) : w[1] <= x /\ x <= w[2]} : w \in WindowRuns}

THEOREM Spec => []IndInv
=============================================================================
