"""A member's standing (locked out, silenced, rules to re-accept) cached for the request path.

The database is the source of truth; the cache lets every request check a lockout without a
query. Keys and who clears them: accounts.cache_keys (LOCKOUT, RULES_LATEST, RULES_ACCEPTED).
The sanction services write and clear the lockout keys; moderation/signals.py clears the newest
rules version when the console changes one; accepting the rules (accounts.services.
consent_record) clears the member's own.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.cache_keys import (
    FOREVER,
    LOCKOUT,
    RULES_ACCEPTED,
    RULES_LATEST,
    cache_forget,
    cache_store,
)
from core.cache import cache_is_degraded
from moderation.models import SiteSettings
from moderation.selectors import (
    crisis_post_ids_for,
    latest_significant_rules_version,
    member_accepted_rules_version,
    member_lockout,
    member_needs_rules_acceptance,
    member_silence,
)

# Set by the posting views when the precheck heard crisis language; the next page shows help.
CRISIS_SUPPORT_SESSION_KEY = "hearth_offer_crisis_support"
# The rules banner on every member's page: the newest significant version, and per member the
# newest version they accepted. Cleared on change; the timeout only bounds a value set from a
# read that raced with a change being committed.


def lockout_cache_set(*, user_id: int, ends_at) -> None:
    timeout = FOREVER if ends_at is None else int((ends_at - timezone.now()).total_seconds())
    if timeout > 0:
        cache_store(LOCKOUT, True, timeout=timeout, user_id=user_id)


def lockout_cache_clear(*, user_id: int) -> None:
    cache_forget(LOCKOUT, user_id=user_id)


def lockout_cached(user_id: int, *, cached: dict | None = None) -> bool:
    """Whether the member is locked out; `cached` is the request's `member_cached_state`."""
    key = LOCKOUT.key(user_id=user_id)
    return bool(cached.get(key) if cached is not None else cache.get(key))


def member_locked_out(user, *, cached: dict) -> bool:
    """Whether the member is suspended or banned: from the request's cached state, or from the
    database while the cache answers without Redis (the lockout fails safe, never open)."""
    if cache_is_degraded():
        return member_lockout(user) is not None
    return lockout_cached(user.pk, cached=cached)


def rules_banner_needed(user, *, cached: dict | None = None) -> bool:
    """Whether to ask the member to accept a significant rules change (the page banner).

    From the cache (the request's `member_cached_state` when given) instead of a query on every
    page; the same answer as `member_needs_rules_acceptance`, which the posting gate keeps
    asking the database.
    """
    if not user.is_authenticated:
        return False
    latest_key, accepted_key = RULES_LATEST.key(), RULES_ACCEPTED.key(user_id=user.pk)
    found = cached if cached is not None else cache.get_many([latest_key, accepted_key])
    latest = found.get(latest_key)
    if latest is None:
        latest = latest_significant_rules_version()
        cache.set(latest_key, latest, RULES_LATEST.timeout)
    if latest == 0:
        return False
    accepted = found.get(accepted_key)
    if accepted is None:
        accepted = member_accepted_rules_version(user)
        cache.set(accepted_key, accepted, RULES_ACCEPTED.timeout)
    return latest > accepted


def rules_cache_clear() -> None:
    """Forget the cached newest significant rules version (every member's banner asks again)."""
    cache_forget(RULES_LATEST)


def posting_refusal_reason(user) -> str | None:
    """Why `user` may not post right now (silenced, rules to re-accept), or None."""
    silence = member_silence(user)
    if silence is not None:
        if silence.ends_at:
            until = date_format(timezone.localtime(silence.ends_at), "DATETIME_FORMAT")
            return _("Your account is read-only until %(until)s, so you cannot post yet.") % {
                "until": until
            }
        return _("Your account is read-only for now, so you cannot post.")
    if member_needs_rules_acceptance(user):
        return _(
            "The community rules have changed. Please read and accept them before posting; "
            "your text is kept here."
        )
    return None


CRISIS_BAR_HIDDEN_SESSION_KEY = "hearth_crisis_bar_hidden"


def crisis_window_start(user):
    """While the member's crisis window is open, the time from which their signals keep help
    on screen (the operators' window back from now); None when it is closed."""
    if user.crisis_help_until is None or user.crisis_help_until <= timezone.now():
        return None
    return timezone.now() - timedelta(hours=SiteSettings.load().crisis_help_hours)


def crisis_support_offer(request, *, about: str = "post", is_acute: bool = False) -> None:
    """After writing something with crisis language (`about`: a post, a message, profile text),
    the next page shows the author the full help panel (never a refusal), and every page
    carries the help bar for the operators' window."""
    from moderation.services.crisis_signals import crisis_help_window_open  # noqa: PLC0415  (moderation.services imports this module)

    request.session[CRISIS_SUPPORT_SESSION_KEY] = {"about": about, "is_acute": is_acute}
    request.session.pop(CRISIS_BAR_HIDDEN_SESSION_KEY, None)
    crisis_help_window_open(member=request.user, is_acute=is_acute)


def crisis_panel_post_id(request, *, thread_id: int, posts) -> int | None:
    """Help that stays: while the viewer's crisis window is open, the first of their own posts
    among `posts` (a thread page) that carried a crisis signal, above which the full help panel
    sits; then the panel is not also shown at the top of the page."""
    since = crisis_window_start(request.user)
    if since is None:
        return None
    flagged = set(crisis_post_ids_for(request.user, thread_id=thread_id, since=since))
    first = next((post.pk for post in posts if post.pk in flagged), None)
    if first is not None:
        request.session.pop(CRISIS_SUPPORT_SESSION_KEY, None)
    return first
