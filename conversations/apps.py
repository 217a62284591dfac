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
        from drafts.places import place_owners
        from notifications.enums import NotificationKind
        from notifications.hooks import notification_texts

        account_hooks.register()
        notification_texts.register(NotificationKind.MESSAGE, MESSAGE_NOTIFICATION_TEXT)
        for kind in MESSAGE_PLACES.limits:
            place_owners.register(kind, MESSAGE_PLACES)
