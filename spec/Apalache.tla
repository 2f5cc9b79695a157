------------------------------ MODULE Apalache ------------------------------
(***************************************************************************)
(* TLC's meaning of the few operators of Apalache's standard module that   *)
(* the specs here use.  TLC's tla2tools.jar has no module Apalache, so     *)
(* this one is on TLC's path (the spec folder); Apalache ships its own and *)
(* replaces these operators, by name, with built-in ones.  Each body below *)
(* is the plain TLA+ meaning Apalache's module gives the operator.         *)
(*                                                                         *)
(* Why the specs need it: Apalache types [i \in 1 .. N |-> e] as a         *)
(* function, never a sequence, so a sequence built from a formula          *)
(* (a write's bytes, a read's result, a touch's chunks) must be MkSeq.     *)
(***************************************************************************)
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences

\* The sequence <<F(1), ..., F(N)>>; Apalache wants N constant.
\* @type: (Int, (Int => a)) => Seq(a);
MkSeq(N, F(_)) == [i \in 1 .. N |-> F(i)]

\* Op(... Op(Op(v, seq[1]), seq[2]) ..., seq[Len(seq)]): a left fold, which
\* Apalache unrolls over the sequence (GuestRamSel4's array mechanics: counts,
\* lowest indices and the collapse pass without CHOOSE or Cardinality).
\* @type: (((a, b) => a), a, Seq(b)) => a;
RECURSIVE ApaFoldSeqLeft(_, _, _)
ApaFoldSeqLeft(Op(_, _), v, seq) ==
    IF seq = << >> THEN v ELSE ApaFoldSeqLeft(Op, Op(v, Head(seq)), Tail(seq))

\* A symbolic value of the expected type (Apalache only: --init of an
\* inductive check); TLC never evaluates it.
Gen(size) == {}
=============================================================================
