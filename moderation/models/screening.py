from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.enums import (
    ConditionNumbersPolicy,
    CrisisPolicy,
    DistressResponse,
    RiskTier,
    ScreeningVerdict,
    TierResponse,
    WatchedAction,
    WatchedKind,
)
from moderation.models.cases import Case
from moderation.screening import WatchedRule, validate_watched_rule


class WatchedWord(models.Model):
    """An operator's watched word, phrase or regular expression, site-wide or for one forum."""

    pattern = models.CharField(_("pattern"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=8, choices=WatchedKind.choices, default=WatchedKind.WORD
    )
    action = models.CharField(
        _("action"), max_length=12, choices=WatchedAction.choices, default=WatchedAction.FLAG
    )
    replacement = models.CharField(
        _("replacement"), max_length=200, blank=True, help_text=_("Only for “replace”.")
    )
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watched_words",
        help_text=_("Leave empty to watch every forum."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("why it is watched"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["pattern"]

    def __str__(self) -> str:
        return f"{self.pattern} → {self.get_action_display()}"

    def as_rule(self):
        return WatchedRule(
            id=f"watched-{self.pk or 'new'}",
            pattern=self.pattern,
            kind=self.kind,
            action=self.action,
            replacement=self.replacement,
            forum_slug=self.forum.slug if self.forum_id else None,
        )

    def clean(self):
        if self.action == WatchedAction.REPLACE and not self.replacement:
            raise ValidationError({"replacement": _("Give the text to replace matches with.")})
        try:
            validate_watched_rule(self.as_rule())
        except ValueError as exc:
            raise ValidationError({"pattern": str(exc)}) from exc


class ForumScreeningSettings(models.Model):
    """How screening treats one forum (forums without a row use the defaults)."""

    forum = models.OneToOneField(
        "forums.Forum", on_delete=models.CASCADE, related_name="screening_settings"
    )
    crisis_policy = models.CharField(
        _("posts with crisis language"),
        max_length=8,
        choices=CrisisPolicy.choices,
        default=CrisisPolicy.PUBLISH,
    )
    eating_disorder_numbers = models.CharField(
        _("weights, calories and BMI numbers"),
        max_length=12,
        choices=ConditionNumbersPolicy.choices,
        default=ConditionNumbersPolicy.OFF,
        help_text=_("A common rule in eating-disorder recovery forums."),
    )
    hold_until_screened = models.BooleanField(
        _("hold posts until screened"),
        default=False,
        help_text=_("Posts appear only once the screening workers have passed them."),
    )
    # Imminent risk always opens a crisis case and pages on-call; the tiers below are the
    # forum's choice.
    behaviour_response = models.CharField(
        _("posts showing suicidal behaviour"),
        max_length=8,
        choices=TierResponse.choices,
        default=TierResponse.PRIORITY,
        help_text=_("Self-harm, preparation, method research, rehearsal or a past attempt."),
    )
    ideation_response = models.CharField(
        _("posts showing suicidal ideation"),
        max_length=8,
        choices=TierResponse.choices,
        default=TierResponse.PRIORITY,
    )
    distress_response = models.CharField(
        _("posts showing distress"),
        max_length=8,
        choices=DistressResponse.choices,
        default=DistressResponse.RESOURCE_LINK,
    )
    pattern_window_days = models.PositiveSmallIntegerField(
        _("pattern window (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "A member whose posts here over this many days show a pattern (several at the "
            "ideation tier, or distress rising to ideation) gets one check-in case."
        ),
    )

    class Meta:
        verbose_name = _("forum screening settings")
        verbose_name_plural = _("forum screening settings")

    def __str__(self) -> str:
        return str(self.forum)


class ScreeningResult(models.Model):
    """The full screening of one revision of a post, or of a member's profile text: screener
    versions, signals, verdict. Exactly one of `post` and `profile` is set."""

    post = models.ForeignKey(
        "forums.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="screenings"
    )
    profile = models.ForeignKey(
        "accounts.Profile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="screenings",
    )
    revision = models.PositiveIntegerField()
    verdict = models.CharField(max_length=8, choices=ScreeningVerdict.choices)
    tier = models.CharField(
        _("risk tier"), max_length=10, choices=RiskTier.choices, default=RiskTier.NONE
    )
    signals = models.JSONField(default=list)
    screener_versions = models.JSONField(default=dict)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="screenings"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "revision"], name="moderation_screen_once"),
            models.UniqueConstraint(
                fields=["profile", "revision"],
                condition=models.Q(profile__isnull=False),
                name="moderation_screen_profile_once",
            ),
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, profile__isnull=True)
                | models.Q(post__isnull=True, profile__isnull=False),
                name="moderation_screen_one_target",
            ),
        ]

    def __str__(self) -> str:
        if self.profile_id:
            return f"{self.get_verdict_display()} · profile {self.profile_id} r{self.revision}"
        return f"{self.get_verdict_display()} · post {self.post_id} r{self.revision}"


# The crisis models (helplines, on-call rota, alerts, follow-ups) live in their own module.
