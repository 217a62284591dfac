from celery import shared_task

from accounts import services


@shared_task(name="accounts.purge_unverified_accounts", soft_time_limit=540, time_limit=600)
def purge_unverified_accounts() -> int:
    """Remove accounts left unverified for 30 days."""
    return services.unverified_accounts_purge()


@shared_task(
    name="accounts.build_export", soft_time_limit=540, time_limit=600, acks_late=True, max_retries=3
)
def build_export(export_id: int) -> bool:
    """Build one member's export archive and tell them it is ready."""
    return services.export_build(export_id=export_id)


@shared_task(name="accounts.purge_expired_exports", soft_time_limit=540, time_limit=600)
def purge_expired_exports() -> int:
    """Delete export archives past their 7 days."""
    return services.exports_purge_expired()


@shared_task(name="accounts.erase_due_accounts", soft_time_limit=1740, time_limit=1800)
def erase_due_accounts() -> int:
    """Erase the accounts whose 7-day grace period is over."""
    return services.erasures_run_due()
