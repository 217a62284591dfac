"""The notifications app's answers to accounts' hooks (`accounts/hooks.py`), registered in
`ready()`: its part of a member's export and of their erasure."""

from accounts import hooks
from accounts.models import User
from notifications.enums import NotificationKind
from notifications.models import Notification
from notifications.services import member_notifications_erase

# Right after the forums' section (10) and step (20): the export keeps its key order, and the
# erasure runs where the forums' step used to erase notifications.
EXPORT_ORDER = 15
ERASURE_ORDER = 25


def member_notifications_for_export(user: User) -> dict:
    """`user`'s notifications for their data export: what happened and where."""
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
    return {"notifications": notifications}


def notifications_erase(user: User, *, erase_posts: bool) -> None:
    # Whatever the mode: notifications are the member's own, not content others rely on.
    member_notifications_erase(user=user)


def register() -> None:
    hooks.export_sections.register(
        member_notifications_for_export, app_label="notifications", order=EXPORT_ORDER
    )
    hooks.erasure_steps.register(
        notifications_erase, app_label="notifications", order=ERASURE_ORDER
    )
