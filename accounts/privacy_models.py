"""What a member controls: profile fields and who sees them, blocks and mutes, data export and
erasure. Imported into accounts.models."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import (
    AgeRange,
    ErasureMode,
    ErasureStatus,
    ExportStatus,
    FieldVisibility,
    MuteKind,
)

ABOUT_MAX_LENGTH = 1000
PRONOUNS_MAX_LENGTH = 40
MUTE_WORD_MAX_LENGTH = 60
MAX_MUTE_WORDS = 200
MAX_EXPERIENCES = 10


def _visibility(label):
    return models.CharField(
        label, max_length=12, choices=FieldVisibility.choices, default=FieldVisibility.ONLY_ME
    )


class ExperienceTag(models.Model):
    """An experience members may say they want to talk about; operators keep the list."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered to members"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("experience tag")
        verbose_name_plural = _("experience tags")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """Optional profile fields, each with its own audience. Every field defaults to only me."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    about_me = models.TextField(_("about me"), max_length=ABOUT_MAX_LENGTH, blank=True)
    about_me_visibility = _visibility(_("who sees “about me”"))
    pronouns = models.CharField(_("pronouns"), max_length=PRONOUNS_MAX_LENGTH, blank=True)
    pronouns_visibility = _visibility(_("who sees your pronouns"))
    country_visibility = _visibility(_("who sees your country"))
    age_range = models.CharField(_("age range"), max_length=8, choices=AgeRange.choices, blank=True)
    age_range_visibility = _visibility(_("who sees your age range"))
    experiences = models.ManyToManyField(
        ExperienceTag, blank=True, related_name="+", verbose_name=_("experiences")
    )
    experiences_visibility = _visibility(_("who sees your experiences"))
    last_seen_visibility = _visibility(_("who sees when you were last here"))
    posts_visibility = _visibility(_("who sees the list of your posts on your profile"))
    updated_at = models.DateTimeField(default=timezone.now)
    # Bumped whenever a text field (about me, pronouns) changes; each revision is screened once.
    text_revision = models.PositiveIntegerField(default=0)
    # Screening held the text: other members do not see it until a moderator approves it.
    is_text_held = models.BooleanField(_("text held for review"), default=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"profile of {self.user_id}"


class Block(models.Model):
    """`blocker` does not want to hear from `blocked`. The blocked member is never told."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="accounts_block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="accounts_block_not_self"
            ),
        ]
        indexes = [models.Index(fields=["blocked"], name="accounts_blocked_by")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Mute(models.Model):
    """A muted member or forum: hidden from the member's lists, notifications and digests.

    Threads are muted with forums.ThreadSubscription(is_muted=True), which already silences
    them everywhere; this model holds the other two kinds.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes"
    )
    kind = models.CharField(max_length=8, choices=MuteKind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "member"],
                condition=Q(kind=MuteKind.MEMBER),
                name="accounts_mute_member_once",
            ),
            models.UniqueConstraint(
                fields=["user", "forum"],
                condition=Q(kind=MuteKind.FORUM),
                name="accounts_mute_forum_once",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=MuteKind.MEMBER, member__isnull=False, forum__isnull=True)
                    | Q(kind=MuteKind.FORUM, forum__isnull=False, member__isnull=True)
                ),
                name="accounts_mute_one_target",
            ),
        ]
        indexes = [models.Index(fields=["member"], name="accounts_muted_member")]

    def __str__(self) -> str:
        return f"{self.user_id} mutes {self.kind} {self.member_id or self.forum_id}"


class MuteWord(models.Model):
    """A word or phrase the member does not want to read: posts with it are collapsed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mute_words"
    )
    phrase = models.CharField(_("word or phrase"), max_length=MUTE_WORD_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("user", Lower("phrase"), name="accounts_mute_word_once"),
        ]

    def __str__(self) -> str:
        return self.phrase


class ExportRequest(models.Model):
    """One archive of a member's data; its file lives under PRIVATE_FILES_ROOT for 7 days."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_requests"
    )
    # The download link's secret part; the download also requires the member's own session.
    token = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="accounts_exports")]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.user_id}: {self.status}"

    def is_downloadable(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == ExportStatus.READY
            and self.expires_at is not None
            and self.expires_at > now
            and bool(self.file_name)
        )


class ErasureRequest(models.Model):
    """A member's request to erase their account, carried out after a 7-day grace period.

    The row outlives the erasure as a record that it happened; it holds no personal data.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests"
    )
    mode = models.CharField(max_length=12, choices=ErasureMode.choices)
    status = models.CharField(
        max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    requested_at = models.DateTimeField(default=timezone.now)
    scheduled_for = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status=ErasureStatus.PENDING),
                name="accounts_one_pending_erasure",
            ),
        ]
        indexes = [
            models.Index(
                fields=["scheduled_for"],
                condition=Q(status=ErasureStatus.PENDING),
                name="accounts_erasure_due",
            )
        ]

    def __str__(self) -> str:
        return f"erasure of {self.user_id}: {self.status}"
