from celery import shared_task

from accounts import services


@shared_task(name="accounts.purge_unverified_accounts", time_limit=600)
def purge_unverified_accounts() -> int:
    """Remove accounts left unverified for 30 days."""
    return services.unverified_accounts_purge()
