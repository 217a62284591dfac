"""Digest emails: when each member's is due (schedule), what it holds (building, and batch for
the reads of many members at once), and sending it exactly once per period (sending: one
pipeline for a batch of members in a constant number of queries, a single member being a batch
of one; rendering: entries rendered once per worker)."""
