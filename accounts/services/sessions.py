"""Ending a member's sessions."""

from accounts.models import MemberSession, User


def member_sessions_end(*, user: User) -> int:
    """Log the member out everywhere: delete every session saved with their id (one indexed
    DELETE); return how many ended."""
    deleted, _by_model = MemberSession.objects.filter(member_id=user.pk).delete()
    return deleted
