"""What forums needs from the apps above it (moderation), declared here and filled by them in
`AppConfig.ready()`, so that forums imports nothing from moderation.

Events are signals (a post was submitted: screen it); questions are hooks with one answer
(why may this member not post?). All are required: see `core.hooks`.
"""

from datetime import timedelta
from typing import Protocol

from django.db.models import Exists

from core.hooks import Hook, RequiredSignal

FILLED_BY = "the moderation app (moderation/apps.py)"


class SubmissionCheck(Protocol):
    """The synchronous screening pass's answer on a post about to be saved."""

    body: str  # the text to save (watched words replaced)
    is_crisis: bool
    hold_until_screened: bool
    is_acute: bool
    offers_resources: bool


# --- Events ----------------------------------------------------------------------------------

# A post was saved or edited (sent inside the write transaction): screen this revision.
# Receivers get `post` and `is_crisis` (crisis language heard at submit goes first).
post_submitted = RequiredSignal("forums.hooks.post_submitted", filled_by=FILLED_BY)
# A new member's post was held for a moderator to read first: put it in front of one.
# Receivers get `post`.
post_held_for_review = RequiredSignal("forums.hooks.post_held_for_review", filled_by=FILLED_BY)

# --- Questions -------------------------------------------------------------------------------

# Why `user` may not post right now (silenced, rules to re-accept), or None.
posting_refusal: Hook[..., str | None] = Hook("forums.hooks.posting_refusal", filled_by=FILLED_BY)
# The fast screening pass at submit, keyword arguments author, forum, body, title,
# content_warning, confirmed_personal_info. Raises PostingRefused or NeedsConfirmation.
submission_precheck: Hook[..., SubmissionCheck] = Hook(
    "forums.hooks.submission_precheck", filled_by=FILLED_BY
)
# The forum ids `user` moderates: None for every forum, an empty set for none.
moderator_scope: Hook[..., set[int] | None] = Hook(
    "forums.hooks.moderator_scope", filled_by=FILLED_BY
)
# Conditions on a thread (its pk as OuterRef("pk")) that mean moderators are with it because
# of a crisis: such threads are left off the list of threads waiting for a reply.
threads_under_crisis_care: Hook[[], list[Exists]] = Hook(
    "forums.hooks.threads_under_crisis_care", filled_by=FILLED_BY
)
# How long a support thread may go unanswered before it is listed (the operators' setting).
unanswered_after: Hook[[], timedelta] = Hook("forums.hooks.unanswered_after", filled_by=FILLED_BY)
# The account scheduled check-in threads are posted under (created on first use).
site_identity: Hook[[], object] = Hook("forums.hooks.site_identity", filled_by=FILLED_BY)
# After a post with crisis language: show its author help (request, about=, is_acute=).
crisis_support_offer: Hook[..., None] = Hook(
    "forums.hooks.crisis_support_offer", filled_by=FILLED_BY
)
# Of `posts` on a thread page, the viewer's own post above which the help panel sits while
# their crisis window is open, or None (request, thread_id=, posts=).
crisis_panel_post_id: Hook[..., int | None] = Hook(
    "forums.hooks.crisis_panel_post_id", filled_by=FILLED_BY
)
# A peer supporter asks a moderator to check in on a member (supporter=, member=, note=).
check_in_request: Hook[..., object] = Hook("forums.hooks.check_in_request", filled_by=FILLED_BY)
# The check-in requests a supporter raised, for their page (user) -> list of dicts.
check_in_requests_raised_by: Hook[..., list[dict]] = Hook(
    "forums.hooks.check_in_requests_raised_by", filled_by=FILLED_BY
)

REQUIRED = [
    post_submitted,
    post_held_for_review,
    posting_refusal,
    submission_precheck,
    moderator_scope,
    threads_under_crisis_care,
    unanswered_after,
    site_identity,
    crisis_support_offer,
    crisis_panel_post_id,
    check_in_request,
    check_in_requests_raised_by,
]
