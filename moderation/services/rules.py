"""Accepting the community rules."""

from accounts import services as account_services
from accounts.enums import ConsentKind
from moderation.selectors import current_rules_version


def rules_accept(*, user) -> None:
    """Record that `user` accepted the current rules version."""
    account_services.consent_record(
        user=user, kind=ConsentKind.COMMUNITY_RULES, version=current_rules_version()
    )
