from django.core import checks

from notifications import hooks
from notifications.enums import NotificationKind


@checks.register()
def hooks_filled(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every hook the notifications need is filled by the app that owns the answer."""
    errors = [
        checks.Error(
            f"{slot.name} is empty: {slot.meaning}.",
            hint="Register it in the owning app's AppConfig.ready().",
            id="notifications.E001",
        )
        for slot in (hooks.readable_posts, hooks.email_send_enqueue)
        if not slot.is_filled
    ]
    errors += [
        checks.Error(
            f"No notification text is registered for the kind {kind!r}.",
            hint="Register it with notifications.hooks.notification_text_register().",
            id="notifications.E002",
        )
        for kind in hooks.kinds_without_text(NotificationKind.values)
    ]
    return errors
