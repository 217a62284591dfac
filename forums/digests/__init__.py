"""Digest emails: when each member's is due (schedule), what it holds (building), and sending
it exactly once per period (sending)."""
