from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    default = True
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from moderation import account_hooks, signals  # noqa: F401  (connects the receivers)

        account_hooks.register()


class ConsoleAdminConfig(admin_apps.AdminConfig):
    """The Django admin, installed as the moderator console."""

    default = False
    default_site = "moderation.console.ConsoleSite"
