from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
