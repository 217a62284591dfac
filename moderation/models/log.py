from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.enums import (
    ActionKind,
    TargetKind,
)
from moderation.models.cases import Case

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
