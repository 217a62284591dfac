"""Keep the cached staffed hours (`selectors.forum_office_hours`, accounts.cache_keys.
OFFICE_HOURS) in step with the database.

A signal rather than a service: staffed periods are written only by operators in the console
(an inline of the forum's admin form, whose deletions and bulk actions bypass any service);
the demo seed, which writes them with `bulk_create` (no signal), forgets them itself.

Forgotten at once and again after the commit, so a page read while the change was being
committed cannot leave the old periods cached.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from forums.models import ForumOfficeHours
from forums.selectors import forum_office_hours_forget


@receiver(post_save, sender=ForumOfficeHours, dispatch_uid="forums_office_hours_saved")
@receiver(post_delete, sender=ForumOfficeHours, dispatch_uid="forums_office_hours_deleted")
def office_hours_changed(sender, instance, **kwargs) -> None:
    forum_id = instance.forum_id
    forum_office_hours_forget(forum_id)
    transaction.on_commit(lambda: forum_office_hours_forget(forum_id))
