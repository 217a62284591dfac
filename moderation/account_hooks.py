"""Moderation's answers to accounts' hooks (`accounts/hooks.py`), registered in `ready()`:
its part of a member's export and erasure, the sanction lockout, the rules version, profile
screening, crisis help and helplines."""

from accounts import hooks
from core.tasks import enqueue_on_commit
from moderation.exporting import member_moderation_for_export
from moderation.helplines import (
    country_for_request,
    helplines_as_text,
    helplines_for_country,
    helplines_for_member,
)
from moderation.permissions import is_global_moderator
from moderation.selectors import current_rules_version, member_lockout
from moderation.services.crisis import crisis_erasure_requested
from moderation.services.erasure import member_moderation_text_erase
from moderation.services.profile_screening import profile_precheck
from moderation.services.support import support_messages_erase
from moderation.standing import crisis_support_offer
from moderation.tasks import screen_profile


def moderation_text_erase(user, *, erase_posts: bool) -> None:
    member_moderation_text_erase(user=user, erase_posts=erase_posts)


def support_conversation_erase(user, *, erase_posts: bool) -> None:
    # The member's conversation with the moderators goes whatever the mode, like messages.
    support_messages_erase(member=user)


def profile_screening_enqueue(profile) -> None:
    enqueue_on_commit(screen_profile, profile.pk, profile.text_revision)


def helpline_country_for_request(request) -> str:
    country, _source = country_for_request(request)
    return country


def helplines_text_for_member(member) -> str:
    return helplines_as_text(helplines_for_member(member))


def register() -> None:
    hooks.export_sections.register(member_moderation_for_export, app_label="moderation", order=40)
    # First: the case excerpts quoting the member's posts are found through the posts' author,
    # before the forums' step unlinks it.
    hooks.erasure_steps.register(moderation_text_erase, app_label="moderation", order=10)
    hooks.erasure_steps.register(support_conversation_erase, app_label="moderation", order=40)
    hooks.erasure_requested.register(crisis_erasure_requested)
    hooks.member_lockout.register(member_lockout)
    hooks.rules_version_current.register(current_rules_version)
    hooks.profile_text_precheck.register(profile_precheck)
    hooks.profile_text_changed.register(profile_screening_enqueue)
    hooks.crisis_support_offer.register(crisis_support_offer)
    hooks.profile_reviewer.register(is_global_moderator)
    hooks.helpline_country_for_request.register(helpline_country_for_request)
    hooks.helplines_for_country.register(helplines_for_country)
    hooks.helplines_text_for_member.register(helplines_text_for_member)
