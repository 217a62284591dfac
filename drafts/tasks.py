from celery import shared_task

from drafts import services


@shared_task(name="drafts.purge_kept_submissions", time_limit=300, soft_time_limit=240)
def purge_kept_submissions() -> int:
    """Delete texts kept through a login for more than a day."""
    return services.kept_submissions_purge()
