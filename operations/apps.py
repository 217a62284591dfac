from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What an operator watches: periodic task runs, metrics, health."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from operations import task_signals

        task_signals.connect()
