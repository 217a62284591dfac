from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.enums import (
    CaseOutcome,
    CasePriority,
    CaseSource,
    CaseState,
    ReportReason,
    TargetKind,
)
from moderation.models.rules import Rule


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
    # A reported or screened private message: moderators see only this message (and any the
    # reporter chose to include), never the rest of the conversation.
    message = models.ForeignKey(
        "conversations.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
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
    # A member's crisis case opened after an earlier one was resolved points back at it.
    previous_case = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earlier crisis case"),
    )

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
            models.UniqueConstraint(
                fields=["message"],
                condition=Q(target_kind=TargetKind.MESSAGE, state__in=OPEN_STATES),
                name="moderation_one_open_case_per_message",
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
