from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Private messages")

    def ready(self) -> None:
        # Imported here, as Django asks: the models must be loaded first.
        from conversations import (
            account_hooks,
            checks,  # noqa: F401  (registers the system check)
        )
        from conversations.draft_places import MESSAGE_PLACES
        from conversations.notification_texts import MESSAGE_NOTIFICATION_TEXT
        from drafts.places import place_owner_register
        from notifications.enums import NotificationKind
        from notifications.hooks import notification_text_register

        account_hooks.register()
        notification_text_register(NotificationKind.MESSAGE, MESSAGE_NOTIFICATION_TEXT)
        place_owner_register(MESSAGE_PLACES)
