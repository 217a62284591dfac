from datetime import time

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.core.validators import MaxValueValidator
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import (
    BounceKind,
    BounceSource,
    BreakReminder,
    ConsentKind,
    DeliveryStatus,
    DigestContent,
    DigestFrequency,
    EmailKind,
    MessagePermission,
    TrustLevel,
    Weekday,
)
from accounts.handles import handle_skeleton
from accounts.validators import HANDLE_MAX_LENGTH, HANDLE_VALIDATORS, validate_country_code
from core.compiled_queries import compiled, int_marker


class MemberManager(UserManager):
    def get(self, *args, **kwargs):
        """`User.objects.get(pk=<int>)`, the member load on every request (the auth backends'
        `get_user`), from a query compiled once (core.compiled_queries): building the ORM
        query cost three times the rest of the load. Any other lookup is the ORM's `get`."""
        pk = kwargs.get("pk")
        if args or len(kwargs) != 1 or type(pk) is not int or self.db != DEFAULT_DB_ALIAS:
            return super().get(*args, **kwargs)
        query = compiled(
            ("member_by_pk",),
            lambda pk: self.model._default_manager.filter(pk=pk).order_by(),
            {"pk": int_marker(1)},
        )
        found = query.run(pk=pk)
        if not found:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        return found[0]

    def get_by_natural_key(self, username):
        # Handles are unique case-insensitively, so log-in by handle is too.
        return self.get(handle__iexact=username)

    def _create_user(self, handle, email, password, **extra_fields):
        user = self.model(handle=handle, email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, handle, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(handle, email, password, **extra_fields)

    def create_superuser(self, handle, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(handle, email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A member: known to others only by a public handle; the email stays private."""

    handle = models.CharField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        validators=HANDLE_VALIDATORS,
        help_text=_("Your public name here. Letters, digits, _ and -; 3 to 30 characters."),
    )
    # The handle's look-alike key (accounts.handles): a new handle is refused when its skeleton
    # is already taken, in one indexed query. Kept in step with the handle by save().
    handle_skeleton = models.CharField(
        max_length=120, editable=False, db_index=True, default="", db_default=""
    )
    email = models.EmailField(_("email address"))
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    trust_level = models.CharField(
        _("trust level"), max_length=16, choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    # Private: only used to show the member their own country's helplines first. Never shown
    # to other members.
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        default="",
        # A database default too: bulk loaders (seed_bulk's COPY) insert rows without it.
        db_default="",
        validators=[validate_country_code],
        help_text=_(
            "Used only to show you helplines in your country first. Never shown to others."
        ),
    )

    # Healthy use. On the member row (not a side table) because the banners read them on every
    # page: that costs no query. Database defaults too, for the bulk loader's COPY.
    break_reminder_minutes = models.PositiveSmallIntegerField(
        _("break reminder"), choices=BreakReminder.choices, default=0, db_default=0
    )
    has_late_night_reminder = models.BooleanField(
        _("late-night reminder"), default=False, db_default=False
    )
    late_night_start = models.TimeField(
        _("late night from"), default=time(23, 0), db_default=time(23, 0)
    )
    late_night_end = models.TimeField(
        _("late night until"), default=time(5, 0), db_default=time(5, 0)
    )
    break_until = models.DateTimeField(_("on a break until"), null=True, blank=True)
    # When the member answered or dismissed the welcome page that offers these reminders; until
    # then, logging in leads there first (empty for a member who has not arrived yet).
    onboarding_done_at = models.DateTimeField(
        _("healthy-use options offered"), null=True, blank=True, editable=False
    )
    # Whether the member has any block, mute or muted word: when not (most members), pages
    # apply no filter and spend no query on them.
    has_member_filters = models.BooleanField(default=False, db_default=False, editable=False)
    # Help that stays: after a crisis signal in what the member wrote, every page they see
    # carries a help bar until this time (no query: it is on the member row). "Acute" when the
    # signal named a plan, the means or a time, so the emergency number comes first.
    crisis_help_until = models.DateTimeField(null=True, blank=True, editable=False)
    crisis_help_is_acute = models.BooleanField(default=False, db_default=False, editable=False)
    # Who may start a private conversation with this member. Nobody until they choose.
    message_permission = models.CharField(
        _("who may start a conversation with you"),
        max_length=8,
        choices=MessagePermission.choices,
        default=MessagePermission.NOBODY,
        db_default=MessagePermission.NOBODY,
    )

    objects = MemberManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            # Case-insensitive uniqueness; Upper() matches the index Django uses for iexact.
            models.UniqueConstraint(Upper("handle"), name="accounts_user_handle_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.handle

    def save(self, *args, **kwargs):
        self.handle_skeleton = handle_skeleton(self.handle)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "handle" in update_fields:
            kwargs["update_fields"] = {*update_fields, "handle_skeleton"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", kwargs={"handle": self.handle})

    def get_short_name(self) -> str:
        return self.handle

    def get_full_name(self) -> str:
        return self.handle


class Consent(models.Model):
    """A member's acceptance of a versioned document, such as the community rules."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=32, choices=ConsentKind.choices)
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "version"], name="accounts_consent_once_per_version"
            )
        ]
        indexes = [models.Index(fields=["user", "kind", "-version"])]

    def __str__(self) -> str:
        return f"{self.user} accepted {self.kind} v{self.version}"


class EmailPreferences(models.Model):
    """What a member wants by email and when, plus the scheduling state of their emails.

    One row per member, created on first use (settings page, beat run or notification).
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="email_preferences"
    )
    digest_frequency = models.CharField(
        _("summary email"),
        max_length=8,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("day (weekly summary)"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("time of day"), default=8, validators=[MaxValueValidator(23)]
    )
    digest_content = models.CharField(
        _("what the summary shows"),
        max_length=8,
        choices=DigestContent.choices,
        default=DigestContent.TITLES,
    )
    is_subject_neutral = models.BooleanField(_("neutral subject line"), default=True)
    is_reply_email_on = models.BooleanField(_("replies in threads you watch"), default=False)
    is_mention_email_on = models.BooleanField(_("mentions of your handle"), default=False)
    is_moderation_email_on = models.BooleanField(_("messages from moderators"), default=True)
    # Off by default: an email saying a private message arrived says nothing of what it says.
    is_message_email_on = models.BooleanField(
        _("private messages"), default=False, db_default=False
    )
    has_quiet_hours = models.BooleanField(_("quiet hours"), default=False)
    quiet_hours_start = models.TimeField(_("quiet from"), default=time(22, 0))
    quiet_hours_end = models.TimeField(_("quiet until"), default=time(7, 0))
    updated_at = models.DateTimeField(default=timezone.now)

    # Scheduling state, never shown as a setting.
    digest_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    digest_last_period = models.CharField(max_length=16, blank=True, editable=False)
    digest_handled_at = models.DateTimeField(null=True, blank=True, editable=False)
    digest_last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    digest_stopped_at = models.DateTimeField(null=True, blank=True, editable=False)
    notification_email_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    failed_delivery_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # Hard bounces reported after the mail server accepted the email: an accepted send says
    # nothing about them, so unlike `failed_delivery_count` a later send does not reset them.
    hard_bounce_count = models.PositiveSmallIntegerField(default=0, editable=False)
    is_email_paused = models.BooleanField(_("emails paused"), default=False, editable=False)
    email_paused_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("email preferences")
        verbose_name_plural = _("email preferences")
        indexes = [
            # The beat's scans: only rows with something scheduled are in these indexes.
            models.Index(
                fields=["digest_due_at"],
                condition=Q(digest_due_at__isnull=False),
                name="accounts_digest_due",
            ),
            models.Index(
                fields=["notification_email_due_at"],
                condition=Q(notification_email_due_at__isnull=False),
                name="accounts_notify_email_due",
            ),
        ]

    def __str__(self) -> str:
        return f"email preferences of {self.user_id}"

    @property
    def wants_digest(self) -> bool:
        return self.digest_frequency != DigestFrequency.NEVER


class EmailDelivery(models.Model):
    """One email to a member: at most one per (member, kind, period), written with the send.

    Holds ids and codes only: never the address, the subject or any post text.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_deliveries")
    kind = models.CharField(max_length=16, choices=EmailKind.choices)
    period_key = models.CharField(max_length=40)
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.SENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    failure_reason = models.CharField(max_length=32, blank=True)
    item_count = models.PositiveIntegerField(default=0)
    notification_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period_key"], name="accounts_email_once_per_period"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "kind", "-created_at"], name="accounts_deliveries"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period_key} for {self.user_id}: {self.status}"


class EmailBounce(models.Model):
    """A bounce reported for a member's verified address after it was sent (webhook or DSN).

    Holds no address and no message text: the member, the kind and, to count a report its
    sender repeats only once, a hash of the sender's reference for it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_bounces")
    kind = models.CharField(max_length=4, choices=BounceKind.choices)
    source = models.CharField(max_length=8, choices=BounceSource.choices)
    status_code = models.CharField(max_length=16, blank=True)
    reference_hash = models.CharField(max_length=64, blank=True, editable=False)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("email bounce")
        verbose_name_plural = _("email bounces")
        constraints = [
            models.UniqueConstraint(
                fields=["reference_hash"],
                condition=~Q(reference_hash=""),
                name="accounts_bounce_reported_once",
            ),
        ]
        indexes = [models.Index(fields=["user", "-received_at"], name="accounts_bounces")]

    def __str__(self) -> str:
        return f"{self.kind} bounce for {self.user_id}"


from accounts.peer_models import PeerSupporter, SafetyPlan  # noqa: E402, F401
from accounts.privacy_models import (  # noqa: E402, F401
    ABOUT_MAX_LENGTH,
    MAX_EXPERIENCES,
    MAX_MUTE_WORDS,
    MUTE_WORD_MAX_LENGTH,
    Block,
    ErasureRequest,
    ExperienceTag,
    ExportRequest,
    Mute,
    MuteWord,
    Profile,
)
from accounts.session_models import MemberSession  # noqa: E402, F401
