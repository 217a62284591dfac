"""What an account erasure does to the moderation records: the member's own words go."""

from django.db.models import Q
from django.utils.translation import gettext as _

from moderation.models import (
    Appeal,
    Case,
    EscalationContact,
    OnCallShift,
    Report,
    ScreeningResult,
)


def member_moderation_text_erase(*, user, erase_posts: bool) -> None:
    """Erase the text `user` wrote into moderation records: report notes (the report stays,
    without its reporter, so the case keeps its count), appeal texts, escalation contacts and
    on-call shifts; with `erase_posts`, also the case excerpts and screening evidence that
    quote their posts and threads. Runs inside the erasure's transaction."""
    Report.objects.filter(reporter=user).update(note="", reporter=None)
    Appeal.objects.filter(member=user).update(text=_("Removed at the member's request."))
    # A former member is no one's escalation contact or on-call moderator any more.
    EscalationContact.objects.filter(user=user).delete()
    OnCallShift.objects.filter(moderator=user).delete()
    if not erase_posts:
        return
    quoting = Q(post__author=user) | Q(thread__author=user)
    Case.objects.filter(quoting).update(excerpt=_("Removed at the author's request."))
    ScreeningResult.objects.filter(post__author=user).update(signals=[])
