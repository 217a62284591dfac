from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    default = True
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from conversations import hooks as conversation_hooks
        from forums.selectors import have_replied_in_threads
        from moderation import account_hooks, signals  # noqa: F401  (connects the receivers)

        account_hooks.register()

        # Forums and conversations are siblings that never import each other; moderation, above
        # both, connects them. A member who takes messages only from people they replied to:
        # replies in threads count.
        conversation_hooks.replied_in_threads_register(have_replied_in_threads)


class ConsoleAdminConfig(admin_apps.AdminConfig):
    """The Django admin, installed as the moderator console."""

    default = False
    default_site = "moderation.console.ConsoleSite"
