"""Private messages' answers to accounts' hooks (`accounts/hooks.py`), registered in `ready()`."""

from accounts import hooks
from conversations.selectors import messages_for_export
from conversations.services import member_messages_erase


def private_messages_for_export(user) -> dict:
    return {"private_messages": messages_for_export(user)}


def private_messages_erase(user, *, erase_posts: bool) -> None:
    # Private messages go whatever the mode: they were never public.
    member_messages_erase(user=user)


def register() -> None:
    # In the export after the member's forum content; in the erasure after the forums' step.
    hooks.export_sections.register(private_messages_for_export, app_label="conversations", order=20)
    hooks.erasure_steps.register(private_messages_erase, app_label="conversations", order=30)
