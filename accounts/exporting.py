"""Everything Hearth holds about one member, as plain data for their export archive.

Only the member's own data: what they wrote and chose, what was sent to them, decisions about
them they were told of. Never other members' text, emails or profiles, nor what moderators wrote
to each other about them (reasons, notes) or who reported them.
"""

from allauth.account.models import EmailAddress

from accounts import hooks
from accounts.models import (
    Block,
    Consent,
    EmailBounce,
    EmailDelivery,
    EmailPreferences,
    ErasureRequest,
    ExportRequest,
    Mute,
    MuteWord,
    PeerSupporter,
    Profile,
    User,
)
from accounts.selectors import safety_plan_for
from accounts.services import EMAIL_PREFERENCE_FIELDS


def _rows(queryset, *fields) -> list[dict]:
    return [dict(row) for row in queryset.values(*fields)]


def _account(user: User) -> dict:
    return {
        "handle": user.handle,
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "time_zone": user.timezone,
        "trust_level": user.trust_level,
        "country": user.country,
        "email_addresses": _rows(
            EmailAddress.objects.filter(user=user), "email", "verified", "primary"
        ),
    }


def _profile(user: User) -> dict:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return {}
    return {
        "about_me": profile.about_me,
        "about_me_visibility": profile.about_me_visibility,
        "pronouns": profile.pronouns,
        "pronouns_visibility": profile.pronouns_visibility,
        "country_visibility": profile.country_visibility,
        "age_range": profile.age_range,
        "age_range_visibility": profile.age_range_visibility,
        "experiences": [tag.name for tag in profile.experiences.all()],
        "experiences_visibility": profile.experiences_visibility,
        "last_seen_visibility": profile.last_seen_visibility,
        "posts_visibility": profile.posts_visibility,
    }


def _preferences(user: User) -> dict:
    prefs = EmailPreferences.objects.filter(user=user).first()
    return {
        "break_reminder_minutes": user.break_reminder_minutes,
        "has_late_night_reminder": user.has_late_night_reminder,
        "who_may_message_you": user.message_permission,
        "late_night_start": user.late_night_start,
        "late_night_end": user.late_night_end,
        "on_a_break_until": user.break_until,
        "healthy_use_options_offered_at": user.onboarding_done_at,
        "email": (
            {field: getattr(prefs, field) for field in EMAIL_PREFERENCE_FIELDS}
            | {"is_email_paused": prefs.is_email_paused}
            if prefs
            else {}
        ),
        "blocked_members": list(
            Block.objects.filter(blocker=user).values_list("blocked__handle", flat=True)
        ),
        "muted_members": list(
            Mute.objects.filter(user=user, member__isnull=False).values_list(
                "member__handle", flat=True
            )
        ),
        "muted_forums": list(
            Mute.objects.filter(user=user, forum__isnull=False).values_list(
                "forum__name", flat=True
            )
        ),
        "muted_words": list(MuteWord.objects.filter(user=user).values_list("phrase", flat=True)),
    }


def _content(user: User) -> dict:
    """What the member wrote and received in the apps above accounts (posts, notifications,
    private messages, drafts, moderation), each app's section in its declared order."""
    content: dict = {}
    for section in hooks.export_sections(user):
        content.update(section)
    return content


def _safety_plan(user: User) -> dict | None:
    plan = safety_plan_for(user)
    if plan is None or plan["is_unreadable"]:
        return None
    return {
        "updated_at": plan["updated_at"],
        "sections": {str(section["title"]): section["text"] for section in plan["sections"]},
    }


def member_data(user: User) -> dict:
    """Return everything about `user` for their export, as JSON-ready data (dates as datetimes)."""
    return {
        "account": _account(user),
        "profile": _profile(user),
        "preferences": _preferences(user),
        "consents": _rows(
            Consent.objects.filter(user=user).order_by("accepted_at"),
            "kind",
            "version",
            "accepted_at",
        ),
        "email_deliveries": _rows(
            EmailDelivery.objects.filter(user=user).order_by("created_at"),
            "kind",
            "status",
            "item_count",
            "created_at",
            "sent_at",
        ),
        # Bounces reported for the member's address: what and when, never the address (it is
        # not stored) nor the reporter's reference (only its hash is).
        "email_bounces": _rows(
            EmailBounce.objects.filter(user=user).order_by("received_at"),
            "kind",
            "status_code",
            "received_at",
        ),
        # The member's own safety plan, decrypted for them alone (never anyone else's export).
        "safety_plan": _safety_plan(user),
        "peer_supporter": _rows(
            PeerSupporter.objects.filter(user=user), "trained_on", "granted_at"
        ),
        **_content(user),
        "data_requests": {
            "exports": _rows(
                ExportRequest.objects.filter(user=user), "status", "created_at", "expires_at"
            ),
            "erasures": _rows(
                ErasureRequest.objects.filter(user=user),
                "mode",
                "status",
                "requested_at",
                "cancelled_at",
            ),
        },
    }
