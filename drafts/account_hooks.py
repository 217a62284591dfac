"""Drafts' answers to accounts' hooks (`accounts/hooks.py`), registered in `ready()`."""

from accounts import hooks
from drafts.selectors import drafts_for_export
from drafts.services import member_drafts_erase


def drafts_section_for_export(user) -> dict:
    return {"drafts": drafts_for_export(user)}


def drafts_erase(user, *, erase_posts: bool) -> None:
    # Unposted writing and texts kept through a login: never public, always erased.
    member_drafts_erase(user=user)


def register() -> None:
    # In the export after private messages; in the erasure after the moderators' conversation.
    hooks.export_sections.register(drafts_section_for_export, app_label="drafts", order=30)
    hooks.erasure_steps.register(drafts_erase, app_label="drafts", order=50)
