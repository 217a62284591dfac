from django.core import checks

from conversations import hooks
from core.hooks import required_hooks_check

# Consent to messages ("people I replied to") needs the forums' answer.
hooks_filled = checks.register(
    required_hooks_check([hooks.replied_in_threads], check_id="conversations.E001"), "hooks"
)
# Screening, standing, reports and the moderators' decisions: moderation fills them.
moderation_hooks_filled = checks.register(
    required_hooks_check(hooks.REQUIRED, check_id="conversations.E900"), "hooks"
)
