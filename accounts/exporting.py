"""Everything Hearth holds about one member, as plain data for their export archive.

Only the member's own data: what they wrote and chose, what was sent to them, decisions about
them they were told of. Never other members' text, emails or profiles, nor what moderators wrote
to each other about them (reasons, notes) or who reported them.
"""

from allauth.account.models import EmailAddress

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
    from forums.models import (
        Bookmark,
        ForumFollow,
        Post,
        PostRevision,
        Reaction,
        Thread,
        ThreadSubscription,
    )
    from notifications.enums import NotificationKind
    from notifications.models import Notification

    revisions: dict[int, list] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("post_id", "revision"):
        revisions.setdefault(revision.post_id, []).append(
            {
                "revision": revision.revision,
                "content_warning": revision.content_warning,
                "text": revision.body,
                "written_at": revision.created_at,
                "replaced_at": revision.replaced_at,
            }
        )
    posts = []
    for post in Post.objects.filter(author=user).order_by("created_at", "pk"):
        posts.append(
            {
                "id": post.pk,
                "thread_id": post.thread_id,
                "position": post.position,
                "status": post.status,
                "created_at": post.created_at,
                "edited_at": post.edited_at,
                "content_warning": post.content_warning,
                "text": post.body,
                "moderation_notice_to_you": post.moderation_notice,
                "earlier_versions": revisions.get(post.pk, []),
            }
        )
    # Notes to the member (moderation and account notices) are theirs; for replies and
    # mentions only what happened and where, not the other member's words or handle.
    own_text_kinds = (NotificationKind.MODERATION_NOTICE, NotificationKind.ACCOUNT)
    notifications = [
        {
            "kind": row["kind"],
            "created_at": row["created_at"],
            "read_at": row["read_at"],
            "thread_id": row["thread_id"],
            "post_id": row["post_id"],
            "text": row["text"] if row["kind"] in own_text_kinds else "",
        }
        for row in Notification.objects.filter(recipient=user)
        .order_by("created_at")
        .values("kind", "created_at", "read_at", "thread_id", "post_id", "text")
    ]
    return {
        "threads_started": _rows(
            Thread.objects.filter(author=user).order_by("created_at"),
            "id",
            "title",
            "forum__name",
            "status",
            "created_at",
        ),
        "posts": posts,
        "reactions": _rows(
            Reaction.objects.filter(user=user).order_by("created_at"),
            "post_id",
            "kind",
            "created_at",
        ),
        "bookmarks": _rows(
            Bookmark.objects.filter(user=user).order_by("created_at"), "post_id", "created_at"
        ),
        "threads_watched_or_muted": _rows(
            ThreadSubscription.objects.filter(user=user), "thread_id", "is_muted", "created_at"
        ),
        "forums_followed": _rows(
            ForumFollow.objects.filter(user=user), "forum__name", "created_at"
        ),
        "notifications": notifications,
        "private_messages": _private_messages(user),
        "drafts": _drafts(user),
    }


def _drafts(user: User) -> list[dict]:
    from drafts.selectors import drafts_for_export

    return drafts_for_export(user)


def _private_messages(user: User) -> list[dict]:
    from conversations.selectors import messages_for_export

    return messages_for_export(user)


def _conversation_with_moderators(user: User) -> list[dict]:
    from moderation.selectors import support_thread_for

    # "The moderators" as a team, as the member saw it: never which moderator wrote.
    return [
        {
            "from": "the moderators" if row["is_from_moderators"] else "you",
            "created_at": row["created_at"],
            "text": row["text"],
        }
        for row in support_thread_for(user)["messages"]
    ]


def _moderation(user: User) -> dict:
    from moderation.models import Appeal, ModerationAction, Report, Sanction

    return {
        "conversation_with_moderators": _conversation_with_moderators(user),
        # Reports the member filed: their own words. Never reports about them.
        "reports_filed": _rows(
            Report.objects.filter(reporter=user).order_by("created_at"),
            "created_at",
            "reason",
            "rule__title",
            "note",
            "case__target_kind",
            "case__state",
        ),
        "sanctions_received": _rows(
            Sanction.objects.filter(member=user).order_by("starts_at"),
            "kind",
            "starts_at",
            "ends_at",
            "rules",
            "message",
            "lifted_at",
        ),
        # Decisions the member was told of: the message to them and the rules cited, not the
        # moderators' internal reason or who decided.
        "decisions_notified": _rows(
            ModerationAction.objects.filter(member=user).exclude(message="").order_by("created_at"),
            "created_at",
            "kind",
            "rules",
            "message",
        ),
        "appeals_filed": _rows(
            Appeal.objects.filter(member=user).order_by("created_at"), "created_at", "text"
        ),
    }


def _safety_plan(user: User) -> dict | None:
    from accounts.selectors import safety_plan_for

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
        **_moderation(user),
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
