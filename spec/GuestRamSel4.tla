---------------------------- MODULE GuestRamSel4 ----------------------------
(***************************************************************************)
(* The guest RAM interface of libsel4vm (sel4vm/guest_ram.h), profile      *)
(* `sel4`: what libsel4vm's guest_ram.c and the reservation layer beneath  *)
(* it do today, bugs included (libsel4vm-behaviour.md, whose section 4 is  *)
(* the checklist), with guest memory over a small byte domain.            *)
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
(*    see the page-aligned address; an unmapped page stops the walk (-1);  *)
(*  - write and read through that walk with vm_guest_ram_write_callback    *)
(*    and vm_guest_ram_read_callback, which ignore the chunk's offset:     *)
(*    every chunk gets the head of the buffer, every chunk is read into    *)
(*    the head of the buffer (Write, Read).                                *)
(* Every call is enabled in every state; a C failure return is an error    *)
(* code in `last`; `last` is left out of the view TLC fingerprints (View) *)
(* and the promises about it are checked on every step.                    *)
(* Arithmetic is unbounded: no argument in the model's    *)
(* bounds reaches 2^64, and entries may extend past Limit - 1, as nothing  *)
(* in libsel4vm knows the limit.                                           *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, Apalache  \* Apalache: MkSeq (spec/Apalache.tla for TLC)

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
    Windows,    \* disjoint intervals of addresses: the anonymous regions Register uses
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
    \* @type: Seq($entry);
    entries,    \* vm->mem.ram_regions: byte-exact entries, sorted by start, collapsed
    \* @type: Seq(Int);
    bumps,      \* each window's bump pointer alloc_addr, windows in address order
    \* @type: Set(Int);
    reserved,   \* the pages register_at reserved (windows are reserved implicitly)
    \* @type: Set(Int);
    mapped,     \* the pages mapped into the guest: what a touch needs
    \* @type: Seq(Int);
    contents,   \* contents[b + 1]: the byte at address b < 2 * Limit (0 until written)
    \* @type: $call;
    last        \* the last call: its name, arguments and observable result

vars == <<entries, bumps, reserved, mapped, contents, last>>

\* What TLC fingerprints (VIEW View in the .cfg): the state without the record
\* of the last call.
View == <<entries, bumps, reserved, mapped, contents>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Types.                                                                  *)
(***************************************************************************)
Addr == 0 .. Limit          \* start/address arguments tried
Size == 0 .. Limit          \* size arguments tried
Bytes == 0 .. (ByteValues - 1)  \* the values of a byte
Extent == 2 * Limit         \* entries lie below it: register_at(s, n) with s, n <= Limit

\* No array has more entries than this (disjoint, non-empty entries below
\* Extent, plus the two pieces mark_allocated pushes).  A constant bound.
MaxEntries == Extent + 2

\* A placeholder entry, past the end of a sequence built with MkSeq.
NoEntry == [start |-> 0, size |-> 0, allocated |-> FALSE]

\* The windows in ascending address order (the anon rbtree's in-order walk).
\* Windows are disjoint intervals below Limit, so walking the addresses upwards
\* meets each window's first address, then its last, before the next window's:
\* the i-th first address and the i-th last address are window i's.
\* @type: Int => Bool;
FirstOfAWindow(x) == \E W \in Windows : x \in W /\ (x - 1) \notin W
\* @type: Int => Bool;
LastOfAWindow(x) == \E W \in Windows : x \in W /\ (x + 1) \notin W
\* @type: (Int => Bool) => Seq(Int);
AddressesWhere(P(_)) ==
    ApaFoldSeqLeft(LAMBDA acc, x : IF P(x) THEN Append(acc, x) ELSE acc,
                   << >>, MkSeq(Limit, LAMBDA i : i - 1))

\* The least addresses of the windows, in order: the bump pointers' start.
Starts == AddressesWhere(FirstOfAWindow)

\* How many windows there are (disjoint, non-empty: one first address each).
NumWindows == Len(Starts)

OpNames == {"Init", "RegisterAt", "Register", "MarkAllocated", "Allocate",
            "Free", "Largest", "Touch", "Write", "Read"}

ErrorCodes == {"INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM", "NO_FREE_REGION"}

\* Stated element by element, by comparisons: Apalache has no Seq(S) and no Nat
\* \ {0} (infinite sets); that the variables are sequences of records, sets and
\* sequences is their type, which Apalache's type checker proves.
TypeOK ==
    /\ \A i \in DOMAIN entries : entries[i].start >= 0 /\ entries[i].size > 0
    /\ Len(bumps) = NumWindows /\ \A i \in DOMAIN bumps : bumps[i] >= 0
    /\ \A p \in reserved \cup mapped : p >= 0 /\ p % PageSize = 0
    /\ Len(contents) = Extent /\ \A i \in 1 .. Extent : contents[i] \in Bytes

\* The record of the last call has its type (checked on every step): each
\* field's values lie in their set (stated as TypeOK is).
LastIsTyped ==
    /\ last.op \in OpNames
    /\ \A i \in DOMAIN last.args : last.args[i] >= 0
    /\ last.code \in {"OK"} \cup ErrorCodes
    /\ \A i \in DOMAIN last.chunks :
          last.chunks[i][1] >= 0 /\ last.chunks[i][2] >= 0 /\ last.chunks[i][3] >= 0

-----------------------------------------------------------------------------
(***************************************************************************)
(* Helpers.                                                                *)
(***************************************************************************)

\* The n addresses from s on (empty when n = 0), as an enumerated set, and as a
\* filter of a constant set since Apalache takes no range whose bounds vary:
\* every range here ends at or below Extent (entries, and s + n with s, n <= Limit).
\* @type: (Int, Int) => Set(Int);
Range(s, n) == {x \in 0 .. Extent : s <= x /\ x < s + n}

\* The array mechanics below are folds (ApaFoldSeqLeft, spec/Apalache.tla for
\* TLC) and filters over constant sets, never CHOOSE or Cardinality over a set
\* that depends on a variable: Apalache encodes those anew at every call site,
\* with nested quantifiers, and never finished a step of this module with them.

\* The indices 1 .. N as MkSeq(N, Index) (a named operator: Apalache cannot type
\* LAMBDA i : i).
\* @type: Int => Int;
Index(i) == i

\* The least i in 1 .. N with P(i), or 0 if there is none (N constant; P
\* guards its own index).
\* @type: (Int, Int => Bool) => Int;
FirstOf(N, P(_)) ==
    ApaFoldSeqLeft(LAMBDA acc, i : IF acc = 0 /\ P(i) THEN i ELSE acc, 0, MkSeq(N, Index))

\* @type: (Int, Int) => Int;
Min(x, y) == IF x <= y THEN x ELSE y

\* The page holding address a (PAGE_ALIGN: round down), and a rounded up to a page.
\* @type: Int => Int;
Page(a) == a - (a % PageSize)
\* @type: Int => Int;
RoundUp(a) == Page(a + PageSize - 1)

\* Window i's first and last address and its size.
\* @type: Int => Int;
WStart(i) == Starts[i]
\* @type: Int => Int;
WLast(i) == AddressesWhere(LastOfAWindow)[i]
\* @type: Int => Int;
WSize(i) == WLast(i) - WStart(i) + 1

\* Page p is reserved by an anonymous window: it shares an address with one.
\* @type: Int => Bool;
WindowPage(p) == \E W \in Windows : \E x \in W : p <= x /\ x <= p + PageSize - 1

\* The pages [Page(s), s + n) meets: what the vspace reservation of register_at
\* takes (n > 0).
\* @type: (Int, Int) => Set(Int);
PagesOf(s, n) == {p \in 0 .. Extent : p % PageSize = 0 /\ Page(s) <= p /\ p < s + n}

\* The pages the mapping walk maps: those holding s, s + P, s + 2P, ... below
\* s + n.  With an unaligned s the page holding s + n - 1 can be missed.
\* @type: (Int, Int) => Set(Int);
MappedBy(s, n) == {Page(s + i * PageSize) : i \in {j \in 0 .. Limit : j <= (n - 1) \div PageSize}}

\* Byte b (in 0 .. Extent, where every entry lies) is one of the entries', or
\* one of the allocated entries'.  Predicates, not the UNION of the entries'
\* ranges, which Apalache would have to flatten.
\* @type: (Seq($entry), Int) => Bool;
InEntries(es, b) == \E i \in DOMAIN es : es[i].start <= b /\ b < es[i].start + es[i].size
\* @type: (Seq($entry), Int) => Bool;
InAllocated(es, b) ==
    \E i \in DOMAIN es : es[i].allocated /\ es[i].start <= b /\ b < es[i].start + es[i].size

\* is_ram_region: the indices of the entries that alone hold [a, a + n) (the
\* end inclusive, so n = 0 at an entry's end counts).
\* @type: (Seq($entry), Int, Int) => Set(Int);
Holding(es, a, n) == {i \in DOMAIN es : es[i].start <= a /\ a + n <= es[i].start + es[i].size}

\* The least index of Holding(es, a, n), 0 if it is empty.
\* @type: (Seq($entry), Int, Int) => Int;
FirstHolding(es, a, n) ==
    FirstOf(MaxEntries, LAMBDA i : i <= Len(es) /\ es[i].start <= a /\ a + n <= es[i].start + es[i].size)

(***************************************************************************)
(* The C array's mechanics: push (a zero size pushes nothing), qsort by    *)
(* start, collapse.  Pushing onto a sorted array and sorting is inserting  *)
(* after every entry that starts at or before the new one.                 *)
(***************************************************************************)
\* Pushing e onto a sorted array and sorting it: e goes after every entry that
\* starts at or before it.
\* How many entries start at or before e, counting up: e goes at p + 1.
\* @type: ($entry, Int, $entry) => Int;
CountIfBefore(e, count, x) == IF x.start <= e.start THEN count + 1 ELSE count
\* @type: (Seq($entry), $entry) => Seq($entry);
Insert(es, e) ==
    LET p == ApaFoldSeqLeft(LAMBDA count, x : CountIfBefore(e, count, x), 0, es)
    IN  SubSeq(MkSeq(MaxEntries, LAMBDA k :
                   CASE k <= p            -> es[k]
                     [] k = p + 1         -> e
                     [] k - 1 <= Len(es)  -> es[k - 1]
                     [] OTHER             -> NoEntry), 1, Len(es) + 1)

\* push_guest_ram_region then qsort.
\* @type: (Seq($entry), Int, Int, Bool) => Seq($entry);
Push(es, s, n, alloc) ==
    IF n = 0 THEN es ELSE Insert(es, [start |-> s, size |-> n, allocated |-> alloc])

\* collapse_guest_ram_regions, one left-to-right pass that merges the next entry
\* into the last kept one when both have the same flag and touch exactly (the
\* last kept entry ends where the entry before the next one ends, and has its
\* flag, so this is the C loop's test on neighbours).
\* @type: (Seq($entry), $entry) => Seq($entry);
CollapseStep(kept, e) ==
    IF /\ Len(kept) > 0
       /\ kept[Len(kept)].allocated = e.allocated
       /\ kept[Len(kept)].start + kept[Len(kept)].size = e.start
    THEN [kept EXCEPT ![Len(kept)] = [start |-> kept[Len(kept)].start,
                                      size |-> e.start + e.size - kept[Len(kept)].start,
                                      allocated |-> e.allocated]]
    ELSE Append(kept, e)

\* @type: Seq($entry) => Seq($entry);
Collapse(es) == ApaFoldSeqLeft(CollapseStep, << >>, es)

\* expand_guest_ram_region: a free entry joins the array.
\* @type: (Seq($entry), Int, Int) => Seq($entry);
Expand(es, s, n) == Collapse(Push(es, s, n, FALSE))

\* vm_ram_mark_allocated on the array: the first entry holding [s, s + n), if
\* free, is replaced by its free head, the allocated range and its free tail
\* (pushed, sorted and collapsed in C).  A closed form on indices, not a
\* collapse of the whole array, which keeps Z3 busy for minutes: the array is
\* sorted, collapsed and disjoint before the mark (TLC checks it on every state
\* it steps from), so head and tail stay apart from the free entry's
\* neighbours, n = 0 rejoins them into the entry itself, and only the marked
\* piece can merge: with the allocated entry before it when the head is empty
\* and that entry ends at s, with the allocated entry after it when the tail is
\* empty and that entry starts at s + n.
\* @type: (Seq($entry), Int, Int) => Seq($entry);
MarkedAllocated(es, s, n) ==
    LET i == FirstHolding(es, s, n)
        r == es[i]
        head == s - r.start                          \* the free head's size
        tail == r.start + r.size - (s + n)           \* the free tail's size
        \* the marked piece absorbs its neighbour i - 1 / i + 1
        joinPrev == head = 0 /\ i > 1 /\ es[i - 1].allocated
                    /\ es[i - 1].start + es[i - 1].size = s
        joinNext == tail = 0 /\ i < Len(es) /\ es[i + 1].allocated /\ es[i + 1].start = s + n
        lo == IF joinPrev THEN i - 1 ELSE i          \* the entries lo .. hi are replaced
        hi == IF joinNext THEN i + 1 ELSE i
        marked == [start |-> IF joinPrev THEN es[i - 1].start ELSE s,
                   size |-> (IF joinNext THEN es[i + 1].start + es[i + 1].size ELSE s + n)
                            - (IF joinPrev THEN es[i - 1].start ELSE s),
                   allocated |-> TRUE]
        at == IF head > 0 THEN 1 ELSE 0               \* the marked piece's offset from lo
        pieces == at + 1 + (IF tail > 0 THEN 1 ELSE 0) \* how many entries replace lo .. hi
        shift == pieces - (hi - lo + 1)              \* how far the entries after hi move
    IN
    IF i = 0 \/ n = 0 THEN es
    ELSE IF r.allocated THEN es
    ELSE SubSeq(MkSeq(MaxEntries, LAMBDA k :
                   CASE k < lo                    -> es[k]
                     [] k < lo + at               -> [start |-> r.start, size |-> head, allocated |-> FALSE]
                     [] k = lo + at               -> marked
                     [] k < lo + pieces           -> [start |-> s + n, size |-> tail, allocated |-> FALSE]
                     [] k - shift <= Len(es)      -> es[k - shift]
                     [] OTHER                     -> NoEntry), 1, Len(es) + shift)

\* find_allocable_anon_region: window i has room for r rounded bytes from base
\* iff r <= size - (base - start), computed in size_t: once base has passed
\* the window's end the difference underflows and the window "fits" anything.
\* @type: (Int, Int, Int) => Bool;
Fits(i, base, r) ==
    LET gone == base - WStart(i)
    IN  gone > WSize(i) \/ r <= WSize(i) - gone

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
ChunkPrefix(a, n, k) == SubSeq(MkSeq(MaxChunks, LAMBDA i : Chunk(a, n, i)), 1, k)

\* How many chunks the walk reaches before an unmapped page stops it: the pages of
\* the first Reach(a, n) chunks are all mapped (all NumChunks(a, n) of them, or up
\* to the first unmapped one).
\* @type: (Int, Int) => Int;
Reach(a, n) ==
    ApaFoldSeqLeft(LAMBDA acc, i :
                       IF acc = i - 1 /\ i <= NumChunks(a, n) /\ Page(a) + (i - 1) * PageSize \in mapped
                       THEN i ELSE acc,
                   0, MkSeq(MaxChunks, Index))

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

\* The n bytes Write(a, n, v) passes: v, v + 1, v + 2, ... modulo ByteValues, so
\* that (with ByteValues > 1) a byte's value tells its offset in the buffer.
\* @type: (Int, Int) => Seq(Int);
Pattern(n, v) == SubSeq(MkSeq(Limit, LAMBDA i : (v + i - 1) % ByteValues), 1, n)

\* The contents after vm_guest_ram_write_callback wrote `data` on the chunks of
\* the walk w of a touch from a: memcpy(vaddr, buf, size) puts the head of the
\* buffer at cur = a + offset, ignoring the offset, in every chunk visited.
\* @type: (Int, Seq(Int), { chunks: Seq($chunk), ret: Int }) => Seq(Int);
WrittenBy(a, data, w) ==
    MkSeq(Extent, LAMBDA x :
        LET b == x - 1
            i == b \div PageSize - a \div PageSize + 1   \* the chunk that holds b
        IN  IF a <= b /\ b < a + Len(data) /\ i <= Len(w.chunks)
            THEN data[b - (a + w.chunks[i][3]) + 1]
            ELSE contents[x])

\* The buffer vm_guest_ram_read_callback leaves after the walk w of a touch from
\* a of n bytes: memcpy(buf, vaddr, size) copies every chunk to the head of the
\* buffer, so byte j holds byte j of the last chunk that long (0 if none is).
\* Byte j of that buffer: the chunks in order, each at least j bytes long
\* overwriting it.
\* @type: (Int, Int, Int, $chunk) => Int;
CopiedByte(a, j, byte, ch) == IF ch[2] >= j THEN contents[a + ch[3] + j] ELSE byte
\* @type: (Int, Seq($chunk), Int) => Int;
ReadByte(a, c, j) == ApaFoldSeqLeft(LAMBDA byte, ch : CopiedByte(a, j, byte, ch), 0, c)
\* @type: (Int, Int, { chunks: Seq($chunk), ret: Int }) => Seq(Int);
ReadBy(a, n, w) == SubSeq(MkSeq(Limit, LAMBDA j : ReadByte(a, w.chunks, j)), 1, n)

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
    /\ UNCHANGED <<entries, bumps, reserved, mapped, contents>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* The calls.  Each is enabled in every state.                             *)
(***************************************************************************)
\* The byte at every address before any write (a named operator with a type:
\* Apalache cannot type the parameter of LAMBDA x : 0).
\* @type: Int => Int;
ZeroByte(x) == 0

Init ==
    /\ entries = << >>
    /\ bumps = Starts
    /\ reserved = {}
    /\ mapped = {}
    /\ contents = MkSeq(Extent, ZeroByte)
    /\ last = [op |-> "Init", args |-> << >>, code |-> "OK", ret |-> << >>, chunks |-> << >>]

\* The bytes of [s, s + n) that an earlier register_at reserved, as libsel4vm's
\* tree of regular reservations finds them (guest_memory.c:70-85, :170): any
\* byte intersection.  The tree is not a variable: every page holding a byte
\* of a register_at range is reserved, so a range whose checked pages are free
\* can meet an earlier one only in its unchecked last page, and there (that
\* page is no window's, else the earlier range would have failed) the entries'
\* bytes are exactly the earlier register_at ranges' bytes.
\* @type: (Int, Int) => Bool;
MeetsRegularReservation(s, n) ==
    \E b \in Range(s, n) : ~WindowPage(Page(b)) /\ InEntries(entries, b)

\* vm_ram_register_at, release build (asserts compiled out, the default of seL4
\* release builds): -1 for n = 0; -1 when a page the availability check walks
\* is reserved or a window's: sel4utils' is_available_range walks from the
\* unaligned s in steps of P (vspace_internal.h:246-258, vspace.c:594), so it
\* checks MappedBy(s, n) and can skip the page of s + n - 1; -1 when the range
\* meets an earlier register_at range.  Else the pages of [Page(s), s + n) are
\* reserved (a skipped page that was already reserved or a window's stays as
\* it was: the failed reservation is only asserted, vspace.c:133-136), the
\* mapping walk's pages mapped, and a free entry (s, n) joins; it may overlap a
\* window's bytes.  The flag u has no effect.
\* @type: (Int, Int, Bool) => Bool;
RegisterAt(s, n, u) ==
    CASE n = 0 -> Only(Failed("RegisterAt", <<s, n>>, "INVALID_RANGE"))
      [] \E p \in MappedBy(s, n) : p \in reserved \/ WindowPage(p) ->
            Only(Failed("RegisterAt", <<s, n>>, "OVERLAP"))
      [] MeetsRegularReservation(s, n) ->
            Only(Failed("RegisterAt", <<s, n>>, "OVERLAP"))
      [] OTHER ->
            /\ reserved' = reserved \cup {p \in PagesOf(s, n) : ~WindowPage(p)}
            /\ mapped' = mapped \cup MappedBy(s, n)
            /\ entries' = Expand(entries, s, n)
            /\ last' = Accepted("RegisterAt", <<s, n>>, << >>, << >>)
            /\ UNCHANGED <<bumps, contents>>

\* vm_ram_register: the first window that fits takes RoundUp(n) bytes at its
\* rounded-up bump pointer, which moves at once; then n = 0 fails, as does a
\* range outside the window (the underflow), else (base, n) is mapped and joins.
\* @type: Int => Bool;
Register(n) ==
    LET i == FirstOf(Limit, LAMBDA j : j <= Len(bumps) /\ Fits(j, RoundUp(bumps[j]), RoundUp(n)))
    IN
    IF i = 0 THEN Only(Failed("Register", <<n>>, "NO_SPACE"))
    ELSE LET base == RoundUp(bumps[i])
             code == CASE n = 0                              -> "INVALID_RANGE"
                       [] base + RoundUp(n) - 1 > WLast(i)   -> "NO_SPACE"
                       [] OTHER                              -> "OK"
         IN  /\ bumps' = [bumps EXCEPT ![i] = base + RoundUp(n)]
             /\ IF code # "OK"
                THEN /\ last' = Failed("Register", <<n>>, code)
                     /\ UNCHANGED <<entries, reserved, mapped, contents>>
                ELSE /\ mapped' = mapped \cup MappedBy(base, n)
                     /\ entries' = Expand(entries, base, n)
                     /\ last' = Accepted("Register", <<n>>, <<base>>, << >>)
                     /\ UNCHANGED <<reserved, contents>>

\* vm_ram_mark_allocated: void; splits the first entry holding the range if it
\* is free, and silently does nothing otherwise.
\* @type: (Int, Int) => Bool;
MarkAllocated(s, n) ==
    /\ entries' = MarkedAllocated(entries, s, n)
    /\ last' = Accepted("MarkAllocated", <<s, n>>, << >>, << >>)
    /\ UNCHANGED <<bumps, reserved, mapped, contents>>

\* vm_ram_allocate: the front of the first free entry of at least n bytes is
\* marked allocated and its start returned (n = 0 allocates nothing).
\* @type: Int => Bool;
Allocate(n) ==
    LET i == FirstOf(MaxEntries, LAMBDA j :
                        j <= Len(entries) /\ ~entries[j].allocated /\ entries[j].size >= n)
    IN  IF i = 0 THEN Only(Failed("Allocate", <<n>>, "NO_SPACE"))
        ELSE LET a == entries[i].start
             IN  /\ entries' = MarkedAllocated(entries, a, n)
                 /\ last' = Accepted("Allocate", <<n>>, <<a>>, << >>)
                 /\ UNCHANGED <<bumps, reserved, mapped, contents>>

\* vm_ram_free: returns at once.
\* @type: (Int, Int) => Bool;
Free(s, n) ==
    /\ last' = Accepted("Free", <<s, n>>, << >>, << >>)
    /\ UNCHANGED <<entries, bumps, reserved, mapped, contents>>

\* The first free entry of greatest size, entry by entry (a later one must be
\* strictly larger); NoEntry (size 0: every entry is larger) while none is free.
\* @type: ($entry, $entry) => $entry;
LargerFree(best, x) == IF ~x.allocated /\ x.size > best.size THEN x ELSE best

\* vm_ram_find_largest_free_region: the free entry of strictly greatest size
\* met first (the lowest wins ties); -1 when no entry is free.
Largest ==
    LET e == ApaFoldSeqLeft(LargerFree, NoEntry, entries)
    IN  IF e.size = 0 THEN Only(Failed("Largest", << >>, "NO_FREE_REGION"))
        ELSE Only(Accepted("Largest", << >>, <<e.start, e.size>>, << >>))

\* vm_ram_touch: -1 unless one entry holds [a, a + n); else the walk, whose
\* k-th callback returns k (k = 0: none stops it), returns 0, k or -1.  Tried
\* with every k of StopAt(a, n) (Next ranges k over a constant set, so that TLC
\* names every such step Touch and Apalache sees no bound that depends on a variable).
\* @type: (Int, Int, Int) => Bool;
Touch(a, n, k) ==
    /\ k \in StopAt(a, n)
    /\ IF Holding(entries, a, n) = {} THEN Only(Failed("Touch", <<a, n, k>>, "NOT_RAM"))
       ELSE LET w == Walk(a, n, k)
            IN  Only(Accepted("Touch", <<a, n, k>>, <<w.ret>>, w.chunks))

\* vm_ram_touch(a, n, vm_guest_ram_write_callback, buf) with buf = Pattern(n, v):
\* -1 (NOT_RAM) unless one entry holds [a, a + n); else every chunk the walk visits
\* gets the head of the buffer, and an unmapped page stops it with -1 (NOT_RAM),
\* the chunks before it written all the same.
\* @type: (Int, Int, Int) => Bool;
Write(a, n, v) ==
    IF Holding(entries, a, n) = {} THEN Only(Failed("Write", <<a, n>> \o Pattern(n, v), "NOT_RAM"))
    ELSE LET w == Walk(a, n, 0)
         IN  /\ contents' = WrittenBy(a, Pattern(n, v), w)
             /\ last' = IF w.ret = 0 THEN Accepted("Write", <<a, n>> \o Pattern(n, v), << >>, << >>)
                        ELSE Failed("Write", <<a, n>> \o Pattern(n, v), "NOT_RAM")
             /\ UNCHANGED <<entries, bumps, reserved, mapped>>

\* vm_ram_touch(a, n, vm_guest_ram_read_callback, buf): -1 (NOT_RAM) unless one
\* entry holds [a, a + n) and the walk meets no unmapped page; else the buffer
\* every chunk was copied to the head of.
\* @type: (Int, Int) => Bool;
Read(a, n) ==
    LET w == Walk(a, n, 0)
    IN  IF Holding(entries, a, n) = {} \/ w.ret # 0
        THEN Only(Failed("Read", <<a, n>>, "NOT_RAM"))
        ELSE Only(Accepted("Read", <<a, n>>, ReadBy(a, n, w), << >>))

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

\* The array is sorted by start, and no two neighbours of one kind touch.
EntriesSortedAndCollapsed ==
    \A i \in DOMAIN entries :
        LET e == entries[i]
            f == entries[i + 1]
        IN  i < Len(entries) =>
            /\ e.start < f.start
            /\ ~(e.allocated = f.allocated /\ e.start + e.size = f.start)

\* No byte is in two entries (guest_ram.c never checks: the reservation layer
\* refuses overlapping registrations, except through the unaligned quirk of
\* RegisterAt, which MC_Sel4UnalignedOverlap shows).
EntriesDisjoint ==
    \A i, j \in DOMAIN entries :
        i # j => \/ entries[i].start + entries[i].size <= entries[j].start
                 \/ entries[j].start + entries[j].size <= entries[i].start

\* Every byte of every entry lies in a page that register_at reserved or that
\* an anonymous window reserves.
EntriesLieInReservedPages ==
    \A b \in 0 .. Extent : InEntries(entries, b) => Page(b) \in reserved \/ WindowPage(Page(b))

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
      [] op = "Write"         -> {"OK", "NOT_RAM"}
      [] op = "Read"          -> {"OK", "NOT_RAM"}

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
(* Action properties.                                                      *)
(***************************************************************************)

\* vm_ram_free changes nothing.
FreeStep == last'.op = "Free" => UNCHANGED <<entries, bumps, reserved, mapped, contents>>
FreeIsANoOp == [][FreeStep]_vars

\* A failed call keeps the entries and the reserved and mapped pages; only a
\* bump pointer (Register) or the bytes before an unmapped page (Write) may change.
RejectedCallStep == last'.code # "OK" => UNCHANGED <<entries, reserved, mapped>>
RejectedCallKeepsEntries == [][RejectedCallStep]_vars

\* Registration is permanent: every byte of an entry stays in some entry.
RegistrationStep == \A b \in 0 .. Extent : InEntries(entries, b) => InEntries(entries', b)
RegistrationIsPermanent == [][RegistrationStep]_vars

\* Only a write changes a byte, and only inside an entry: contents persist across
\* allocate, free and later registrations.
ContentsStep ==
    \/ contents' = contents
    \/ /\ last'.op = "Write"
       /\ \A b \in 0 .. (Extent - 1) : contents'[b + 1] # contents[b + 1] => InEntries(entries, b)
OnlyWritesChangeContents == [][ContentsStep]_vars

(***************************************************************************)
(* The promises about the record of the call, checked on every step (TLC   *)
(* fingerprints View, which leaves `last` out, and checks an invariant     *)
(* only on the first state of each view it meets).                         *)
(***************************************************************************)
LastIsTypedOnEveryCall == [][LastIsTyped']_vars
ErrorsAreSpelledOutOnEveryCall == [][ErrorsAreSpelledOut']_vars
ResultsHaveTheirShapeOnEveryCall == [][ResultsHaveTheirShape']_vars

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
         /\ \A b \in 0 .. Extent : a <= b /\ b < a + n => InEntries(entries, b))
            => last.code = "OK" /\ last.ret = <<0>>

TouchOfRegisteredRamSucceedsOnEveryCall == [][TouchOfRegisteredRamSucceeds']_vars

\* An accepted write stores its buffer (recorded after a and n in its arguments):
\* byte b of [a, a + n) holds byte b - a of the buffer.  libsel4vm's write callback ignores the chunk's offset.
WriteStep ==
    LET a == last'.args[1]
        n == last'.args[2]
    IN  (last'.op = "Write" /\ last'.code = "OK") =>
            \A b \in 0 .. (Extent - 1) : (a <= b /\ b < a + n) => contents'[b + 1] = last'.args[2 + b - a + 1]
WritesStoreTheirData == [][WriteStep]_vars

\* An accepted read returns the bytes of its range, in order.  libsel4vm's read
\* callback copies every chunk to the head of the buffer.
ReadStep ==
    LET a == last'.args[1]
        n == last'.args[2]
    IN  (last'.op = "Read" /\ last'.code = "OK") =>
            \A i \in 1 .. Limit : i <= n => last'.ret[i] = contents'[a + i]
ReadsReturnWhatWasWritten == [][ReadStep]_vars

\* A free of allocated bytes leaves none of them allocated.
FreeReleaseStep ==
    LET s == last'.args[1]
        n == last'.args[2]
    IN  (/\ last'.op = "Free" /\ n > 0
         /\ \A b \in 0 .. Extent : s <= b /\ b < s + n => InAllocated(entries, b))
            => \A b \in 0 .. Extent : s <= b /\ b < s + n => ~InAllocated(entries', b)
FreeReleasesTheRange == [][FreeReleaseStep]_vars

-----------------------------------------------------------------------------
THEOREM Spec => []TypeOK
THEOREM Spec => []EntriesSortedAndCollapsed
THEOREM Spec => []EntriesLieInReservedPages
THEOREM Spec => []LastIsTyped
THEOREM Spec => []ErrorsAreSpelledOut
THEOREM Spec => []ResultsHaveTheirShape
THEOREM Spec => FreeIsANoOp
THEOREM Spec => RejectedCallKeepsEntries
THEOREM Spec => RegistrationIsPermanent
THEOREM Spec => OnlyWritesChangeContents

\* These do NOT hold (libsel4vm's bugs):
\* THEOREM Spec => []EntriesDisjoint  \* an unaligned register_at whose last page
\*                                   \* is a window's overlaps what register places there
\* THEOREM Spec => []TouchOfRegisteredRamSucceeds  \* one entry only; unmapped pages
\* THEOREM Spec => FreeReleasesTheRange            \* vm_ram_free is a no-op
\* THEOREM Spec => WritesStoreTheirData            \* the write callback ignores offsets
\* THEOREM Spec => ReadsReturnWhatWasWritten       \* the read callback ignores offsets
\* THEOREM Spec => [][bumps = bumps' \/ last'.code = "OK" \/ last'.op # "Register"]_vars
\*                     \* a failed Register can move a bump pointer for good
=============================================================================
