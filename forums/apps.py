from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from forums import account_hooks, signals  # noqa: F401  (connects the receivers)

        account_hooks.register()
