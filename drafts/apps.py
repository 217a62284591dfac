from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Drafts")

    def ready(self) -> None:
        # Imported here, as Django asks: the models must be loaded first.
        from drafts import (
            account_hooks,
            checks,  # noqa: F401  (registers the system check)
        )

        account_hooks.register()
