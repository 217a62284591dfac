"""Crisis support data: the helpline directory, the on-call rota, alerts and follow-ups.

Foreign keys to `Case` are by name, as in the rest of the package.
"""

import re
import zoneinfo

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from moderation.enums import (
    AlertChannel,
    AlertLevel,
    EscalationLevel,
    EvidenceKind,
    EvidenceOutcome,
    HelplineAudience,
    HelplineKind,
    Weekday,
)

NOT_DIALLABLE = re.compile(r"[^\d+]")


def _phone_problem(number: str, country: str) -> str | None:
    """Why `number` is not a number or short code one can call in `country`, or None."""
    if not country and not number.strip().startswith("+"):
        return _("Lines for no particular country need the international format (+…).")
    try:
        parsed = phonenumbers.parse(number, country or None)
    except phonenumbers.NumberParseException:
        return _("This doesn’t look like a phone number.")
    if phonenumbers.is_valid_number(parsed):
        return None
    region = country or phonenumbers.region_code_for_number(parsed)
    if region and phonenumbers.is_valid_short_number_for_region(parsed, region):
        return None
    return _("This isn’t a valid phone number or short code for the chosen country.")


class Helpline(models.Model):
    """A crisis or support line in the directory shown on /help/ and in the crisis panel."""

    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("Leave empty for lines shown to everyone (outside the listed countries)."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("what they offer"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=HelplineKind.choices,
        default=HelplineKind.CRISIS,
        help_text=_(
            "The emergency number comes first when a member mentions a plan, the means or a "
            "time; then crisis lines; then lines to talk to someone."
        ),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    sms = models.CharField(
        _("text / SMS number"),
        max_length=40,
        blank=True,
        help_text=_("A number or short code members can text."),
    )
    url = models.URLField(_("chat or web address"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"), max_length=120, blank=True, help_text=_("For example “24/7”.")
    )
    languages = models.CharField(
        _("languages"), max_length=120, blank=True, help_text=_("For example “English, Welsh”.")
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=20,
        choices=HelplineAudience.choices,
        default=HelplineAudience.EVERYONE,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Demo or imported data: check the details with the service before launch."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")
        ordering = ["country", "order", "name"]
        indexes = [models.Index(fields=["country", "is_active"], name="moderation_helpline_cc")]

    def __str__(self) -> str:
        where = self.country.name if self.country else _("International")
        return f"{self.name} ({where})"

    def clean(self):
        errors = {}
        if not (self.phone.strip() or self.sms.strip() or self.url.strip()):
            errors["phone"] = _("Give at least one way to reach the line: phone, text or web.")
        for field in ("phone", "sms"):
            value = getattr(self, field).strip()
            if value:
                problem = _phone_problem(value, str(self.country or ""))
                if problem:
                    errors[field] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def phone_href(self) -> str:
        return f"tel:{NOT_DIALLABLE.sub('', self.phone)}" if self.phone else ""

    @property
    def sms_href(self) -> str:
        return f"sms:{NOT_DIALLABLE.sub('', self.sms)}" if self.sms else ""

    def as_text(self) -> str:
        """One plain-text line for messages: name, how to reach it, when."""
        ways = []
        if self.phone:
            ways.append(_("call %(number)s") % {"number": self.phone})
        if self.sms:
            ways.append(_("text %(number)s") % {"number": self.sms})
        if self.url:
            ways.append(self.url)
        hours = f" ({self.opening_hours})" if self.opening_hours else ""
        return f"{self.name}: {', '.join(str(way) for way in ways)}{hours}"


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("Unknown time zone; use a name such as Europe/London.")) from exc


class OnCallShift(models.Model):
    """A weekly time range when a moderator is on call, in that moderator's time zone.

    An end at or before the start runs past midnight into the next day (22:00–06:00).
    """

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="on_call_shifts",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("on-call shift")
        verbose_name_plural = _("on-call rota")
        ordering = ["weekday", "start_time"]

    def __str__(self) -> str:
        return _("%(who)s, %(day)s %(start)s–%(end)s (%(tz)s)") % {
            "who": self.moderator,
            "day": self.get_weekday_display(),
            "start": self.start_time.strftime("%H:%M"),
            "end": self.end_time.strftime("%H:%M"),
            "tz": self.time_zone,
        }

    @property
    def is_empty(self) -> bool:
        return self.start_time == self.end_time


class EscalationContact(models.Model):
    """Someone alerted when an unclaimed crisis case escalates: a staff member or an address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    email = models.EmailField(_("email address"), blank=True)
    level = models.PositiveSmallIntegerField(
        _("alerted"), choices=EscalationLevel.choices, default=EscalationLevel.ALL_MODERATORS
    )
    note = models.CharField(_("who this is"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("escalation contact")
        verbose_name_plural = _("escalation list")
        ordering = ["level", "id"]

    def __str__(self) -> str:
        return str(self.user or self.email)

    def clean(self):
        if bool(self.user_id) == bool(self.email):
            raise ValidationError(_("Choose a staff member or give an email address (not both)."))

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email


class CrisisAlert(models.Model):
    """One alert level of one crisis episode of a case; unique, so it is raised exactly once."""

    case = models.ForeignKey("moderation.Case", on_delete=models.CASCADE, related_name="alerts")
    episode = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField(_("level"), choices=AlertLevel.choices)
    created_at = models.DateTimeField(_("raised"), default=timezone.now)

    class Meta:
        verbose_name = _("crisis alert")
        verbose_name_plural = _("crisis alerts")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "episode", "level"], name="moderation_crisis_alert_once"
            ),
        ]
        permissions = [("export_crisis_metrics", _("Can export crisis response metrics"))]

    def __str__(self) -> str:
        return f"{self.get_level_display()} · case {self.case_id}"


class CrisisNotification(models.Model):
    """One delivery of an alert to one recipient on one channel; sent at most once."""

    alert = models.ForeignKey(CrisisAlert, on_delete=models.CASCADE, related_name="notifications")
    channel = models.CharField(_("channel"), max_length=8, choices=AlertChannel.choices)
    recipient = models.CharField(_("recipient"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("crisis notification")
        verbose_name_plural = _("crisis notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "channel", "recipient"], name="moderation_crisis_notify_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.alert}"


class CrisisFollowUp(models.Model):
    """A later check-in: at `due_at` the resolved crisis case reopens as a task."""

    case = models.ForeignKey("moderation.Case", on_delete=models.CASCADE, related_name="follow_ups")
    due_at = models.DateTimeField(_("follow up at"))
    note = models.CharField(_("what to check"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)

    class Meta:
        verbose_name = _("crisis follow-up")
        verbose_name_plural = _("crisis follow-ups")
        ordering = ["due_at"]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(reopened_at__isnull=True),
                name="moderation_follow_up_due",
            )
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} · {self.due_at:%Y-%m-%d %H:%M}"


class CrisisEvidence(models.Model):
    """One crisis signal on a member's one crisis case: what it was, and its own outcome.

    Moderators see labels and a link to the content, never a copy of a private message.
    """

    case = models.ForeignKey("moderation.Case", on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=12, choices=EvidenceKind.choices)
    post = models.ForeignKey(
        "forums.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.ForeignKey(
        "conversations.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.PositiveIntegerField(default=0)
    labels = models.JSONField(default=list, blank=True)
    is_acute = models.BooleanField(
        _("plan, means or time"),
        default=False,
        help_text=_("The signal names a plan, the means or a time."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=EvidenceOutcome.choices, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("crisis evidence")
        verbose_name_plural = _("crisis evidence")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · case {self.case_id}"


class SupportMessage(models.Model):
    """One message of the conversation between a member and "the moderators" (a team).

    Encrypted at rest like private messages (core/crypto.py, conversation id 0 in
    the associated data, a namespace no conversation has); `sender` is never shown to the member.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_messages"
    )
    case = models.ForeignKey(
        "moderation.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_messages",
    )
    is_from_moderators = models.BooleanField(default=False)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ciphertext = models.BinaryField()
    key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)
    read_by_member_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message with the moderators")
        verbose_name_plural = _("messages with the moderators")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["member", "created_at"], name="moderation_support_member")]

    def __str__(self) -> str:
        return _("Message %(id)s with the moderators") % {"id": self.pk}
