from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Members")

    def ready(self):
        from accounts import checks  # noqa: F401  (registers the deployment checks)
        from accounts.site import sync_site_with_settings

        # After the sites app has migrated (and would have created example.com), so that
        # account emails name this site.
        post_migrate.connect(
            sync_site_with_settings,
            sender=apps.get_app_config("sites"),
            dispatch_uid="accounts.sync_site_with_settings",
        )
