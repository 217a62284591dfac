from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Private messages")

    def ready(self) -> None:
        from conversations import account_hooks

        account_hooks.register()
