"""Writes of peer support on the member's side: the peer-supporter role and the safety plan."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.cache_keys import PEER_SUPPORTER_IDS, cache_forget_now_and_after_commit
from accounts.models import PeerSupporter, SafetyPlan, User
from accounts.safety_plan import seal_sections, unseal_sections
from accounts.selectors import peer_supporter_badge_ids_forget_kept
from core.crypto import current_key_id


def peer_supporter_grant(
    *, user: User, trained_on: date, acting_user: User | None
) -> PeerSupporter:
    """Make `user` a peer supporter trained on `trained_on` (or update the training date)."""
    supporter, _created = PeerSupporter.objects.update_or_create(
        user=user,
        defaults={"trained_on": trained_on},
        create_defaults={
            "trained_on": trained_on,
            "granted_by": acting_user,
            "granted_at": timezone.now(),
        },
    )
    _forget_supporter_ids()
    return supporter


def peer_supporter_revoke(*, user: User) -> bool:
    """End `user`'s peer-supporter role; return whether they had it."""
    deleted, _rows = PeerSupporter.objects.filter(user=user).delete()
    _forget_supporter_ids()
    return bool(deleted)


def _forget_supporter_ids() -> None:
    cache_forget_now_and_after_commit(PEER_SUPPORTER_IDS)
    # This process's badge copy too, now and after the commit, for the same reason: another
    # request (a thread of this process) reading before the commit keeps the old set.
    peer_supporter_badge_ids_forget_kept()
    transaction.on_commit(peer_supporter_badge_ids_forget_kept)


def safety_plan_save(*, user: User, sections: dict[str, str]) -> SafetyPlan:
    """Write the member's safety plan, sealed with the newest key (one row per member)."""
    blob, key_id = seal_sections(sections, user_id=user.pk)
    now = timezone.now()
    plan, _created = SafetyPlan.objects.update_or_create(
        user=user,
        defaults={"sealed": blob, "key_id": key_id, "updated_at": now},
        create_defaults={"sealed": blob, "key_id": key_id, "created_at": now, "updated_at": now},
    )
    return plan


def safety_plan_delete(*, user: User) -> bool:
    """Delete the member's safety plan; return whether there was one."""
    deleted, _rows = SafetyPlan.objects.filter(user=user).delete()
    return bool(deleted)


def safety_plans_reencrypt(*, batch_size: int = 500) -> int:
    """Re-seal every safety plan not under the newest key; return how many were re-sealed."""
    newest = current_key_id()
    done = 0
    while True:
        batch = list(SafetyPlan.objects.exclude(key_id=newest).order_by("pk")[:batch_size])
        if not batch:
            return done
        for plan in batch:
            with transaction.atomic():
                locked = SafetyPlan.objects.select_for_update().get(pk=plan.pk)
                sections = unseal_sections(
                    locked.sealed, key_id=locked.key_id, user_id=locked.user_id
                )
                locked.sealed, locked.key_id = seal_sections(sections, user_id=locked.user_id)
                locked.save(update_fields=["sealed", "key_id"])
                done += 1
