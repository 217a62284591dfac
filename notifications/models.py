from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from notifications.enums import NotificationKind


class Notification(models.Model):
    """An in-app notification; at most one per recipient per post.

    Code that creates unread ones goes through `notifications.services`, which resets the
    recipients' badges: the header's badge is answered from the cache while nothing is unread.
    The thread and post are named by lazy model strings so that this app never imports the
    forums; the table keeps its name from the days the model lived there.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey("forums.Thread", on_delete=models.CASCADE, null=True, blank=True)
    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, null=True, blank=True)
    text = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "forums_notification"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "post"],
                condition=Q(post__isnull=False) & ~Q(kind=NotificationKind.MODERATION_NOTICE),
                name="forums_notification_once_per_post",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="forums_notifications_list"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="forums_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
