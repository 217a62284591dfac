"""Private conversations between a few members. Message bodies exist only as ciphertext."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conversations.enums import MessageStatus, ParticipantState
from core.enums import ScreeningState

MESSAGE_MAX_LENGTH = 5000
SUBJECT_MAX_LENGTH = 120


class Conversation(models.Model):
    """A private conversation between its participants; it has no title, so nothing about it
    is readable at rest but who takes part and when."""

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Denormalised for the list and the unread marker: written with each delivered message.
    last_message_at = models.DateTimeField(default=timezone.now)
    message_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return _("Conversation %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("conversations:detail", kwargs={"pk": self.pk})


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    state = models.CharField(
        max_length=10, choices=ParticipantState.choices, default=ParticipantState.ACCEPTED
    )
    joined_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversations_participant_once"
            ),
        ]
        indexes = [
            # The member's list and the unread badge: their current conversations.
            models.Index(
                fields=["user", "conversation"],
                condition=Q(left_at__isnull=True),
                name="conversations_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id} ({self.state})"

    @property
    def is_current(self) -> bool:
        return self.left_at is None and self.state != ParticipantState.DECLINED


class Message(models.Model):
    """One message. `ciphertext` is AES-GCM (core/crypto.py) under key `key_id`."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ciphertext = models.BinaryField()
    key_id = models.CharField(max_length=16, db_index=True)
    status = models.CharField(
        max_length=8, choices=MessageStatus.choices, default=MessageStatus.VISIBLE
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Screening, as on forum posts. Only labels are stored, never the matched text: a dump of
    # this table must not reveal what was written.
    screening_state = models.CharField(
        max_length=10, choices=ScreeningState.choices, default=ScreeningState.PENDING
    )
    screening_verdict = models.CharField(max_length=8, blank=True)
    screening_labels = models.JSONField(default=list, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    is_crisis_at_submit = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="conversations_messages"),
            models.Index(
                fields=["created_at"],
                condition=Q(screening_state="pending"),
                name="conversations_unscreened",
            ),
        ]

    def __str__(self) -> str:
        return _("Message %(id)s") % {"id": self.pk}


class ReportedMessage(models.Model):
    """A message a member put in front of the moderators: the reported one, or one of up to ten
    earlier messages the reporter chose to include. Moderators see these and nothing else."""

    case = models.ForeignKey("moderation.Case", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(
        "moderation.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    is_reported = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "message"], name="conversations_evidence_once"),
        ]

    def __str__(self) -> str:
        return f"message {self.message_id} in case {self.case_id}"
