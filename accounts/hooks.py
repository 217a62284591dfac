"""Extension points that the apps above `accounts` fill in their `AppConfig.ready()`.

`accounts` sits low in the layers: forums, conversations, drafts and moderation build on it,
so it never imports them. Where a member's page or a data right needs their part (their posts
in the export, their rows erased, the helplines, the sanction lockout), `accounts` asks through
one of the hooks below and the owning app answers.

The hooks are `core.hooks`' (see there). Every hook here must be filled: an empty one is a
system check error (`accounts.E001` for a question, `accounts.E002` for a part an app must
contribute) and `HookNotFilled` at the first call, never a silent skip. Erasure and the export
also know which apps hold a member's data (`member_data_apps`), so an app that registers no
erasure step or no export section stops the site from starting rather than leaving that
member's rows behind.
"""

from accounts.erasure_ledger import ERASURE_HANDLED_BY_ACCOUNTS, ERASURE_HANDLES
from core.hooks import Contributions, Hook


def member_data_apps() -> set[str]:
    """The apps holding a member's rows that accounts cannot erase or export itself: those
    named in the erasure ledger (`ERASURE_HANDLES`), less accounts and the libraries it owns."""
    return {label.split(".")[0] for label in ERASURE_HANDLES} - ERASURE_HANDLED_BY_ACCOUNTS


# Who fills which hook (each in its `account_hooks.register()`, called from its `ready()`).
EVERY_DATA_APP = "every app holding a member's data (its account_hooks.py)"
FORUMS = "the forums app (forums/account_hooks.py)"
MODERATION = "the moderation app (moderation/account_hooks.py)"

# --- Data rights --------------------------------------------------------------------------------

# (user) -> dict: the app's part of a member's export, merged into the archive in order.
export_sections = Contributions(
    "accounts.hooks.export_sections", filled_by=EVERY_DATA_APP, required_apps=member_data_apps()
)
# (user, *, erase_posts: bool) -> None: erase or unlink the member's rows, in the erasure's
# transaction, in order.
erasure_steps = Contributions(
    "accounts.hooks.erasure_steps", filled_by=EVERY_DATA_APP, required_apps=member_data_apps()
)
# (*, member, scheduled_for) -> bool: a member asked to leave; return whether they are at risk
# (their crisis case hears of it).
erasure_requested: Hook[..., bool] = Hook("accounts.hooks.erasure_requested", filled_by=MODERATION)
# (*, user, text: str, link: str) -> None: an account notice in the member's notifications.
member_notice_send: Hook[..., None] = Hook("accounts.hooks.member_notice_send", filled_by=FORUMS)

# --- Safety ------------------------------------------------------------------------------------

# (user) -> sanction or None: why this member may not log in now.
member_lockout: Hook[..., object] = Hook("accounts.hooks.member_lockout", filled_by=MODERATION)
# () -> int: the community rules version a new member accepts.
rules_version_current: Hook[[], int] = Hook(
    "accounts.hooks.rules_version_current", filled_by=MODERATION
)
# (*, user, texts: dict, confirmed_personal_info: bool) -> (texts, is_crisis): check profile
# text before saving; raise accounts.errors.ProfileTextRefused to refuse it.
profile_text_precheck: Hook[..., tuple[dict, bool]] = Hook(
    "accounts.hooks.profile_text_precheck", filled_by=MODERATION
)
# (profile) -> None: profile text was saved; screen it in full after the commit.
profile_text_changed: Hook[..., None] = Hook(
    "accounts.hooks.profile_text_changed", filled_by=MODERATION
)
# (request, *, about: str) -> None: the member just wrote crisis language; offer help.
crisis_support_offer: Hook[..., None] = Hook(
    "accounts.hooks.crisis_support_offer", filled_by=MODERATION
)
# (viewer) -> bool: whether the viewer reviews every member's profile.
profile_reviewer: Hook[..., bool] = Hook("accounts.hooks.profile_reviewer", filled_by=MODERATION)

# --- Help resources ----------------------------------------------------------------------------

# (request) -> str: the country whose helplines to show.
helpline_country_for_request: Hook[..., str] = Hook(
    "accounts.hooks.helpline_country_for_request", filled_by=MODERATION
)
# (country: str) -> the helplines to show for that country.
helplines_for_country: Hook[..., object] = Hook(
    "accounts.hooks.helplines_for_country", filled_by=MODERATION
)
# (member) -> str: the member's helplines as plain lines.
helplines_text_for_member: Hook[..., str] = Hook(
    "accounts.hooks.helplines_text_for_member", filled_by=MODERATION
)

# --- The member's forum content ------------------------------------------------------------------

# (user) -> QuerySet: the forums a member may read (and so mute).
forums_readable_by: Hook[..., object] = Hook("accounts.hooks.forums_readable_by", filled_by=FORUMS)
# (user) -> QuerySet: the member's muted threads, newest mute first.
muted_threads_for: Hook[..., object] = Hook("accounts.hooks.muted_threads_for", filled_by=FORUMS)
# (*, user, thread_id: int) -> None: lift a thread mute.
thread_unmute: Hook[..., None] = Hook("accounts.hooks.thread_unmute", filled_by=FORUMS)
# (*, viewer, member, limit: int) -> the member's latest posts this viewer may read.
profile_posts_for: Hook[..., list] = Hook("accounts.hooks.profile_posts_for", filled_by=FORUMS)

ANSWERS = (
    erasure_requested,
    member_notice_send,
    member_lockout,
    rules_version_current,
    profile_text_precheck,
    profile_text_changed,
    crisis_support_offer,
    profile_reviewer,
    helpline_country_for_request,
    helplines_for_country,
    helplines_text_for_member,
    forums_readable_by,
    muted_threads_for,
    thread_unmute,
    profile_posts_for,
)
CONTRIBUTIONS = (export_sections, erasure_steps)
