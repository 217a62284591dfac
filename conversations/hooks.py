"""What conversations ask of the apps above them, filled in their `AppConfig.ready()`.

Conversations and forums are siblings that never import each other, so an app above both
(moderation) fills these. A member who takes messages only from people they have replied to
needs the forums' answer to whether two members replied to each other in a thread. Screening,
the sender's standing, reports and the moderators' decisions are moderation's (the `Hook`s
below), so conversations imports nothing from moderation. The hooks are `core.hooks`': an empty
one fails the system check (`conversations.checks`) and raises `HookNotFilled` at first use, so
consent, screening or a sanction check can never be decided without it.
"""

from core.hooks import Contributions, Hook

# (first member, second member) -> bool: whether one replied in a thread the other started.
# The forums' answer, which moderation (above both siblings) registers for the forums. Every
# contribution is asked whatever the earlier ones said (see `conversations.permissions`).
replied_in_threads = Contributions(
    "conversations.hooks.replied_in_threads",
    filled_by="the moderation app (moderation/apps.py), with the forums' answer",
    required_apps={"forums"},
)

# --- Moderation's answers (one implementation each) -------------------------------------------

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
