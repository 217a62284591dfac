from django.core import checks

from core.hooks import required_hooks_check
from notifications import hooks

# Every hook the notifications need is filled by the app that owns the answer, and every kind of
# notification has its email text.
hooks_filled = checks.register(
    required_hooks_check(
        [hooks.readable_posts, hooks.email_send_enqueue], check_id="notifications.E001"
    ),
    "hooks",
)
texts_registered = checks.register(
    required_hooks_check([hooks.notification_texts], check_id="notifications.E002"), "hooks"
)
