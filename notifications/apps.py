from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Imported here, as Django asks: the models must be loaded first.
        from notifications import (
            account_hooks,
            checks,  # noqa: F401  (registers the system check)
        )
        from notifications.enums import NotificationKind
        from notifications.hooks import NotificationText, notification_texts

        account_hooks.register()
        # Account notices (an export is ready) carry their own text and link.
        notification_texts.register(
            NotificationKind.ACCOUNT,
            NotificationText(summary=lambda n: n.text, link=lambda n: n.link),
        )
