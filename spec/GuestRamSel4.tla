---------------------------- MODULE GuestRamSel4 ----------------------------
(***************************************************************************)
(* The guest RAM interface of libsel4vm (sel4vm/guest_ram.h), profile      *)
(* `sel4`: what libsel4vm's guest_ram.c and the reservation layer beneath  *)
(* it do today, bugs included (libsel4vm-behaviour.md, whose section 4 is  *)
(* the checklist).  Memory contents are abstracted away.                   *)
(*                                                                         *)
(* A client may                                                            *)
(*  - register a range at a start it names (RegisterAt): its pages are     *)
(*    reserved, the pages of start, start + P, ... are mapped (an          *)
(*    unaligned start can leave the last page unmapped) and a byte-exact   *)
(*    free entry joins the array;                                          *)
(*  - let the interface place a range (Register): the first anonymous      *)
(*    window that "fits" it moves its bump pointer past the page-rounded   *)
(*    size, even when the call then fails;                                 *)
(*  - mark a range allocated (MarkAllocated): silently ignored unless it   *)
(*    lies inside the first entry holding it and that entry is free;       *)
(*  - allocate the front of the first free entry big enough (Allocate);    *)
(*  - free a range (Free): a no-op;                                        *)
(*  - ask for the largest free entry (Largest);                            *)
(*  - walk a range lying in ONE entry chunk by chunk (Touch): callbacks    *)
(*    see the page-aligned address; an unmapped page stops the walk (-1).  *)
(* Every call is enabled in every state; a C failure return is an error    *)
(* code in `last`.  Arithmetic is unbounded: no argument in the model's    *)
(* bounds reaches 2^64, and entries may extend past Limit - 1, as nothing  *)
(* in libsel4vm knows the limit.                                           *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

\* Apalache type aliases: an element of the C array, a touch chunk and the record of a call.
\* @typeAlias: entry = { start: Int, size: Int, allocated: Bool };
\* @typeAlias: chunk = <<Int, Int, Int>>;
\* @typeAlias: call = { op: Str, args: Seq(Int), code: Str, ret: Seq(Int), chunks: Seq(<<Int, Int, Int>>) };
GuestRamSel4_typedefs == TRUE

CONSTANTS
    \* @type: Int;
    Limit,      \* arguments are tried up to Limit; Limit - 1 is the last address
    \* @type: Int;
    PageSize,   \* a power of two: the unit of reservation, mapping and touch chunks
    \* @type: Set(Set(Int));
    Windows     \* disjoint intervals of addresses: the anonymous regions Register uses

ASSUME
    /\ Limit \in Nat
    /\ PageSize \in {2^e : e \in 0 .. PageSize}
    /\ \A W \in Windows :                          \* each window: a non-empty interval
          /\ W # {}
          /\ W \subseteq 0 .. (Limit - 1)
          /\ \A x, y \in W : x .. y \subseteq W
    /\ \A V, W \in Windows : V # W => V \cap W = {}  \* windows are disjoint

VARIABLES
    \* @type: Seq($entry);
    entries,    \* vm->mem.ram_regions: byte-exact entries, sorted by start, collapsed
    \* @type: Seq(Int);
    bumps,      \* each window's bump pointer alloc_addr, windows in address order
    \* @type: Set(Int);
    reserved,   \* the pages register_at reserved (windows are reserved implicitly)
    \* @type: Set(Int);
    mapped,     \* the pages mapped into the guest: what a touch needs
    \* @type: $call;
    last        \* the last call: its name, arguments and observable result

vars == <<entries, bumps, reserved, mapped, last>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Types.                                                                  *)
(***************************************************************************)
Addr == 0 .. Limit          \* start/address arguments tried
Size == 0 .. Limit          \* size arguments tried

OpNames == {"Init", "RegisterAt", "Register", "MarkAllocated", "Allocate",
            "Free", "Largest", "Touch"}

ErrorCodes == {"INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM", "NO_FREE_REGION"}

TypeOK ==
    /\ entries \in Seq([start : Nat, size : Nat \ {0}, allocated : BOOLEAN])
    /\ bumps \in Seq(Nat) /\ Len(bumps) = Cardinality(Windows)
    /\ \A p \in reserved \cup mapped : p \in Nat /\ p % PageSize = 0
    /\ last \in [op : OpNames,
                 args : Seq(Nat),
                 code : {"OK"} \cup ErrorCodes,
                 ret : Seq(Int),
                 chunks : Seq(Nat \X Nat \X Nat)]

-----------------------------------------------------------------------------
(***************************************************************************)
(* Helpers.                                                                *)
(***************************************************************************)

\* The n addresses from s on (empty when n = 0), as an enumerated set.
\* @type: (Int, Int) => Set(Int);
Range(s, n) == {s + i : i \in 0 .. (n - 1)}

\* @type: Set(Int) => Int;
Lowest(S) == CHOOSE x \in S : \A y \in S : x <= y

\* @type: Set(Int) => Int;
Highest(S) == CHOOSE x \in S : \A y \in S : y <= x

\* @type: (Int, Int) => Int;
Min(x, y) == IF x <= y THEN x ELSE y

\* The page holding address a (PAGE_ALIGN: round down), and a rounded up to a page.
\* @type: Int => Int;
Page(a) == a - (a % PageSize)
\* @type: Int => Int;
RoundUp(a) == Page(a + PageSize - 1)

\* The windows in ascending address order (the anon rbtree's in-order walk).
WindowSeq == CHOOSE ws \in [1 .. Cardinality(Windows) -> Windows] :
                 \A i, j \in DOMAIN ws : i < j => Lowest(ws[i]) < Lowest(ws[j])

\* Window i's first and last address and its size.
\* @type: Int => Int;
WStart(i) == Lowest(WindowSeq[i])
\* @type: Int => Int;
WLast(i) == Highest(WindowSeq[i])
\* @type: Int => Int;
WSize(i) == Cardinality(WindowSeq[i])

\* The least addresses of the windows, in order: the bump pointers' start.
Starts == [i \in 1 .. Cardinality(Windows) |-> WStart(i)]

\* Page p is reserved by an anonymous window: it shares an address with one.
\* @type: Int => Bool;
WindowPage(p) == \E W \in Windows : Lowest(W) <= p + PageSize - 1 /\ p <= Highest(W)

\* The pages [Page(s), s + n) meets: what the vspace reservation of register_at
\* takes (n > 0).
\* @type: (Int, Int) => Set(Int);
PagesOf(s, n) == {Page(s) + i * PageSize : i \in 0 .. ((s + n - 1 - Page(s)) \div PageSize)}

\* The pages the mapping walk maps: those holding s, s + P, s + 2P, ... below
\* s + n.  With an unaligned s the page holding s + n - 1 can be missed.
\* @type: (Int, Int) => Set(Int);
MappedBy(s, n) == {Page(s + i * PageSize) : i \in 0 .. ((n - 1) \div PageSize)}

\* The bytes of the entries, and those of the allocated ones.
\* @type: Seq($entry) => Set(Int);
EntryBytes(es) == UNION {Range(es[i].start, es[i].size) : i \in DOMAIN es}
\* @type: Seq($entry) => Set(Int);
AllocatedBytes(es) ==
    UNION {Range(es[i].start, es[i].size) : i \in {j \in DOMAIN es : es[j].allocated}}

\* is_ram_region: the indices of the entries that alone hold [a, a + n) (the
\* end inclusive, so n = 0 at an entry's end counts).
\* @type: (Seq($entry), Int, Int) => Set(Int);
Holding(es, a, n) == {i \in DOMAIN es : es[i].start <= a /\ a + n <= es[i].start + es[i].size}

(***************************************************************************)
(* The C array's mechanics: push (a zero size pushes nothing), qsort by    *)
(* start, collapse.  Pushing onto a sorted array and sorting is inserting  *)
(* after every entry that starts at or before the new one.                 *)
(***************************************************************************)
RECURSIVE Insert(_, _)
\* @type: (Seq($entry), $entry) => Seq($entry);
Insert(es, e) ==
    IF es = << >> \/ e.start < Head(es).start THEN <<e>> \o es
    ELSE <<Head(es)>> \o Insert(Tail(es), e)

\* push_guest_ram_region then qsort.
\* @type: (Seq($entry), Int, Int, Bool) => Seq($entry);
Push(es, s, n, alloc) ==
    IF n = 0 THEN es ELSE Insert(es, [start |-> s, size |-> n, allocated |-> alloc])

RECURSIVE CollapseOnto(_, _)
\* collapse_guest_ram_regions, one left-to-right pass: the next entry merges into
\* the last kept one when both have the same flag and touch exactly.
\* @type: (Seq($entry), Seq($entry)) => Seq($entry);
CollapseOnto(done, rest) ==
    IF rest = << >> THEN done
    ELSE LET e == Head(rest)
             p == done[Len(done)]
         IN  IF done # << >> /\ p.allocated = e.allocated /\ p.start + p.size = e.start
             THEN CollapseOnto(SubSeq(done, 1, Len(done) - 1)
                                   \o <<[p EXCEPT !.size = p.size + e.size]>>, Tail(rest))
             ELSE CollapseOnto(Append(done, e), Tail(rest))

\* @type: Seq($entry) => Seq($entry);
Collapse(es) == CollapseOnto(<< >>, es)

\* expand_guest_ram_region: a free entry joins the array.
\* @type: (Seq($entry), Int, Int) => Seq($entry);
Expand(es, s, n) == Collapse(Push(es, s, n, FALSE))

\* vm_ram_mark_allocated on the array: the first entry holding [s, s + n), if
\* free, is replaced by its free head, the allocated range and its free tail.
\* @type: (Seq($entry), Int, Int) => Seq($entry);
MarkedAllocated(es, s, n) ==
    IF Holding(es, s, n) = {} THEN es
    ELSE LET i == Lowest(Holding(es, s, n))
             r == es[i]
             rest == SubSeq(es, 1, i - 1) \o SubSeq(es, i + 1, Len(es))
         IN  IF r.allocated THEN es
             ELSE Collapse(Push(Push(Push(rest, r.start, s - r.start, FALSE),
                                     s, n, TRUE),
                                s + n, r.size - n - (s - r.start), FALSE))

\* find_allocable_anon_region: window i has room for r rounded bytes from base
\* iff r <= size - (base - start), computed in size_t: once base has passed
\* the window's end the difference underflows and the window "fits" anything.
\* @type: (Int, Int, Int) => Bool;
Fits(i, base, r) ==
    LET gone == base - WStart(i)
    IN  gone > WSize(i) \/ r <= WSize(i) - gone

\* The windows that fit n bytes, the first of which Register takes.
\* @type: Int => Set(Int);
FittingWindows(n) == {i \in DOMAIN bumps : Fits(i, RoundUp(bumps[i]), RoundUp(n))}

\* No touch tried has more chunks than this: a range [a, a + n) with a, n in
\* 0 .. Limit meets at most 2 * Limit \div PageSize + 1 pages.  A constant, so
\* that no set below has a bound that depends on a variable (Apalache needs that).
MaxChunks == (2 * Limit) \div PageSize + 1

\* How many pages [a, a + n) meets: the chunks of a walk no unmapped page stops.
\* @type: (Int, Int) => Int;
NumChunks(a, n) == IF n = 0 THEN 0 ELSE (a + n - 1) \div PageSize - a \div PageSize + 1

\* Chunk i (1-based) of the walk of a touch of [a, a + n): cur is a (i = 1) or the
\* page boundary aligned = Page(a) + (i - 1) * P, next = Min(a + n, aligned + P), and
\* the chunk is <<aligned, next - cur, cur - a>> (the page-aligned address, not cur).
\* @type: (Int, Int, Int) => $chunk;
Chunk(a, n, i) ==
    LET aligned == Page(a) + (i - 1) * PageSize
        cur == IF i = 1 THEN a ELSE aligned
        next == Min(a + n, aligned + PageSize)
    IN  <<aligned, next - cur, cur - a>>

\* The first k chunks of the walk.
\* @type: (Int, Int, Int) => Seq($chunk);
ChunkPrefix(a, n, k) == SubSeq([i \in 1 .. MaxChunks |-> Chunk(a, n, i)], 1, k)

\* How many chunks the walk reaches before an unmapped page stops it: the pages of
\* the first Reach(a, n) chunks are all mapped (all NumChunks(a, n) of them, or up
\* to the first unmapped one).
\* @type: (Int, Int) => Int;
Reach(a, n) ==
    Cardinality({i \in 1 .. MaxChunks :
                    /\ i <= NumChunks(a, n)
                    /\ \A j \in 1 .. MaxChunks : j <= i => Page(a) + (j - 1) * PageSize \in mapped})

\* The walk of touch(a, n) whose k-th callback stops it (k = 0: none does), as the C
\* loop does it: `cur` from a while cur < a + n, aligned = Page(cur); an unmapped
\* page ends the walk with -1 and the chunks so far; callback number k (k > 0)
\* ends it with k; at the end it returns 0.  In closed form: callback k is reached
\* iff k <= Reach(a, n).
\* @type: (Int, Int, Int) => { chunks: Seq($chunk), ret: Int };
Walk(a, n, k) ==
    LET reach == Reach(a, n)
    IN  CASE k > 0 /\ k <= reach      -> [chunks |-> ChunkPrefix(a, n, k), ret |-> k]
          [] reach < NumChunks(a, n) -> [chunks |-> ChunkPrefix(a, n, reach), ret |-> -1]
          [] OTHER                   -> [chunks |-> ChunkPrefix(a, n, reach), ret |-> 0]

\* The callbacks k a touch is tried with: any callback the walk reaches may
\* stop it, or none (k = 0); a rejected touch calls back nobody.
\* @type: (Int, Int) => Set(Int);
StopAt(a, n) == IF Holding(entries, a, n) # {}
                THEN {k \in 0 .. MaxChunks : k <= Reach(a, n)}
                ELSE {0}

\* The record of a call that returned normally.
\* @type: (Str, Seq(Int), Seq(Int), Seq($chunk)) => $call;
Accepted(op, args, ret, chunks) ==
    [op |-> op, args |-> args, code |-> "OK", ret |-> ret, chunks |-> chunks]

\* The record of a failed call: its code, no result.
\* @type: (Str, Seq(Int), Str) => $call;
Failed(op, args, code) ==
    [op |-> op, args |-> args, code |-> code, ret |-> << >>, chunks |-> << >>]

\* A call that changes nothing but `last`.
\* @type: $call => Bool;
Only(record) ==
    /\ last' = record
    /\ UNCHANGED <<entries, bumps, reserved, mapped>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The calls.  Each is enabled in every state.                             *)
(***************************************************************************)
Init ==
    /\ entries = << >>
    /\ bumps = Starts
    /\ reserved = {}
    /\ mapped = {}
    /\ last = [op |-> "Init", args |-> << >>, code |-> "OK", ret |-> << >>, chunks |-> << >>]

\* vm_ram_register_at: -1 for n = 0 or when a page of [Page(s), s + n) is
\* reserved or a window's; else those pages are reserved, the mapping walk's
\* pages mapped, and a free entry (s, n) joins.  The flag u has no effect.
\* @type: (Int, Int, Bool) => Bool;
RegisterAt(s, n, u) ==
    CASE n = 0 -> Only(Failed("RegisterAt", <<s, n>>, "INVALID_RANGE"))
      [] \E p \in PagesOf(s, n) : p \in reserved \/ WindowPage(p) ->
            Only(Failed("RegisterAt", <<s, n>>, "OVERLAP"))
      [] OTHER ->
            /\ reserved' = reserved \cup PagesOf(s, n)
            /\ mapped' = mapped \cup MappedBy(s, n)
            /\ entries' = Expand(entries, s, n)
            /\ last' = Accepted("RegisterAt", <<s, n>>, << >>, << >>)
            /\ UNCHANGED bumps

\* vm_ram_register: the first window that fits takes RoundUp(n) bytes at its
\* rounded-up bump pointer, which moves at once; then n = 0 fails, as does a
\* range outside the window (the underflow), else (base, n) is mapped and joins.
\* @type: Int => Bool;
Register(n) ==
    IF FittingWindows(n) = {} THEN Only(Failed("Register", <<n>>, "NO_SPACE"))
    ELSE LET i == Lowest(FittingWindows(n))
             base == RoundUp(bumps[i])
             code == CASE n = 0                              -> "INVALID_RANGE"
                       [] base + RoundUp(n) - 1 > WLast(i)   -> "NO_SPACE"
                       [] OTHER                              -> "OK"
         IN  /\ bumps' = [bumps EXCEPT ![i] = base + RoundUp(n)]
             /\ IF code # "OK"
                THEN /\ last' = Failed("Register", <<n>>, code)
                     /\ UNCHANGED <<entries, reserved, mapped>>
                ELSE /\ mapped' = mapped \cup MappedBy(base, n)
                     /\ entries' = Expand(entries, base, n)
                     /\ last' = Accepted("Register", <<n>>, <<base>>, << >>)
                     /\ UNCHANGED reserved

\* vm_ram_mark_allocated: void; splits the first entry holding the range if it
\* is free, and silently does nothing otherwise.
\* @type: (Int, Int) => Bool;
MarkAllocated(s, n) ==
    /\ entries' = MarkedAllocated(entries, s, n)
    /\ last' = Accepted("MarkAllocated", <<s, n>>, << >>, << >>)
    /\ UNCHANGED <<bumps, reserved, mapped>>

\* vm_ram_allocate: the front of the first free entry of at least n bytes is
\* marked allocated and its start returned (n = 0 allocates nothing).
\* @type: Int => Bool;
Allocate(n) ==
    LET fit == {i \in DOMAIN entries : ~entries[i].allocated /\ entries[i].size >= n}
    IN  IF fit = {} THEN Only(Failed("Allocate", <<n>>, "NO_SPACE"))
        ELSE LET a == entries[Lowest(fit)].start
             IN  /\ entries' = MarkedAllocated(entries, a, n)
                 /\ last' = Accepted("Allocate", <<n>>, <<a>>, << >>)
                 /\ UNCHANGED <<bumps, reserved, mapped>>

\* vm_ram_free: returns at once.
\* @type: (Int, Int) => Bool;
Free(s, n) ==
    /\ last' = Accepted("Free", <<s, n>>, << >>, << >>)
    /\ UNCHANGED <<entries, bumps, reserved, mapped>>

\* vm_ram_find_largest_free_region: the free entry of strictly greatest size
\* met first (the lowest wins ties); -1 when no entry is free.
Largest ==
    LET free == {i \in DOMAIN entries : ~entries[i].allocated}
    IN  IF free = {} THEN Only(Failed("Largest", << >>, "NO_FREE_REGION"))
        ELSE LET e == entries[CHOOSE i \in free :
                                  \A j \in free : \/ entries[j].size < entries[i].size
                                                  \/ entries[j].size = entries[i].size /\ i <= j]
             IN  Only(Accepted("Largest", << >>, <<e.start, e.size>>, << >>))

\* vm_ram_touch: -1 unless one entry holds [a, a + n); else the walk, whose
\* k-th callback returns k (k = 0: none stops it), returns 0, k or -1.
\* @type: (Int, Int, Int) => Bool;
Touch(a, n, k) ==
    IF Holding(entries, a, n) = {} THEN Only(Failed("Touch", <<a, n, k>>, "NOT_RAM"))
    ELSE LET w == Walk(a, n, k)
         IN  Only(Accepted("Touch", <<a, n, k>>, <<w.ret>>, w.chunks))

Next ==
    \/ \E s \in Addr, n \in Size, u \in BOOLEAN : RegisterAt(s, n, u)
    \/ \E n \in Size : Register(n)
    \/ \E s \in Addr, n \in Size : MarkAllocated(s, n)
    \/ \E n \in Size : Allocate(n)
    \/ \E s \in Addr, n \in Size : Free(s, n)
    \/ Largest
    \/ \E a \in Addr, n \in Size : \E k \in StopAt(a, n) : Touch(a, n, k)

-----------------------------------------------------------------------------
\* No fairness: every property below is a safety property.
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.  Each is one operator so that TLC names the one that broke. *)
(***************************************************************************)

\* The array is sorted by start, and no two neighbours of one kind touch.
EntriesSortedAndCollapsed ==
    \A i \in 1 .. (Len(entries) - 1) :
        LET e == entries[i]
            f == entries[i + 1]
        IN  /\ e.start < f.start
            /\ ~(e.allocated = f.allocated /\ e.start + e.size = f.start)

\* No byte is in two entries (guest_ram.c never checks: the reservation layer
\* refuses overlapping registrations).
EntriesDisjoint ==
    \A i, j \in DOMAIN entries :
        i # j => \/ entries[i].start + entries[i].size <= entries[j].start
                 \/ entries[j].start + entries[j].size <= entries[i].start

\* Every byte of every entry lies in a page that register_at reserved or that
\* an anonymous window reserves.
EntriesLieInReservedPages ==
    \A b \in EntryBytes(entries) : Page(b) \in reserved \/ WindowPage(Page(b))

\* The codes each call may report: C's failure returns.
\* @type: Str => Set(Str);
CodesOf(op) ==
    CASE op = "Init"          -> {"OK"}
      [] op = "RegisterAt"    -> {"OK", "INVALID_RANGE", "OVERLAP"}
      [] op = "Register"      -> {"OK", "INVALID_RANGE", "NO_SPACE"}
      [] op = "MarkAllocated" -> {"OK"}
      [] op = "Allocate"      -> {"OK", "NO_SPACE"}
      [] op = "Free"          -> {"OK"}
      [] op = "Largest"       -> {"OK", "NO_FREE_REGION"}
      [] op = "Touch"         -> {"OK", "NOT_RAM"}

\* An error is a code the call may report, with no return value, no chunk,
\* and (for a touch) no callback.
ErrorsAreSpelledOut ==
    /\ last.code \in CodesOf(last.op)
    /\ last.code # "OK" => /\ last.ret = << >>
                           /\ last.chunks = << >>
                           /\ last.op = "Touch" => last.args[3] = 0

\* How many arguments each call records (register_at's flag is not recorded).
\* @type: Str => Int;
ArgCount(op) ==
    CASE op \in {"Init", "Largest"}                  -> 0
      [] op \in {"Register", "Allocate"}             -> 1
      [] op \in {"RegisterAt", "MarkAllocated", "Free"} -> 2
      [] op = "Touch"                                -> 3

\* How many values each accepted call returns.
\* @type: Str => Int;
RetCount(op) ==
    CASE op \in {"Register", "Allocate", "Touch"} -> 1
      [] op = "Largest"                          -> 2
      [] OTHER                                   -> 0

\* last has the shape its op promises; only an accepted touch has chunks.
ResultsHaveTheirShape ==
    /\ Len(last.args) = ArgCount(last.op)
    /\ last.code = "OK" => Len(last.ret) = RetCount(last.op)
    /\ last.chunks # << >> => last.op = "Touch" /\ last.code = "OK"

-----------------------------------------------------------------------------
(***************************************************************************)
(* Action properties.                                                      *)
(***************************************************************************)

\* vm_ram_free changes nothing.
FreeIsANoOp ==
    [][last'.op = "Free" => UNCHANGED <<entries, bumps, reserved, mapped>>]_vars

\* A failed call keeps the entries and the reserved and mapped pages; only a
\* bump pointer may have moved (Register).
RejectedCallKeepsEntries ==
    [][last'.code # "OK" => UNCHANGED <<entries, reserved, mapped>>]_vars

\* Registration is permanent: every byte of an entry stays in some entry.
RegistrationIsPermanent ==
    [][EntryBytes(entries) \subseteq EntryBytes(entries')]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Promises of profile `spec` that libsel4vm breaks.  The configurations   *)
(* that list them expect a violation (spec/README.md, "Known libsel4vm     *)
(* bugs").                                                                 *)
(***************************************************************************)

\* A touch of registered bytes, no callback stopping it, succeeds with 0.
TouchOfRegisteredRamSucceeds ==
    LET a == last.args[1]
        n == last.args[2]
    IN  (/\ last.op = "Touch" /\ last.args[3] = 0 /\ n > 0
         /\ Range(a, n) \subseteq EntryBytes(entries))
            => last.code = "OK" /\ last.ret = <<0>>

\* A free of allocated bytes leaves none of them allocated.
FreeReleasesTheRange ==
    [][LET s == last'.args[1]
           n == last'.args[2]
       IN  (/\ last'.op = "Free" /\ n > 0
            /\ Range(s, n) \subseteq AllocatedBytes(entries))
               => Range(s, n) \cap AllocatedBytes(entries') = {}]_vars

-----------------------------------------------------------------------------
THEOREM Spec => []TypeOK
THEOREM Spec => []EntriesSortedAndCollapsed
THEOREM Spec => []EntriesDisjoint
THEOREM Spec => []EntriesLieInReservedPages
THEOREM Spec => []ErrorsAreSpelledOut
THEOREM Spec => []ResultsHaveTheirShape
THEOREM Spec => FreeIsANoOp
THEOREM Spec => RejectedCallKeepsEntries
THEOREM Spec => RegistrationIsPermanent

\* These do NOT hold (libsel4vm's bugs):
\* THEOREM Spec => []TouchOfRegisteredRamSucceeds  \* one entry only; unmapped pages
\* THEOREM Spec => FreeReleasesTheRange            \* vm_ram_free is a no-op
\* THEOREM Spec => [][bumps = bumps' \/ last'.code = "OK" \/ last'.op # "Register"]_vars
\*                     \* a failed Register can move a bump pointer for good
=============================================================================
