"""Keep the cached rules banner (moderation/standing.py, accounts.cache_keys.RULES_LATEST) in
step with the database.

A signal rather than a service: rules versions are written only by operators in the console
(the admin's forms, and its bulk delete action, which sends post_delete per row), and by seed
scripts; there is no service for the admin to call. A member accepting the rules is a service
(accounts.services.consent_record), which clears that member's key itself.

Cleared at once (this process's next read sees the change) and again after the commit, so a
page read by another request while the change was being committed cannot leave the old answer
cached.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from moderation.models import RulesVersion
from moderation.standing import rules_cache_clear


@receiver(post_save, sender=RulesVersion, dispatch_uid="moderation_rules_version_saved")
@receiver(post_delete, sender=RulesVersion, dispatch_uid="moderation_rules_version_deleted")
def rules_version_changed(sender, instance, **kwargs) -> None:
    rules_cache_clear()
    transaction.on_commit(rules_cache_clear)
