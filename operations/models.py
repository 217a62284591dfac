from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicTaskRun(models.Model):
    """When beat last sent a scheduled task, and when a worker last finished it.

    One row per task name of the beat schedule: the metrics endpoint and /healthz read it to tell
    an operator whether beat is alive and whether each periodic job still runs.
    """

    task_name = models.CharField(_("task"), max_length=100, unique=True)
    last_dispatched_at = models.DateTimeField(_("last sent by beat"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic task run")
        verbose_name_plural = _("periodic task runs")
        ordering = ["task_name"]

    def __str__(self) -> str:
        return self.task_name
