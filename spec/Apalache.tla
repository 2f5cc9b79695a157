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

\* The sequence <<F(1), ..., F(N)>>; Apalache wants N constant.
\* @type: (Int, (Int => a)) => Seq(a);
MkSeq(N, F(_)) == [i \in 1 .. N |-> F(i)]

\* A symbolic value of the expected type (Apalache only: --init of an
\* inductive check); TLC never evaluates it.
Gen(size) == {}
=============================================================================
