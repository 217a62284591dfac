"""What conversations ask of the apps above them, filled in their `AppConfig.ready()`.

Conversations and forums are siblings that never import each other, so an app above both
(moderation) fills these. A member who takes messages only from people they have replied to
needs the forums' answer to whether two members replied to each other in a thread. Screening,
the sender's standing, reports and the moderators' decisions are moderation's (the `Hook`s
below), so conversations imports nothing from moderation. An empty hook fails the system check
(`conversations.checks`) and raises at first use, so consent, screening or a sanction check
can never be decided without it.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from core.hooks import Hook

# (first member, second member) -> whether one replied in a thread the other started.
RepliedInThreads = Callable[[object, object], bool]

_replied_in_threads: list[RepliedInThreads] = []


def replied_in_threads_register(answer: RepliedInThreads) -> None:
    if answer not in _replied_in_threads:
        _replied_in_threads.append(answer)


def is_replied_in_threads_filled() -> bool:
    return bool(_replied_in_threads)


def replied_in_threads(first, second) -> bool:
    """Whether any registered app saw one member reply to the other. Every answer is asked,
    whatever the earlier ones said (see `conversations.permissions.recipient_accepts`)."""
    if not _replied_in_threads:
        raise ImproperlyConfigured(
            "Nothing registered conversations.hooks.replied_in_threads (moderation registers "
            "the forums' answer)."
        )
    answers = [answer(first, second) for answer in _replied_in_threads]
    return any(answers)


# --- Moderation's answers (core.hooks.Hook: one implementation each) ---------------------------

FILLED_BY = "the moderation app (moderation/apps.py)"

# --- The sender's standing and the site's switches ----------------------------------------------

# Why `user` may not write right now (silenced, rules to re-accept), or None.
posting_refusal: Hook[..., str | None] = Hook(
    "conversations.hooks.posting_refusal", filled_by=FILLED_BY
)
# Whether `user` is suspended or banned (so nobody can write to them either).
member_locked_out: Hook[..., bool] = Hook(
    "conversations.hooks.member_locked_out", filled_by=FILLED_BY
)
# Whether operators have private messages switched on.
messaging_enabled: Hook[[], bool] = Hook(
    "conversations.hooks.messaging_enabled", filled_by=FILLED_BY
)
# The most members a conversation may have, its starter included.
max_participants: Hook[[], int] = Hook("conversations.hooks.max_participants", filled_by=FILLED_BY)

# --- Screening ------------------------------------------------------------------------------

# The fast pass at send (author=, body=, confirmed_personal_info=): returns whether crisis
# language was heard; raises PostingRefused or NeedsConfirmation.
message_precheck: Hook[..., bool] = Hook(
    "conversations.hooks.message_precheck", filled_by=FILLED_BY
)
# The full pass (body=, author=, recent_bodies=): (action, labels).
message_verdict: Hook[..., tuple[str, list[str]]] = Hook(
    "conversations.hooks.message_verdict", filled_by=FILLED_BY
)
# Put a screened message before the moderators (message=, action=, labels=): the case.
message_case_open: Hook[..., object] = Hook(
    "conversations.hooks.message_case_open", filled_by=FILLED_BY
)

# --- Reports and moderators' decisions --------------------------------------------------------

# File a member's report on a message (reporter=, message=, reason=, rule=, note=): the report,
# attached to the message's open case. Raises ValidationError when refused.
report_file: Hook[..., object] = Hook("conversations.hooks.report_file", filled_by=FILLED_BY)
# The report page for one message (request, pk=): the form, its rate limit and the case are
# moderation's; the URL stays conversations:report.
message_report_page: Hook[..., object] = Hook(
    "conversations.hooks.message_report_page", filled_by=FILLED_BY
)
# A moderator delivers a held message and resolves its case (case=, acting_user=, ...).
message_release: Hook[..., None] = Hook("conversations.hooks.message_release", filled_by=FILLED_BY)
# A moderator removes a message, citing rules, and its sender is told (case=, acting_user=, ...).
message_remove: Hook[..., None] = Hook("conversations.hooks.message_remove", filled_by=FILLED_BY)

# --- Care -------------------------------------------------------------------------------------

# After a message with crisis language: show its author help (request, about=, is_acute=).
crisis_support_offer: Hook[..., None] = Hook(
    "conversations.hooks.crisis_support_offer", filled_by=FILLED_BY
)
# A recipient asks a moderator to check in on a message's sender (message=, asked_by=).
crisis_check_in_request: Hook[..., object] = Hook(
    "conversations.hooks.crisis_check_in_request", filled_by=FILLED_BY
)
# The inbox row for the member's conversation with the moderators (member): dict or None.
support_summary: Hook[..., dict | None] = Hook(
    "conversations.hooks.support_summary", filled_by=FILLED_BY
)

REQUIRED = [
    posting_refusal,
    member_locked_out,
    messaging_enabled,
    max_participants,
    message_precheck,
    message_verdict,
    message_case_open,
    report_file,
    message_report_page,
    message_release,
    message_remove,
    crisis_support_offer,
    crisis_check_in_request,
    support_summary,
]
