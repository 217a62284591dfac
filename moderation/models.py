from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.enums import (
    ActionKind,
    CaseOutcome,
    CasePriority,
    CaseSource,
    CaseState,
    ConditionNumbersPolicy,
    CrisisPolicy,
    ReportReason,
    SanctionKind,
    ScreeningVerdict,
    TargetKind,
    WatchedAction,
    WatchedKind,
)


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

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))

    @classmethod
    def load(cls) -> "SiteSettings":
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class ModeratorAssignment(models.Model):
    """Which forums a moderator moderates; no forum means every forum."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_assignments"
    )
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderator_assignments",
        help_text=_("Leave empty for a global moderator."),
    )

    class Meta:
        verbose_name = _("moderator assignment")
        verbose_name_plural = _("moderator assignments")
        constraints = [
            models.UniqueConstraint(fields=["moderator", "forum"], name="moderation_assign_once"),
        ]

    def __str__(self) -> str:
        return f"{self.moderator} → {self.forum or _('all forums')}"


OPEN_STATES = [CaseState.OPEN, CaseState.CLAIMED]


class Case(models.Model):
    """The queue's unit: one open case per target, gathering reports and screening results."""

    target_kind = models.CharField(_("target"), max_length=8, choices=TargetKind.choices)
    post = models.ForeignKey(
        "forums.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    thread = models.ForeignKey(
        "forums.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases_about",
        help_text=_("The member the case is about: the author, or the reported member."),
    )
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=CasePriority.choices, default=CasePriority.NORMAL
    )
    state = models.CharField(
        _("state"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN
    )
    source = models.CharField(_("source"), max_length=12, choices=CaseSource.choices)
    excerpt = models.CharField(_("excerpt"), max_length=300, blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    first_action_at = models.DateTimeField(_("first action"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_cases",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_cases",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    is_escalated = models.BooleanField(_("escalated to operators"), default=False)
    excluded_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("On appeal, the moderator who made the decision may not review it."),
    )
    # Bumped by every change; forms carry it so a stale action is refused, not applied twice.
    version = models.PositiveIntegerField(default=1)
    # The response clock: set when the case becomes a crisis (opened, raised or re-raised) and
    # cleared when a follow-up reopens it as a task. Each start is a new episode, so the
    # escalation records of an earlier episode never stop a later one.
    crisis_clock_started_at = models.DateTimeField(_("crisis clock started"), null=True, blank=True)
    crisis_episode = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-priority", "opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(target_kind=TargetKind.POST, state__in=OPEN_STATES),
                name="moderation_one_open_case_per_post",
            ),
            models.UniqueConstraint(
                fields=["thread"],
                condition=Q(target_kind=TargetKind.THREAD, state__in=OPEN_STATES),
                name="moderation_one_open_case_per_thread",
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(target_kind=TargetKind.MEMBER, state__in=OPEN_STATES),
                name="moderation_one_open_case_per_member",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-priority", "opened_at"], name="moderation_queue"),
            models.Index(fields=["forum", "state"], name="moderation_case_forum"),
        ]

    def __str__(self) -> str:
        return _("Case %(id)s") % {"id": self.pk}

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_crisis(self) -> bool:
        """Whether this case has ever been a crisis case (its outcome uses crisis outcomes)."""
        return self.crisis_episode > 0 or self.priority == CasePriority.CRISIS


class Report(models.Model):
    """A member's report; it joins the open case for its target."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_filed",
    )
    reason = models.CharField(_("reason"), max_length=24, choices=ReportReason.choices)
    rule = models.ForeignKey(Rule, on_delete=models.SET_NULL, null=True, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    is_from_trusted_member = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"


APPEND_ONLY_FK = {"on_delete": models.DO_NOTHING, "db_constraint": False}


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The moderation log is append-only.")

    def delete(self):
        raise PermissionDenied("The moderation log is append-only.")


class ModerationAction(models.Model):
    """The audit log: who did what, citing which rules, with snapshots. Append-only."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # References never cascade into the log: it keeps ids and snapshots even after the rows
    # it points at are gone (no foreign-key constraint, nothing updated on delete).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, **APPEND_ONLY_FK, null=True, related_name="+"
    )
    actor_handle = models.CharField(_("by"), max_length=30, blank=True)
    kind = models.CharField(_("action"), max_length=24, choices=ActionKind.choices)
    case = models.ForeignKey(Case, **APPEND_ONLY_FK, null=True, blank=True, related_name="actions")
    target_kind = models.CharField(_("target"), max_length=8, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        **APPEND_ONLY_FK,
        null=True,
        blank=True,
        related_name="moderation_history",
    )
    forum = models.ForeignKey("forums.Forum", **APPEND_ONLY_FK, null=True, blank=True)
    rules = models.JSONField(_("rules cited"), default=list, blank=True)
    reason = models.TextField(_("reason (moderators only)"), blank=True)
    message = models.TextField(_("message to the member"), blank=True)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"], name="moderation_member_log")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.actor_handle} · {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionDenied("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The moderation log is append-only.")

    @property
    def rule_labels(self) -> list[str]:
        return [f"{rule['number']}. {rule['title']}" for rule in self.rules]


class Sanction(models.Model):
    """A warning, silence, suspension or ban; it ends on its own at `ends_at`."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SanctionKind.choices)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    rules = models.JSONField(_("rules cited"), default=list)
    message = models.TextField(_("message to the member"), blank=True)
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["member", "kind"], name="moderation_sanction_member")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.member}"

    def is_active_at(self, moment) -> bool:
        if self.lifted_at is not None or self.starts_at > moment:
            return False
        return self.ends_at is None or self.ends_at > moment


class MemberNote(models.Model):
    """A private moderator note about a member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderator note")
        verbose_name_plural = _("moderator notes")

    def __str__(self) -> str:
        return f"{self.member} · {self.created_at:%Y-%m-%d}"


class Appeal(models.Model):
    """A member's appeal of one decision; at most one per decision."""

    action = models.OneToOneField(ModerationAction, on_delete=models.PROTECT, related_name="appeal")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    text = models.TextField(_("why the decision should be looked at again"), max_length=2000)
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, related_name="appeals")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.member} · {self.action}"


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
        from moderation.screening import WatchedRule

        return WatchedRule(
            id=f"watched-{self.pk or 'new'}",
            pattern=self.pattern,
            kind=self.kind,
            action=self.action,
            replacement=self.replacement,
            forum_slug=self.forum.slug if self.forum_id else None,
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        from moderation.screening import validate_watched_rule

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

    class Meta:
        verbose_name = _("forum screening settings")
        verbose_name_plural = _("forum screening settings")

    def __str__(self) -> str:
        return str(self.forum)


class ScreeningResult(models.Model):
    """The full screening of one revision of a post: screener versions, signals, verdict."""

    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="screenings")
    revision = models.PositiveIntegerField()
    verdict = models.CharField(max_length=8, choices=ScreeningVerdict.choices)
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
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} · post {self.post_id} r{self.revision}"


# The crisis models (helplines, on-call rota, alerts, follow-ups) live in their own module.
from moderation.crisis_models import (  # noqa: E402, F401
    CrisisAlert,
    CrisisFollowUp,
    CrisisNotification,
    EscalationContact,
    Helpline,
    OnCallShift,
)
