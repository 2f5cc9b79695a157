------------------------------ MODULE MC_Small ------------------------------
\* Model Small: 4 addresses, 2-byte pages, one window over everything.
\* The constants are plain values in MC_Small.cfg.
EXTENDS GuestRam
=============================================================================
