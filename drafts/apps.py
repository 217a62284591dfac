from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Drafts")

    def ready(self) -> None:
        from drafts import account_hooks

        account_hooks.register()
