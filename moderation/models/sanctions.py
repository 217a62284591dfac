from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.enums import (
    SanctionKind,
)
from moderation.models.cases import Case
from moderation.models.log import ModerationAction


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
