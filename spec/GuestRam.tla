------------------------------ MODULE GuestRam ------------------------------
(***************************************************************************)
(* The guest RAM interface of libsel4vm (sel4vm/guest_ram.h), profile      *)
(* `spec`: the intended semantics, over the bounded address space          *)
(* 0 .. Limit - 1, with guest memory over a small byte domain.            *)
(*                                                                         *)
(* A client may                                                            *)
(*  - register a range at a start it names (RegisterAt), or let the        *)
(*    interface place it page aligned inside an anonymous window           *)
(*    (Register); registration is permanent;                               *)
(*  - mark a range of registered, unallocated bytes allocated              *)
(*    (MarkAllocated), or let the interface allocate the lowest run of     *)
(*    free bytes of a size (Allocate);                                     *)
(*  - free a range of allocated bytes (Free);                              *)
(*  - ask for the longest run of free bytes (Largest);                     *)
(*  - walk a registered range chunk by chunk, a chunk never crossing a     *)
(*    page, with a callback that may stop the walk (Touch);                *)
(*  - write bytes into, and read bytes from, a registered range through    *)
(*    that walk, each chunk copied from/to its offset (Write, Read).       *)
(* Every call is enabled in every state.  A rejected call is a result: it  *)
(* records an error code in `last` and changes nothing else.  `last` is    *)
(* left out of the view TLC fingerprints (View): the state is R, A and    *)
(* the contents, and every promise about a call's record is checked on    *)
(* every step, as an action property.                                     *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, Apalache  \* Apalache: MkSeq (spec/Apalache.tla for TLC)

\* Apalache type aliases: a touch chunk <<address, size, offset>> and the record of a call.
\* @typeAlias: chunk = <<Int, Int, Int>>;
\* @typeAlias: call = { op: Str, args: Seq(Int), code: Str, ret: Seq(Int), chunks: Seq(<<Int, Int, Int>>) };
GuestRam_typedefs == TRUE

CONSTANTS
    \* @type: Int;
    Limit,      \* addresses are 0 .. Limit - 1
    \* @type: Int;
    PageSize,   \* a power of two: Register aligns to it, Touch splits at it
    \* @type: Set(Set(Int));
    Windows,    \* disjoint intervals of addresses that Register takes space from
    \* @type: Int;
    ByteValues  \* a byte holds 0 .. ByteValues - 1 (1: contents are always 0)

ASSUME
    /\ Limit \in Nat
    /\ ByteValues \in Nat \ {0}
    /\ PageSize \in {2^e : e \in 0 .. PageSize}
    /\ \A W \in Windows :                          \* each window: a non-empty interval
          /\ W # {}
          /\ W \subseteq 0 .. (Limit - 1)
          /\ \A x, y, z \in 0 .. (Limit - 1) : x \in W /\ y \in W /\ x <= z /\ z <= y => z \in W
    /\ \A V, W \in Windows : V # W => V \cap W = {}  \* windows are disjoint

VARIABLES
    \* @type: Set(Int);
    registered, \* R: the registered addresses; an address never leaves R
    \* @type: Set(Int);
    allocated,  \* A: the allocated addresses, always a subset of R
    \* @type: Seq(Int);
    contents,   \* contents[b + 1]: the byte at address b (0 until written)
    \* @type: { op: Str, args: Seq(Int), code: Str, ret: Seq(Int), chunks: Seq(<<Int, Int, Int>>) };
    last        \* the last call: its name, arguments and observable result

vars == <<registered, allocated, contents, last>>

\* What TLC fingerprints (VIEW View in the .cfg): the state without the record
\* of the last call.
View == <<registered, allocated, contents>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Types.                                                                  *)
(***************************************************************************)
Space == 0 .. (Limit - 1)   \* the addresses of the guest RAM space
Addr == 0 .. Limit          \* start/address arguments tried; Limit is out of range
Size == 0 .. Limit          \* size arguments tried; 0 is an invalid size
Bytes == 0 .. (ByteValues - 1)  \* the values of a byte

OpNames == {"Init", "RegisterAt", "Register", "MarkAllocated", "Allocate",
            "Free", "Largest", "Touch", "Write", "Read"}

ErrorCodes == {"INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM",
               "ALREADY_ALLOCATED", "NOT_ALLOCATED", "NO_FREE_REGION"}

TypeOK ==
    /\ registered \subseteq Space
    /\ allocated \subseteq Space
    /\ Len(contents) = Limit /\ \A i \in 1 .. Limit : contents[i] \in Bytes

\* The record of the last call has its type (a promise about `last`: checked on
\* every step, see LastIsTypedOnEveryCall): each field's values lie in their
\* set.  Stated element by element because Apalache has no Seq(S) (an infinite
\* set); that `last` is a record of sequences is its type, which Apalache's type
\* checker proves and every constructor above gives.
LastIsTyped ==
    /\ last.op \in OpNames
    /\ \A i \in DOMAIN last.args : last.args[i] \in Addr
    /\ last.code \in {"OK"} \cup ErrorCodes
    /\ \A i \in DOMAIN last.ret : last.ret[i] \in Addr \cup Bytes
    /\ \A i \in DOMAIN last.chunks : last.chunks[i] \in Space \X Size \X Space

-----------------------------------------------------------------------------
(***************************************************************************)
(* Helpers.                                                                *)
(***************************************************************************)

\* The n addresses from s on (empty when n = 0).  Written as a set rather than
\* the interval s .. s + n - 1 so that TLC stores and prints R and A as
\* enumerated sets ({2, 3}, never 2..3), the form the golden dumps hold; and as
\* a filter of a constant set, since Apalache takes no range whose bounds vary
\* (every s + n tried is at most 2 * Limit).
\* @type: (Int, Int) => Set(Int);
Range(s, n) == {x \in 0 .. (2 * Limit) : s <= x /\ x < s + n}

\* A range is valid iff it is non-empty and lies below the limit.
\* @type: (Int, Int) => Bool;
ValidRange(s, n) == n > 0 /\ s + n <= Limit

\* @type: Set(Int) => Int;
Lowest(S) == CHOOSE x \in S : \A y \in S : x <= y

\* @type: (Int, Int) => Int;
Min(x, y) == IF x <= y THEN x ELSE y

\* The registered, unallocated addresses. Free bytes of adjacent registrations
\* are contiguous: only the address sets matter.
free == registered \ allocated

\* Page-aligned starts for n bytes inside one window and clear of R.
\* @type: Int => Set(Int);
Placements(n) == {a \in Space : /\ a % PageSize = 0
                                /\ \E W \in Windows : Range(a, n) \subseteq W
                                /\ Range(a, n) \cap registered = {}}

\* Starts of n free addresses in a row.
\* @type: Int => Set(Int);
Fits(n) == {a \in Space : Range(a, n) \subseteq free}

\* The maximal runs of free addresses, as <<start, size>>.
freeRuns == {r \in Space \X (1 .. Limit) : /\ Range(r[1], r[2]) \subseteq free
                                           /\ r[1] - 1 \notin free
                                           /\ r[1] + r[2] \notin free}

\* The longest free run, the lowest among equals (meaningful when free # {}).
LargestFree == CHOOSE r \in freeRuns :
                   \A q \in freeRuns : \/ q[2] < r[2]
                                       \/ q[2] = r[2] /\ r[1] <= q[1]

\* How many chunks the walk of touch(a, n) has: one per page it meets (0 when n = 0).
\* @type: (Int, Int) => Int;
NumChunks(a, n) == IF n = 0 THEN 0 ELSE (a + n - 1) \div PageSize - a \div PageSize + 1

\* Chunk i (1-based) of the walk of touch(a, n), as <<address, size, offset from a>>:
\* it starts at a (i = 1) or at the boundary of the (i - 1)-th page after a's, and
\* runs to the next page boundary or to the end a + n, whichever comes first.
\* @type: (Int, Int, Int) => $chunk;
Chunk(a, n, i) ==
    LET first == IF i = 1 THEN a ELSE (a \div PageSize + i - 1) * PageSize
        end == Min((a \div PageSize + i) * PageSize, a + n)
    IN  <<first, end - first, first - a>>

\* No accepted touch has more chunks than this: a range of the space meets at most
\* Limit \div PageSize + 1 pages.  A constant, so that no set below has a bound that
\* depends on a variable (Apalache needs that).
MaxChunks == Limit \div PageSize + 1

\* The full walk of touch(a, n): chunks <<address, size, offset from a>>, in closed
\* form (chunk i computed from a, n and i; no recursion).
\* @type: (Int, Int) => Seq($chunk);
ChunksOf(a, n) == SubSeq(MkSeq(MaxChunks, LAMBDA i : Chunk(a, n, i)), 1, NumChunks(a, n))

\* The chunk of the walk of touch(a, n) that holds address b (a <= b < a + n).
\* @type: (Int, Int, Int) => $chunk;
ChunkHolding(a, n, b) == Chunk(a, n, b \div PageSize - a \div PageSize + 1)

\* The n bytes Write(a, n, v) writes: v, v + 1, v + 2, ... modulo ByteValues, so
\* that (with ByteValues > 1) a byte's value tells its offset in the buffer.
\* @type: (Int, Int) => Seq(Int);
Pattern(n, v) == SubSeq(MkSeq(Limit, LAMBDA i : (v + i - 1) % ByteValues), 1, n)

\* The contents after a write of `data` at a through the walk of touch(a, Len(data)):
\* chunk c receives the bytes of data from its offset c[3] on.
\* @type: (Int, Seq(Int)) => Seq(Int);
Written(a, data) ==
    MkSeq(Limit, LAMBDA x :
        LET b == x - 1
        IN  IF a <= b /\ b < a + Len(data)
            THEN LET c == ChunkHolding(a, Len(data), b) IN data[c[3] + (b - c[1]) + 1]
            ELSE contents[x])

\* The n bytes a read at a returns, through the walk of touch(a, n): chunk c is
\* copied into the buffer from its offset c[3] on.
\* @type: (Int, Int) => Seq(Int);
ReadAt(a, n) ==
    SubSeq(MkSeq(Limit, LAMBDA j :
               IF j > n THEN 0
               ELSE LET c == ChunkHolding(a, n, a + j - 1)
                    IN  contents[c[1] + (j - 1 - c[3]) + 1]), 1, n)

\* The callbacks k a touch is tried with: any chunk's callback may stop the
\* walk (k > 0), or none does (k = 0); a rejected touch calls back nobody.
\* @type: (Int, Int) => Set(Int);
StopAt(a, n) == IF ValidRange(a, n) /\ Range(a, n) \subseteq registered
                THEN {k \in 0 .. MaxChunks : k <= NumChunks(a, n)}
                ELSE {0}

(***************************************************************************)
(* The result code of each call: the first error of the semantics table    *)
(* that applies, in the table's order, else "OK".                          *)
(***************************************************************************)
\* @type: (Int, Int) => Str;
RegisterAtCode(s, n) == CASE ~ValidRange(s, n)                -> "INVALID_RANGE"
                          [] Range(s, n) \cap registered # {}  -> "OVERLAP"
                          [] OTHER                             -> "OK"

\* @type: Int => Str;
RegisterCode(n) == CASE n = 0                -> "INVALID_RANGE"
                     [] Placements(n) = {}   -> "NO_SPACE"
                     [] OTHER                -> "OK"

\* @type: (Int, Int) => Str;
MarkAllocatedCode(s, n) == CASE ~ValidRange(s, n)                  -> "INVALID_RANGE"
                             [] ~(Range(s, n) \subseteq registered) -> "NOT_RAM"
                             [] Range(s, n) \cap allocated # {}     -> "ALREADY_ALLOCATED"
                             [] OTHER                               -> "OK"

\* @type: Int => Str;
AllocateCode(n) == CASE n = 0          -> "INVALID_RANGE"
                     [] Fits(n) = {}   -> "NO_SPACE"
                     [] OTHER          -> "OK"

\* @type: (Int, Int) => Str;
FreeCode(s, n) == CASE ~ValidRange(s, n)                 -> "INVALID_RANGE"
                    [] ~(Range(s, n) \subseteq allocated) -> "NOT_ALLOCATED"
                    [] OTHER                              -> "OK"

LargestCode == IF free = {} THEN "NO_FREE_REGION" ELSE "OK"

\* @type: (Int, Int) => Str;
TouchCode(a, n) == CASE ~ValidRange(a, n)                  -> "INVALID_RANGE"
                     [] ~(Range(a, n) \subseteq registered) -> "NOT_RAM"
                     [] OTHER                               -> "OK"

\* The record of an accepted call.
\* @type: (Str, Seq(Int), Seq(Int), Seq($chunk)) => $call;
Accepted(op, args, ret, chunks) ==
    [op |-> op, args |-> args, code |-> "OK", ret |-> ret, chunks |-> chunks]

\* A rejected call records its error code and changes nothing else.
\* @type: (Str, Seq(Int), Str) => Bool;
Reject(op, args, code) ==
    /\ last' = [op |-> op, args |-> args, code |-> code, ret |-> << >>, chunks |-> << >>]
    /\ UNCHANGED <<registered, allocated, contents>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The calls.  Each is enabled in every state.  A write records its data  *)
(* in its arguments: <<a, n>> \o Pattern(n, v).                            *)
(***************************************************************************)
\* The byte at every address before any write (a named operator with a type:
\* Apalache cannot type the parameter of LAMBDA x : 0).
\* @type: Int => Int;
ZeroByte(x) == 0

Init ==
    /\ registered = {}
    /\ allocated = {}
    /\ contents = MkSeq(Limit, ZeroByte)
    /\ last = [op |-> "Init", args |-> << >>, code |-> "OK", ret |-> << >>, chunks |-> << >>]

\* register_at: the valid range s..s+n-1, clear of R, joins R.  The flag u
\* (back the frames with untyped memory) has no effect here and is not recorded.
\* @type: (Int, Int, Bool) => Bool;
RegisterAt(s, n, u) ==
    LET code == RegisterAtCode(s, n) IN
    IF code # "OK" THEN Reject("RegisterAt", <<s, n>>, code)
    ELSE /\ registered' = registered \cup Range(s, n)
         /\ last' = Accepted("RegisterAt", <<s, n>>, << >>, << >>)
         /\ UNCHANGED <<allocated, contents>>

\* register: n bytes join R at the lowest page-aligned start whose range lies
\* inside one window and is clear of R; that start is returned.
\* @type: Int => Bool;
Register(n) ==
    LET code == RegisterCode(n) IN
    IF code # "OK" THEN Reject("Register", <<n>>, code)
    ELSE LET a == Lowest(Placements(n))
         IN  /\ registered' = registered \cup Range(a, n)
             /\ last' = Accepted("Register", <<n>>, <<a>>, << >>)
             /\ UNCHANGED <<allocated, contents>>

\* mark_allocated: the valid range s..s+n-1, all registered and none of it
\* allocated, joins A.
\* @type: (Int, Int) => Bool;
MarkAllocated(s, n) ==
    LET code == MarkAllocatedCode(s, n) IN
    IF code # "OK" THEN Reject("MarkAllocated", <<s, n>>, code)
    ELSE /\ allocated' = allocated \cup Range(s, n)
         /\ last' = Accepted("MarkAllocated", <<s, n>>, << >>, << >>)
         /\ UNCHANGED <<registered, contents>>

\* allocate: the lowest run of n free bytes joins A, with no alignment; its
\* start is returned.
\* @type: Int => Bool;
Allocate(n) ==
    LET code == AllocateCode(n) IN
    IF code # "OK" THEN Reject("Allocate", <<n>>, code)
    ELSE LET a == Lowest(Fits(n))
         IN  /\ allocated' = allocated \cup Range(a, n)
             /\ last' = Accepted("Allocate", <<n>>, <<a>>, << >>)
             /\ UNCHANGED <<registered, contents>>

\* free: the valid range s..s+n-1, all of it allocated, leaves A.
\* @type: (Int, Int) => Bool;
Free(s, n) ==
    LET code == FreeCode(s, n) IN
    IF code # "OK" THEN Reject("Free", <<s, n>>, code)
    ELSE /\ allocated' = allocated \ Range(s, n)
         /\ last' = Accepted("Free", <<s, n>>, << >>, << >>)
         /\ UNCHANGED <<registered, contents>>

\* find_largest_free_region: returns <<start, size>> of the longest maximal
\* run of free bytes, the lowest among equals; a query, changes nothing.
Largest ==
    IF LargestCode # "OK" THEN Reject("Largest", << >>, LargestCode)
    ELSE LET r == LargestFree
         IN  /\ last' = Accepted("Largest", << >>, <<r[1], r[2]>>, << >>)
             /\ UNCHANGED <<registered, allocated, contents>>

\* touch: walks the registered range a..a+n-1 chunk by chunk; callback number
\* k > 0 returns k, which stops the walk and is returned (k = 0: none stops).
\* Tried with every k of StopAt(a, n) (Next ranges k over a constant set, so that
\* TLC names every such step Touch and Apalache sees no bound that depends on a variable).
\* @type: (Int, Int, Int) => Bool;
Touch(a, n, k) ==
    /\ k \in StopAt(a, n)
    /\ LET code == TouchCode(a, n) IN
       IF code # "OK" THEN Reject("Touch", <<a, n, k>>, code)
       ELSE /\ last' = Accepted("Touch", <<a, n, k>>, <<k>>,
                                IF k = 0 THEN ChunksOf(a, n) ELSE SubSeq(ChunksOf(a, n), 1, k))
            /\ UNCHANGED <<registered, allocated, contents>>

\* write (vm_ram_touch with vm_guest_ram_write_callback): the n bytes Pattern(n, v)
\* go to the registered range a..a+n-1, each chunk from its offset in the buffer.
\* @type: (Int, Int, Int) => Bool;
Write(a, n, v) ==
    LET code == TouchCode(a, n) IN
    IF code # "OK" THEN Reject("Write", <<a, n>> \o Pattern(n, v), code)
    ELSE /\ contents' = Written(a, Pattern(n, v))
         /\ last' = Accepted("Write", <<a, n>> \o Pattern(n, v), << >>, << >>)
         /\ UNCHANGED <<registered, allocated>>

\* read (vm_ram_touch with vm_guest_ram_read_callback): returns the n bytes of the
\* registered range a..a+n-1, each chunk copied to its offset in the buffer.
\* @type: (Int, Int) => Bool;
Read(a, n) ==
    LET code == TouchCode(a, n) IN
    IF code # "OK" THEN Reject("Read", <<a, n>>, code)
    ELSE /\ last' = Accepted("Read", <<a, n>>, ReadAt(a, n), << >>)
         /\ UNCHANGED <<registered, allocated, contents>>

Next ==
    \/ \E s \in Addr, n \in Size, u \in BOOLEAN : RegisterAt(s, n, u)
    \/ \E n \in Size : Register(n)
    \/ \E s \in Addr, n \in Size : MarkAllocated(s, n)
    \/ \E n \in Size : Allocate(n)
    \/ \E s \in Addr, n \in Size : Free(s, n)
    \/ Largest
    \/ \E a \in Addr, n \in Size, k \in 0 .. MaxChunks : Touch(a, n, k)
    \/ \E a \in Addr, n \in Size, v \in Bytes : Write(a, n, v)
    \/ \E a \in Addr, n \in Size : Read(a, n)

-----------------------------------------------------------------------------
\* No fairness: every property below is a safety property.
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.  Each is one operator so that TLC names the one that broke. *)
(***************************************************************************)

\* Only registered RAM is ever allocated.
AllocatedIsRegistered == allocated \subseteq registered

\* Nothing writes outside registered RAM: an unregistered byte is 0, so a range is
\* all zeros when it is registered.
UnregisteredBytesAreZero == \A b \in Space : b \notin registered => contents[b + 1] = 0

\* In the free set F, <<s, len>> is a run that is
\* @type: (Set(Int), Int, Int) => Bool;
IsLargestRun(F, s, len) ==
    /\ len > 0 /\ Range(s, len) \subseteq F                 \* free,
    /\ s - 1 \notin F /\ s + len \notin F                   \* maximal,
    /\ \A t \in Space : ~(Range(t, len + 1) \subseteq F)    \* not shorter than another,
    /\ \A t \in Space : t < s => ~(Range(t, len) \subseteq F) \* the lowest of the longest.

\* An answer of Largest names the longest maximal free run, the lowest of equals.
LargestFreeIsMaximal ==
    (last.op = "Largest" /\ last.code = "OK") =>
        /\ Len(last.ret) = 2
        /\ IsLargestRun(free, last.ret[1], last.ret[2])

\* c is how a touch of a..a+n-1 begins: at a with offset 0; its chunks are
\* non-empty, contiguous, each within one page and ending at a page boundary or
\* at the end a + n; every chunk but the first starts on a page boundary.
\* @type: (Seq($chunk), Int, Int) => Bool;
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

\* c is the whole walk: it covers exactly a..a+n-1.
\* @type: (Seq($chunk), Int, Int) => Bool;
IsFullWalk(c, a, n) ==
    /\ IsWalkPrefix(c, a, n)
    /\ c[Len(c)][1] + c[Len(c)][2] = a + n
    /\ UNION {Range(c[i][1], c[i][2]) : i \in DOMAIN c} = Range(a, n)

\* An accepted touch visits the whole range (k = 0), or the first k chunks of
\* the walk and returns k (k > 0).
TouchChunksPartitionRange ==
    (last.op = "Touch" /\ last.code = "OK") =>
        LET a == last.args[1]
            n == last.args[2]
            k == last.args[3]
        IN  IF k = 0
            THEN /\ last.ret = <<0>>
                 /\ IsFullWalk(last.chunks, a, n)
            ELSE /\ last.ret = <<k>>
                 /\ Len(last.chunks) = k
                 /\ IsWalkPrefix(last.chunks, a, n)

\* The codes each call may report.
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
      [] op = "Write"         -> {"OK", "INVALID_RANGE", "NOT_RAM"}
      [] op = "Read"          -> {"OK", "INVALID_RANGE", "NOT_RAM"}

\* An error is a code the call may report, with no return value, no chunk,
\* and (for a touch) no callback.
ErrorsAreSpelledOut ==
    /\ last.code \in CodesOf(last.op)
    /\ last.code # "OK" => /\ last.ret = << >>
                           /\ last.chunks = << >>
                           /\ last.op = "Touch" => last.args[3] = 0

\* How many arguments each call records: register_at's flag is not recorded, and
\* a write records a, n and the n bytes it writes.
\* @type: ($call) => Int;
ArgCount(call) ==
    CASE call.op \in {"Init", "Largest"}                  -> 0
      [] call.op \in {"Register", "Allocate"}             -> 1
      [] call.op \in {"RegisterAt", "MarkAllocated", "Free", "Read"} -> 2
      [] call.op = "Touch"                                -> 3
      [] call.op = "Write"                                -> 2 + call.args[2]

\* How many values each accepted call returns (a read: the bytes it read).
\* @type: ($call) => Int;
RetCount(call) ==
    CASE call.op \in {"Register", "Allocate", "Touch"} -> 1
      [] call.op = "Largest"                          -> 2
      [] call.op = "Read"                             -> call.args[2]
      [] OTHER                                        -> 0

\* last has the shape its op promises; only an accepted touch has chunks.
ResultsHaveTheirShape ==
    /\ Len(last.args) = ArgCount(last)
    /\ last.code = "OK" => Len(last.ret) = RetCount(last)
    /\ last.chunks # << >> => last.op = "Touch" /\ last.code = "OK"

-----------------------------------------------------------------------------
(***************************************************************************)
(* Action properties: the semantics table, stated over the state before    *)
(* (registered, allocated) and the record of the call (last'), without the *)
(* actions' own helpers.  Each code holds iff its condition holds and no   *)
(* earlier condition of the table does; an accepted call's effect follows. *)
(***************************************************************************)

\* a is a start Register may pick for n bytes: aligned, in one window, clear of R.
\* @type: (Int, Int) => Bool;
CanPlace(a, n) ==
    /\ a % PageSize = 0
    /\ \E W \in Windows : \A b \in Range(a, n) : b \in W
    /\ \A b \in Range(a, n) : b \notin registered

\* The n addresses from a are all registered and none is allocated.
\* @type: (Int, Int) => Bool;
FreeAt(a, n) == \A b \in Range(a, n) : b \in registered /\ b \notin allocated

\* @type: (Int, Int) => Bool;
RegisterAtFollowsTable(s, n) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "OVERLAP"}
    /\ last'.code = "INVALID_RANGE" <=> ~ValidRange(s, n)
    /\ last'.code = "OVERLAP" <=> ValidRange(s, n) /\ \E b \in Range(s, n) : b \in registered
    /\ last'.code = "OK" => /\ last'.ret = << >>
                            /\ registered' = registered \cup Range(s, n)
                            /\ allocated' = allocated

\* @type: Int => Bool;
RegisterFollowsTable(n) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NO_SPACE"}
    /\ last'.code = "INVALID_RANGE" <=> n = 0
    /\ last'.code = "NO_SPACE" <=> n > 0 /\ \A a \in Space : ~CanPlace(a, n)
    /\ last'.code = "OK" => /\ Len(last'.ret) = 1
                            /\ CanPlace(last'.ret[1], n)
                            /\ \A b \in Space : b < last'.ret[1] => ~CanPlace(b, n)
                            /\ registered' = registered \cup Range(last'.ret[1], n)
                            /\ allocated' = allocated

\* @type: (Int, Int) => Bool;
MarkAllocatedFollowsTable(s, n) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NOT_RAM", "ALREADY_ALLOCATED"}
    /\ last'.code = "INVALID_RANGE" <=> ~ValidRange(s, n)
    /\ last'.code = "NOT_RAM" <=> ValidRange(s, n) /\ \E b \in Range(s, n) : b \notin registered
    /\ last'.code = "ALREADY_ALLOCATED" <=> /\ ValidRange(s, n)
                                            /\ \A b \in Range(s, n) : b \in registered
                                            /\ \E b \in Range(s, n) : b \in allocated
    /\ last'.code = "OK" => /\ last'.ret = << >>
                            /\ allocated' = allocated \cup Range(s, n)
                            /\ registered' = registered

\* @type: Int => Bool;
AllocateFollowsTable(n) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NO_SPACE"}
    /\ last'.code = "INVALID_RANGE" <=> n = 0
    /\ last'.code = "NO_SPACE" <=> n > 0 /\ \A a \in Space : ~FreeAt(a, n)
    /\ last'.code = "OK" => /\ Len(last'.ret) = 1
                            /\ FreeAt(last'.ret[1], n)
                            /\ \A b \in Space : b < last'.ret[1] => ~FreeAt(b, n)
                            /\ allocated' = allocated \cup Range(last'.ret[1], n)
                            /\ registered' = registered

\* @type: (Int, Int) => Bool;
FreeFollowsTable(s, n) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NOT_ALLOCATED"}
    /\ last'.code = "INVALID_RANGE" <=> ~ValidRange(s, n)
    /\ last'.code = "NOT_ALLOCATED" <=> ValidRange(s, n) /\ \E b \in Range(s, n) : b \notin allocated
    /\ last'.code = "OK" => /\ last'.ret = << >>
                            /\ allocated' = allocated \ Range(s, n)
                            /\ registered' = registered

LargestFollowsTable ==
    /\ last'.code \in {"OK", "NO_FREE_REGION"}
    /\ last'.code = "NO_FREE_REGION" <=> registered \subseteq allocated
    /\ last'.code = "OK" => /\ Len(last'.ret) = 2
                            /\ IsLargestRun(registered \ allocated, last'.ret[1], last'.ret[2])
                            /\ UNCHANGED <<registered, allocated>>

\* @type: (Int, Int, Int) => Bool;
TouchFollowsTable(a, n, k) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NOT_RAM"}
    /\ last'.code = "INVALID_RANGE" <=> ~ValidRange(a, n)
    /\ last'.code = "NOT_RAM" <=> ValidRange(a, n) /\ \E b \in Range(a, n) : b \notin registered
    /\ last'.code # "OK" => k = 0
    /\ last'.code = "OK" =>
          LET pages == (a + n - 1) \div PageSize - a \div PageSize + 1  \* pages touched
          IN  /\ 0 <= k /\ k <= pages
              /\ last'.ret = <<k>>
              /\ IF k = 0 THEN IsFullWalk(last'.chunks, a, n)
                          ELSE Len(last'.chunks) = k /\ IsWalkPrefix(last'.chunks, a, n)
              /\ UNCHANGED <<registered, allocated>>

\* @type: (Int, Int, Seq(Int)) => Bool;
WriteFollowsTable(a, n, data) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NOT_RAM"}
    /\ last'.code = "INVALID_RANGE" <=> ~ValidRange(a, n)
    /\ last'.code = "NOT_RAM" <=> ValidRange(a, n) /\ \E b \in Range(a, n) : b \notin registered
    /\ last'.code = "OK" => /\ last'.ret = << >>
                            /\ Len(data) = n
                            /\ \A b \in Space : contents'[b + 1] = IF b \in Range(a, n)
                                                                 THEN data[b - a + 1]
                                                                 ELSE contents[b + 1]
                            /\ UNCHANGED <<registered, allocated>>

\* @type: (Int, Int) => Bool;
ReadFollowsTable(a, n) ==
    /\ last'.code \in {"OK", "INVALID_RANGE", "NOT_RAM"}
    /\ last'.code = "INVALID_RANGE" <=> ~ValidRange(a, n)
    /\ last'.code = "NOT_RAM" <=> ValidRange(a, n) /\ \E b \in Range(a, n) : b \notin registered
    /\ last'.code = "OK" => /\ Len(last'.ret) = n
                            /\ \A b \in Range(a, n) : last'.ret[b - a + 1] = contents[b + 1]
                            /\ UNCHANGED <<registered, allocated, contents>>

\* Every step is a call whose record agrees with the semantics table.
StepFollowsTable ==
    LET op == last'.op
        x == last'.args
    IN  /\ last'.code # "OK" => last'.ret = << >> /\ last'.chunks = << >>
        /\ last'.chunks # << >> => op = "Touch" /\ last'.code = "OK"
        /\ CASE op = "RegisterAt"    -> Len(x) = 2 /\ RegisterAtFollowsTable(x[1], x[2])
             [] op = "Register"      -> Len(x) = 1 /\ RegisterFollowsTable(x[1])
             [] op = "MarkAllocated" -> Len(x) = 2 /\ MarkAllocatedFollowsTable(x[1], x[2])
             [] op = "Allocate"      -> Len(x) = 1 /\ AllocateFollowsTable(x[1])
             [] op = "Free"          -> Len(x) = 2 /\ FreeFollowsTable(x[1], x[2])
             [] op = "Largest"       -> Len(x) = 0 /\ LargestFollowsTable
             [] op = "Touch"         -> Len(x) = 3 /\ TouchFollowsTable(x[1], x[2], x[3])
             [] op = "Write"         -> Len(x) >= 2 /\ WriteFollowsTable(x[1], x[2], SubSeq(x, 3, Len(x)))
             [] op = "Read"          -> Len(x) = 2 /\ ReadFollowsTable(x[1], x[2])
             [] OTHER                -> FALSE     \* "Init" is never a step

ResultsFollowTable == [][StepFollowsTable]_vars

\* A rejected call (a rejected write included) leaves R, A and the contents as they were.
RejectedCallStep ==
    last'.code # "OK" => UNCHANGED <<registered, allocated, contents>>
RejectedCallChangesNothing == [][RejectedCallStep]_vars

\* Registration is permanent: nothing ever leaves R.
RegistrationStep == registered \subseteq registered'
RegistrationIsPermanent == [][RegistrationStep]_vars

\* Contents persist: only an accepted write changes a byte (allocate, free and a
\* later registration leave every byte as it was).
ContentsStep == (last'.op = "Write" /\ last'.code = "OK") \/ contents' = contents
OnlyWritesChangeContents == [][ContentsStep]_vars

\* A read returns what the writes before it left there: an accepted read of
\* a..a+n-1 returns the bytes contents holds at those addresses, in order.
ReadStep ==
    (last'.op = "Read" /\ last'.code = "OK") =>
        LET a == last'.args[1]
            n == last'.args[2]
        IN  Len(last'.ret) = n /\ \A i \in 1 .. Limit : i <= n => last'.ret[i] = contents'[a + i]
ReadsReturnWhatWasWritten == [][ReadStep]_vars

(***************************************************************************)
(* The promises about the record of the call, checked on every step.  TLC  *)
(* fingerprints View, which leaves `last` out, and checks an invariant     *)
(* only on the first state of each view it meets; as action properties    *)
(* these hold after every call.  Apalache, which has no view, checks the   *)
(* state predicates themselves (LastIsTyped, LargestFreeIsMaximal, ...).   *)
(***************************************************************************)
LastIsTypedOnEveryCall == [][LastIsTyped']_vars
LargestFreeIsMaximalOnEveryCall == [][LargestFreeIsMaximal']_vars
TouchChunksPartitionRangeOnEveryCall == [][TouchChunksPartitionRange']_vars
ErrorsAreSpelledOutOnEveryCall == [][ErrorsAreSpelledOut']_vars
ResultsHaveTheirShapeOnEveryCall == [][ResultsHaveTheirShape']_vars

-----------------------------------------------------------------------------
THEOREM Spec => []TypeOK
THEOREM Spec => []AllocatedIsRegistered
THEOREM Spec => []UnregisteredBytesAreZero
THEOREM Spec => []LastIsTyped
THEOREM Spec => []LargestFreeIsMaximal
THEOREM Spec => []TouchChunksPartitionRange
THEOREM Spec => []ErrorsAreSpelledOut
THEOREM Spec => []ResultsHaveTheirShape
THEOREM Spec => ResultsFollowTable
THEOREM Spec => RejectedCallChangesNothing
THEOREM Spec => RegistrationIsPermanent
THEOREM Spec => OnlyWritesChangeContents
THEOREM Spec => ReadsReturnWhatWasWritten

\* These do NOT hold:
\* THEOREM Spec => [][allocated \subseteq allocated']_vars  \* Free shrinks A
\* THEOREM Spec => [](free # {} => LargestFree[2] = Cardinality(free))
\*                                 \* free bytes need not be one run
=============================================================================
