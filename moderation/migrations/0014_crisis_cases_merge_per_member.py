"""Fold a member's several open crisis cases into one, each earlier case an item of evidence.

The member's open member case is kept (it may have started as a check-in request); without
one, their oldest open crisis case becomes the member case. The others are resolved as
"merged", their posts and messages moved onto the kept case as evidence still to be decided.
Posts with a crisis case still open are marked for review, so visitors see a placeholder.
"""

from django.db import migrations
from django.utils import timezone

CRISIS = 40
OPEN = ("open", "claimed")
KIND_FOR_TARGET = {"post": "post", "thread": "post", "message": "message"}


def _evidence_kind(case) -> str:
    if case.target_kind in KIND_FOR_TARGET:
        return KIND_FOR_TARGET[case.target_kind]
    return "check_in" if case.source == "check_in" else "profile"


def merge(apps, schema_editor):
    Case = apps.get_model("moderation", "Case")
    CrisisEvidence = apps.get_model("moderation", "CrisisEvidence")
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    Post = apps.get_model("forums", "Post")
    crisis = Case.objects.filter(priority=CRISIS, state__in=OPEN, member__isnull=False)
    now = timezone.now()
    for member_id in sorted(set(crisis.values_list("member_id", flat=True))):
        cases = list(crisis.filter(member_id=member_id).order_by("opened_at", "id"))
        keeper = Case.objects.filter(
            member_id=member_id, target_kind="member", state__in=OPEN
        ).first() or cases[0]
        keeper.target_kind, keeper.priority = "member", CRISIS
        clocks = [case.crisis_clock_started_at for case in cases if case.crisis_clock_started_at]
        if keeper.crisis_clock_started_at is None and clocks:
            # Keep the earliest unanswered clock running, as a new episode of the kept case.
            keeper.crisis_clock_started_at = min(clocks)
            keeper.crisis_episode += 1
        keeper.save()
        for case in cases:
            CrisisEvidence.objects.create(
                case=keeper,
                kind=_evidence_kind(case),
                post_id=case.post_id,
                message_id=case.message_id,
                created_at=case.opened_at,
            )
            if case.post_id:
                Post.objects.filter(pk=case.post_id).update(is_crisis_review_pending=True)
            if case.pk == keeper.pk:
                continue
            case.state, case.outcome, case.resolved_at = "resolved", "merged", now
            case.save(update_fields=["state", "outcome", "resolved_at"])
            ModerationAction.objects.create(
                kind="crisis_signal",
                case=keeper,
                target_kind="member",
                target_id=member_id,
                member_id=member_id,
                forum_id=case.forum_id,
                reason=f"Case {case.pk} merged into this case.",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0013_crisis_one_case_per_member"),
        ("forums", "0012_post_crisis_review_pending"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
