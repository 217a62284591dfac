"""The audit log writer: every moderation service calls it inside its own transaction."""

from collections.abc import Iterable

from moderation.enums import ActionKind, TargetKind
from moderation.models import Case, ModerationAction, Rule

SNAPSHOT_MAX_LENGTH = 20_000


def rules_snapshot(rules: Iterable[Rule]) -> list[dict]:
    return [{"number": rule.number, "title": rule.title} for rule in rules]


def action_log(
    *,
    actor,
    kind: ActionKind,
    target_kind: TargetKind,
    target_id: int | None,
    case: Case | None = None,
    member=None,
    forum_id: int | None = None,
    rules: Iterable[Rule] = (),
    reason: str = "",
    message: str = "",
    before: str = "",
    after: str = "",
) -> ModerationAction:
    """Append one entry to the moderation log (call inside the action's transaction)."""
    return ModerationAction.objects.create(
        actor=actor,
        actor_handle=actor.handle if actor else "",
        kind=kind,
        case=case,
        target_kind=target_kind,
        target_id=target_id,
        member=member,
        forum_id=forum_id,
        rules=rules_snapshot(rules),
        reason=reason,
        message=message,
        before=before[:SNAPSHOT_MAX_LENGTH],
        after=after[:SNAPSHOT_MAX_LENGTH],
    )
