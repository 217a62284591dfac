"""Keep the cached rules banner (moderation/standing.py) in step with the database.

Cleared at once (this process's next read sees the change) and again after the commit, so a
page read by another request while the change was being committed cannot leave the old answer
cached.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.enums import ConsentKind
from accounts.models import Consent
from moderation.models import RulesVersion
from moderation.standing import rules_cache_clear


def _clear(user_id: int | None = None) -> None:
    rules_cache_clear(user_id=user_id)
    transaction.on_commit(lambda: rules_cache_clear(user_id=user_id))


@receiver(post_save, sender=RulesVersion, dispatch_uid="moderation_rules_version_saved")
@receiver(post_delete, sender=RulesVersion, dispatch_uid="moderation_rules_version_deleted")
def rules_version_changed(sender, instance, **kwargs) -> None:
    _clear()


@receiver(post_save, sender=Consent, dispatch_uid="moderation_rules_consent_saved")
@receiver(post_delete, sender=Consent, dispatch_uid="moderation_rules_consent_deleted")
def rules_consent_changed(sender, instance, **kwargs) -> None:
    if instance.kind == ConsentKind.COMMUNITY_RULES:
        _clear(instance.user_id)
