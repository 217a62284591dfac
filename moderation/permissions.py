"""Who may moderate what. Forum moderators act only in their forums; others get 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import is_moderator
from accounts.selectors import is_peer_supporter
from moderation.models import Case, ModeratorAssignment

ALL_FORUMS = None


def moderated_forum_ids(user) -> set[int] | None:
    """Return the forum ids `user` moderates, None for every forum, or an empty set."""
    if not is_moderator(user):
        return set()
    if user.is_superuser:
        return ALL_FORUMS
    cached = getattr(user, "_moderated_forum_ids", False)
    if cached is not False:
        return cached
    forum_ids = set(
        ModeratorAssignment.objects.filter(moderator=user).values_list("forum_id", flat=True)
    )
    result = ALL_FORUMS if None in forum_ids else forum_ids
    user._moderated_forum_ids = result
    return result


def can_moderate_forum(user, forum_id: int | None) -> bool:
    """Forum-less targets (member profiles) belong to global moderators only."""
    scope = moderated_forum_ids(user)
    if scope is ALL_FORUMS:
        return True
    return forum_id is not None and forum_id in scope


def can_act_on_case(user, case: Case) -> bool:
    return can_moderate_forum(user, case.forum_id)


def check_act_on_case(user, case: Case) -> None:
    # 404 rather than 403: a moderator of one forum must not learn of cases elsewhere.
    if not can_act_on_case(user, case):
        raise Http404


def is_global_moderator(user) -> bool:
    return is_moderator(user) and moderated_forum_ids(user) is ALL_FORUMS


def can_request_check_in_for(user, member) -> bool:
    """Peer supporters may ask a moderator to check in on another active member."""
    return (
        is_peer_supporter(user) and member is not None and member.is_active and member.pk != user.pk
    )


def check_request_check_in_for(user, member) -> None:
    if not can_request_check_in_for(user, member):
        raise PermissionDenied
