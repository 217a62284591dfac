"""Digest emails: when each member's is due (schedule), what it holds (building), and sending
it exactly once per period (sending: one member; batch and batch_send: a batch of members in a
constant number of queries; rendering: entries rendered once per worker)."""
