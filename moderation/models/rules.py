from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_country_code
from moderation.enums import RobotsPolicy


class Rule(models.Model):
    """A numbered community rule that moderators cite."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    explanation = models.TextField(_("explanation"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("community rule")
        verbose_name_plural = _("community rules")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RulesVersion(models.Model):
    """A published version of the community rules; members accept the current one."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    summary = models.TextField(_("what changed"), blank=True)
    is_significant = models.BooleanField(
        _("significant"),
        default=False,
        help_text=_("Members must read and accept significant changes before posting again."),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("rules version")
        verbose_name_plural = _("rules versions")

    def __str__(self) -> str:
        return _("Rules version %(number)s") % {"number": self.number}


DEFAULT_REACH_OUT_TEMPLATE = _(
    "Hi {handle}, I'm one of the moderators here. I read what you shared and wanted to check "
    "in with you. How are you doing right now?\n\n"
    "You don't have to go through this alone. If you'd like to talk to someone tonight, these "
    "lines are free and confidential:\n{helplines}\n\n"
    "If you might act on thoughts of ending your life, please call your local emergency number "
    "now. You can reply here whenever you like."
)


class SiteSettings(models.Model):
    """Operator-tunable settings for moderation; a single row (pk=1)."""

    member_after_days = models.PositiveSmallIntegerField(
        _("days before a new member becomes a member"), default=3
    )
    member_after_approved_posts = models.PositiveSmallIntegerField(
        _("approved posts before a new member becomes a member"), default=2
    )
    trusted_after_days = models.PositiveSmallIntegerField(
        _("days before a member can become trusted"), default=60
    )
    trusted_after_approved_posts = models.PositiveSmallIntegerField(
        _("approved posts before a member can become trusted"), default=30
    )
    trusted_requires_clean_days = models.PositiveSmallIntegerField(
        _("days without a sanction to stay trusted"), default=90
    )
    crisis_response_minutes = models.PositiveSmallIntegerField(
        _("minutes before an unclaimed crisis case escalates"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_(
            "After this many minutes without a claim, every moderator and the escalation list "
            "are alerted; after twice as long, the operators."
        ),
    )
    crisis_webhook_url = models.URLField(
        _("crisis webhook URL"),
        blank=True,
        help_text=_(
            "Optional: a pager or chat tool receives a JSON POST for each crisis alert (case id, "
            "priority, age and a console link; never post text or handles)."
        ),
    )
    reach_out_template = models.TextField(
        _("reach-out message template"),
        default=DEFAULT_REACH_OUT_TEMPLATE,
        help_text=_(
            "The private message a moderator starts from when reaching out to a member in "
            "crisis. {handle} becomes the member's handle and {helplines} their local helplines."
        ),
    )
    crisis_help_hours = models.PositiveSmallIntegerField(
        _("hours the help bar stays after a crisis signal"),
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 30)],
        help_text=_(
            "For this long after a member writes something with a crisis signal, every page "
            "they see carries a calm bar linking to help (they can hide it for the session)."
        ),
    )
    default_country = models.CharField(
        _("default country for helplines"),
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=_(
            "ISO code (for example GB) used when neither the member's setting, time zone nor "
            "browser language names a country. Empty: the international directory."
        ),
    )
    robots_policy = models.CharField(
        _("search engines"),
        max_length=16,
        choices=RobotsPolicy.choices,
        default=RobotsPolicy.PUBLIC_FORUMS,
        help_text=_(
            "What robots.txt lets crawlers index. Member profiles, members-only forums and "
            "settings are never indexed."
        ),
    )

    is_messaging_enabled = models.BooleanField(
        _("private messages on"),
        default=True,
        help_text=_(
            "Members may write private messages to each other (each chooses who may write to "
            "them). Off: no one can start or reply to a conversation; nothing is deleted."
        ),
    )
    max_conversation_participants = models.PositiveSmallIntegerField(
        _("most members in one conversation"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
    )

    # Peer support and care for moderators.
    unanswered_after_hours = models.PositiveSmallIntegerField(
        _("hours before an unanswered thread is listed as waiting"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_(
            "A thread in a support forum with no reply from another member after this long "
            "appears in “Waiting for a reply” for trusted members and peer supporters."
        ),
    )
    crisis_cases_before_break = models.PositiveSmallIntegerField(
        _("crisis cases in a day before the console suggests a break"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Past this many crisis cases handled in a day, a moderator's console suggests a "
            "break and offers to hand their open claims back to the queue."
        ),
    )
    site_identity = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site identity"),
        help_text=_(
            "The account that opens scheduled check-in threads. Left empty, one called "
            "“hearth-team” is created the first time it is needed."
        ),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))

    @classmethod
    def load(cls) -> "SiteSettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row
