"""Moderator actions on forum content, each logged in the same transaction.

Moderation changes forum content only through `forums.services`.
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from forums import services as forum_services
from forums.models import Forum, Post, Thread
from moderation.enums import RULE_REQUIRED_ACTIONS, ActionKind, CaseOutcome, TargetKind
from moderation.models import Case, ModerationAction, Rule
from moderation.permissions import can_moderate_forum
from moderation.services.audit import action_log
from moderation.services.cases import lock_case, mark_acted, resolve_locked_case
from moderation.services.errors import ModerationError
from moderation.services.notices import notify_member_of_decision


def check_scope(acting_user, forum_id: int | None) -> None:
    if not can_moderate_forum(acting_user, forum_id):
        raise ModerationError(_("You don’t moderate this forum, so nothing was changed."))


def check_rules(kind: ActionKind, rules: Sequence[Rule]) -> None:
    if kind in RULE_REQUIRED_ACTIONS and not rules:
        raise ModerationError(_("Cite at least one community rule for this action."))


def _finish_case(case, acting_user, expected_version, outcome) -> Case | None:
    if case is None:
        return None
    case = lock_case(case=case, acting_user=acting_user, expected_version=expected_version)
    if outcome is None:
        mark_acted(case, acting_user=acting_user)
        case.save()
    else:
        resolve_locked_case(case, acting_user=acting_user, outcome=outcome)
    return case


def _post_action(
    *,
    post: Post,
    acting_user,
    kind: ActionKind,
    change,
    rules: Sequence[Rule] = (),
    message: str = "",
    reason: str = "",
    case: Case | None = None,
    expected_version: int | None = None,
    outcome: CaseOutcome | None = CaseOutcome.CONTENT_ACTIONED,
    notify: bool = True,
) -> ModerationAction:
    """Apply `change(post) -> bool` with its log entry, case update and author notice."""
    check_scope(acting_user, post.thread.forum_id)
    check_rules(kind, rules)
    with transaction.atomic():
        case = _finish_case(case, acting_user, expected_version, outcome)
        before = f"{post.content_warning}\n{post.body}".strip()
        if not change(post):
            raise ModerationError(_("Nothing changed: the post is already in that state."))
        post.refresh_from_db()
        entry = action_log(
            actor=acting_user,
            kind=kind,
            case=case,
            target_kind=TargetKind.POST,
            target_id=post.pk,
            member=post.author,
            forum_id=post.thread.forum_id,
            rules=rules,
            reason=reason,
            message=message,
            before=before,
            after=f"{post.content_warning}\n{post.body}".strip(),
        )
        if notify:
            notify_member_of_decision(entry, post=post, thread=post.thread)
        return entry


def post_approve(
    *, post: Post, acting_user, case: Case | None = None, expected_version: int | None = None
) -> ModerationAction:
    """Approve a post: release it if held, and resolve its case as approved."""
    check_scope(acting_user, post.thread.forum_id)
    with transaction.atomic():
        case = _finish_case(case, acting_user, expected_version, CaseOutcome.APPROVED)
        forum_services.post_release(post=post, acting_user=acting_user)
        return action_log(
            actor=acting_user,
            kind=ActionKind.APPROVE,
            case=case,
            target_kind=TargetKind.POST,
            target_id=post.pk,
            member=post.author,
            forum_id=post.thread.forum_id,
        )


def post_hide_for_review(
    *, post: Post, acting_user, rules, message="", reason="", case=None, expected_version=None
) -> ModerationAction:
    """Hide a post pending review; the case stays open."""
    return _post_action(
        post=post,
        acting_user=acting_user,
        kind=ActionKind.HIDE_POST,
        rules=rules,
        message=message,
        reason=reason,
        case=case,
        expected_version=expected_version,
        outcome=None,
        change=lambda p: forum_services.post_hide(post=p, acting_user=acting_user),
    )


def post_remove_citing_rules(
    *, post: Post, acting_user, rules, message="", reason="", case=None, expected_version=None
) -> ModerationAction:
    """Remove a post; its author sees it with the rules cited and may appeal."""
    notice = _removal_notice(rules)
    return _post_action(
        post=post,
        acting_user=acting_user,
        kind=ActionKind.REMOVE_POST,
        rules=rules,
        message=message,
        reason=reason,
        case=case,
        expected_version=expected_version,
        change=lambda p: forum_services.post_remove(post=p, acting_user=acting_user, notice=notice),
    )


def _removal_notice(rules: Sequence[Rule]) -> str:
    cited = "; ".join(
        _("rule %(number)s: %(title)s") % {"number": rule.number, "title": rule.title}
        for rule in rules
    )
    return _("Removed by a moderator — %(rules)s") % {"rules": cited}


def post_edit_by_moderator(
    *,
    post: Post,
    acting_user,
    body: str,
    note: str,
    rules,
    message="",
    reason="",
    case=None,
    expected_version=None,
) -> ModerationAction:
    """Edit a post's text, leaving a moderator note visible under it."""
    if not note.strip():
        raise ModerationError(_("Add a short note, shown under the post, saying what you changed."))
    return _post_action(
        post=post,
        acting_user=acting_user,
        kind=ActionKind.EDIT_POST,
        rules=rules,
        message=message,
        reason=reason,
        case=case,
        expected_version=expected_version,
        change=lambda p: forum_services.post_edit_as_moderator(
            post=p,
            acting_user=acting_user,
            body=body,
            content_warning=p.content_warning,
            moderator_note=note.strip(),
        ),
    )


def post_add_content_warning(
    *,
    post: Post,
    acting_user,
    warning: str,
    message="",
    reason="",
    case=None,
    expected_version=None,
) -> ModerationAction:
    """Put a content warning on a post (its text is unchanged)."""
    if not warning.strip():
        raise ModerationError(_("Write the content warning to add."))
    return _post_action(
        post=post,
        acting_user=acting_user,
        kind=ActionKind.ADD_CONTENT_WARNING,
        rules=(),
        message=message,
        reason=reason,
        case=case,
        expected_version=expected_version,
        change=lambda p: forum_services.post_edit_as_moderator(
            post=p,
            acting_user=acting_user,
            body=p.body,
            content_warning=warning.strip(),
            moderator_note="",
        ),
    )


def _thread_action(
    *,
    thread: Thread,
    acting_user,
    kind: ActionKind,
    change,
    rules=(),
    message="",
    reason="",
    case=None,
    expected_version=None,
    outcome=None,
    notify=False,
    after="",
) -> ModerationAction:
    check_scope(acting_user, thread.forum_id)
    check_rules(kind, rules)
    with transaction.atomic():
        case = _finish_case(case, acting_user, expected_version, outcome)
        before = f"{thread.title} · {thread.forum.name}"
        if not change(thread):
            raise ModerationError(_("Nothing changed: the thread is already in that state."))
        entry = action_log(
            actor=acting_user,
            kind=kind,
            case=case,
            target_kind=TargetKind.THREAD,
            target_id=thread.pk,
            member=thread.author,
            forum_id=thread.forum_id,
            rules=rules,
            reason=reason,
            message=message,
            before=before,
            after=after,
        )
        if notify:
            notify_member_of_decision(entry, thread=thread)
        return entry


def thread_remove_citing_rules(
    *, thread: Thread, acting_user, rules, message="", reason="", case=None, expected_version=None
) -> ModerationAction:
    """Remove a whole thread; its author is told why and may appeal."""
    return _thread_action(
        thread=thread,
        acting_user=acting_user,
        kind=ActionKind.REMOVE_THREAD,
        rules=rules,
        message=message,
        reason=reason,
        case=case,
        expected_version=expected_version,
        outcome=CaseOutcome.CONTENT_ACTIONED,
        notify=True,
        change=lambda t: forum_services.thread_remove(thread=t, acting_user=acting_user),
    )


def thread_set_locked(
    *, thread: Thread, acting_user, is_locked: bool, reason="", case=None, expected_version=None
) -> ModerationAction:
    kind = ActionKind.LOCK_THREAD if is_locked else ActionKind.UNLOCK_THREAD
    return _thread_action(
        thread=thread,
        acting_user=acting_user,
        kind=kind,
        reason=reason,
        case=case,
        expected_version=expected_version,
        change=lambda t: forum_services.thread_lock(
            thread=t, acting_user=acting_user, is_locked=is_locked
        ),
    )


def thread_set_pinned(
    *, thread: Thread, acting_user, is_pinned: bool, reason="", case=None, expected_version=None
) -> ModerationAction:
    kind = ActionKind.PIN_THREAD if is_pinned else ActionKind.UNPIN_THREAD
    return _thread_action(
        thread=thread,
        acting_user=acting_user,
        kind=kind,
        reason=reason,
        case=case,
        expected_version=expected_version,
        change=lambda t: forum_services.thread_pin(
            thread=t, acting_user=acting_user, is_pinned=is_pinned
        ),
    )


def thread_move_to(
    *, thread: Thread, forum: Forum, acting_user, reason="", case=None, expected_version=None
) -> ModerationAction:
    """Move a thread to another forum (the moderator must moderate both)."""
    check_scope(acting_user, forum.pk)
    return _thread_action(
        thread=thread,
        acting_user=acting_user,
        kind=ActionKind.MOVE_THREAD,
        reason=reason,
        case=case,
        expected_version=expected_version,
        after=f"{thread.title} · {forum.name}",
        change=lambda t: forum_services.thread_move(thread=t, forum=forum, acting_user=acting_user),
    )
