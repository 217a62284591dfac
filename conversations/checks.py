from django.core import checks

from conversations import hooks


@checks.register()
def hooks_filled(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Consent to messages ("people I replied to") needs the forums' answer."""
    if hooks.is_replied_in_threads_filled():
        return []
    return [
        checks.Error(
            "conversations.hooks.replied_in_threads is empty: nobody answers whether two "
            "members replied to each other in a thread.",
            hint="Register it in ModerationConfig.ready() (the forums' answer).",
            id="conversations.E001",
        )
    ]
