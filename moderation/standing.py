"""A member's standing (locked out, silenced) cached for the request path.

The database is the source of truth; the cache lets every request check a lockout without a
query. The sanction services write and clear these keys.
"""

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

LOCKOUT_KEY = "moderation:lockout:{user_id}"
# Set by the posting views when the precheck heard crisis language; the next page shows help.
CRISIS_SUPPORT_SESSION_KEY = "hearth_offer_crisis_support"
FOREVER = 10 * 365 * 24 * 3600


def lockout_cache_set(*, user_id: int, ends_at) -> None:
    timeout = FOREVER if ends_at is None else int((ends_at - timezone.now()).total_seconds())
    if timeout > 0:
        cache.set(LOCKOUT_KEY.format(user_id=user_id), True, timeout)


def lockout_cache_clear(*, user_id: int) -> None:
    cache.delete(LOCKOUT_KEY.format(user_id=user_id))


def lockout_cached(user_id: int) -> bool:
    return bool(cache.get(LOCKOUT_KEY.format(user_id=user_id)))


def posting_refusal_reason(user) -> str | None:
    """Why `user` may not post right now (silenced, rules to re-accept), or None."""
    from moderation.selectors import member_needs_rules_acceptance, member_silence

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
