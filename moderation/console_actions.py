"""The case page's buttons: each maps the submitted form onto one moderation service."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Profile
from forums.models import Forum
from moderation import services
from moderation.enums import SanctionKind, TargetKind
from moderation.models import Case
from moderation.services.errors import ModerationError
from moderation.services.messages import message_release, message_remove

CONTENT_ACTIONS = {
    TargetKind.POST: [
        ("approve", gettext_lazy("Approve")),
        ("hide", gettext_lazy("Hide pending review")),
        ("remove_post", gettext_lazy("Remove post")),
        ("edit_post", gettext_lazy("Edit post")),
        ("add_content_warning", gettext_lazy("Add content warning")),
    ],
    TargetKind.THREAD: [
        ("approve", gettext_lazy("Approve")),
        ("remove_thread", gettext_lazy("Remove thread")),
        ("lock", gettext_lazy("Lock")),
        ("unlock", gettext_lazy("Unlock")),
        ("pin", gettext_lazy("Pin")),
        ("unpin", gettext_lazy("Unpin")),
        ("move", gettext_lazy("Move")),
    ],
    TargetKind.MEMBER: [("approve_profile", gettext_lazy("Approve profile text"))],
    TargetKind.MESSAGE: [
        ("release_message", gettext_lazy("Deliver the message (release a held one)")),
        ("remove_message", gettext_lazy("Remove message")),
    ],
}
MEMBER_ACTIONS = [
    ("warn", gettext_lazy("Warn")),
    ("silence", gettext_lazy("Silence (read-only)")),
    ("suspend", gettext_lazy("Suspend")),
    ("ban", gettext_lazy("Ban")),
    ("note", gettext_lazy("Add private note")),
]
CASE_ACTIONS = [
    ("claim", gettext_lazy("Claim")),
    ("dismiss", gettext_lazy("Dismiss: no action needed")),
    ("escalate", gettext_lazy("Escalate to operators")),
    ("reopen", gettext_lazy("Reopen")),
]
CONTENT_DONE = {
    "hide": gettext_lazy("The post is hidden pending review; its author was told."),
    "remove_post": gettext_lazy("The post was removed and its author notified."),
    "edit_post": gettext_lazy("The post was edited and its author notified."),
    "add_content_warning": gettext_lazy("A content warning was added."),
    "remove_thread": gettext_lazy("The thread was removed and its author notified."),
    "lock": gettext_lazy("The thread is locked."),
    "unlock": gettext_lazy("The thread is unlocked."),
    "pin": gettext_lazy("The thread is pinned."),
    "unpin": gettext_lazy("The thread is unpinned."),
    "move": gettext_lazy("The thread was moved."),
}
SANCTIONS = {
    "warn": SanctionKind.WARNING,
    "silence": SanctionKind.SILENCE,
    "suspend": SanctionKind.SUSPENSION,
    "ban": SanctionKind.BAN,
}


def actions_for(case: Case) -> list[tuple[str, str]]:
    member_actions = MEMBER_ACTIONS if case.member_id else []
    content_actions = CONTENT_ACTIONS[case.target_kind]
    if case.target_kind == TargetKind.MEMBER and not _profile_text_held(case):
        content_actions = []
    return content_actions + member_actions + CASE_ACTIONS


def _profile_text_held(case: Case) -> bool:
    return Profile.objects.filter(user_id=case.member_id, is_text_held=True).exists()


def _duration(data) -> timedelta | None:
    days = data.get("duration_days")
    return timedelta(days=days) if days is not None else None


def _target(case: Case):
    target = case.post if case.target_kind == TargetKind.POST else case.thread
    if target is None:
        raise ModerationError(_("The content of this case no longer exists."))
    return target


def perform_case_action(*, case: Case, acting_user, data: dict) -> str:
    """Run the chosen action; return the confirmation to show. Raises ModerationError."""
    action = data["action"]
    common = {"acting_user": acting_user, "case": case, "expected_version": data["version"]}
    cited = {
        "rules": list(data.get("rules") or []),
        "message": data.get("message") or "",
        "reason": data.get("reason") or "",
    }
    if action == "claim":
        services.case_claim(case=case, acting_user=acting_user, expected_version=data["version"])
        return _("You claimed this case.")
    if action == "dismiss":
        dismissed = services.case_dismiss(
            case=case,
            acting_user=acting_user,
            reason=cited["reason"],
            expected_version=data["version"],
        )
        if dismissed.released_held_content:
            if case.target_kind == TargetKind.MESSAGE:
                return _("Case dismissed: the held message was delivered.")
            if case.target_kind in (TargetKind.POST, TargetKind.THREAD):
                return _("Case dismissed: the held post is published.")
            return _("Case dismissed: the held profile text is visible again.")
        return _("Case dismissed.")
    if action == "escalate":
        services.case_escalate(
            case=case,
            acting_user=acting_user,
            reason=cited["reason"],
            expected_version=data["version"],
        )
        return _("Case escalated to the operators.")
    if action == "reach_out":
        services.crisis_reach_out(
            case=case,
            acting_user=acting_user,
            text=data.get("outreach") or "",
            expected_version=data["version"],
        )
        return _(
            "Your message was sent to %(member)s as the moderators; you now hold this case."
        ) % {"member": case.member.handle if case.member else "—"}
    if action == "resolve_crisis":
        services.crisis_case_resolve(
            case=case,
            acting_user=acting_user,
            outcome=data.get("outcome") or "",
            evidence_outcomes=data.get("evidence_outcomes") or {},
            follow_up_at=data.get("follow_up_at"),
            follow_up_note=data.get("follow_up_note") or "",
            reason=cited["reason"],
            expected_version=data["version"],
        )
        if data.get("follow_up_at"):
            return _("Crisis case resolved; it will reopen for the follow-up check-in.")
        return _("Crisis case resolved.")
    if action in ("release_message", "remove_message"):
        return _message_action(case, action, common, cited)
    if action == "reopen":
        services.case_reopen(case=case, acting_user=acting_user, reason=cited["reason"])
        return _("Case reopened.")
    if action in SANCTIONS:
        if case.member is None:
            raise ModerationError(_("This case has no member to act on."))
        services.member_sanction(
            member=case.member, kind=SANCTIONS[action], duration=_duration(data), **common, **cited
        )
        return _("Done: %(member)s was notified.") % {"member": case.member.handle}
    if action == "approve_profile":
        services.profile_text_approve(
            case=case, acting_user=acting_user, expected_version=data["version"]
        )
        return _("Approved: the profile text is visible again.")
    if action == "note":
        services.member_note_add(
            member=case.member, acting_user=acting_user, text=data.get("note") or ""
        )
        return _("Note added.")
    return _content_action(case, action, data, common, cited)


def _content_action(case: Case, action: str, data: dict, common: dict, cited: dict) -> str:
    target = _target(case)
    if action == "approve":
        if case.target_kind == TargetKind.POST:
            services.post_approve(post=target, **common)
        else:
            services.post_approve(post=target.posts.get(position=1), **common)
        return _("Approved.")
    handlers = {
        "hide": lambda: services.post_hide_for_review(post=target, **common, **cited),
        "remove_post": lambda: services.post_remove_citing_rules(post=target, **common, **cited),
        "edit_post": lambda: services.post_edit_by_moderator(
            post=target,
            body=data.get("body") or "",
            note=data.get("edit_note") or "",
            **common,
            **cited,
        ),
        "add_content_warning": lambda: services.post_add_content_warning(
            post=target,
            warning=data.get("content_warning") or "",
            message=cited["message"],
            reason=cited["reason"],
            **common,
        ),
        "remove_thread": lambda: services.thread_remove_citing_rules(
            thread=target, **common, **cited
        ),
        "lock": lambda: services.thread_set_locked(
            thread=target, is_locked=True, reason=cited["reason"], **common
        ),
        "unlock": lambda: services.thread_set_locked(
            thread=target, is_locked=False, reason=cited["reason"], **common
        ),
        "pin": lambda: services.thread_set_pinned(
            thread=target, is_pinned=True, reason=cited["reason"], **common
        ),
        "unpin": lambda: services.thread_set_pinned(
            thread=target, is_pinned=False, reason=cited["reason"], **common
        ),
        "move": lambda: services.thread_move_to(
            thread=target, forum=_forum(data), reason=cited["reason"], **common
        ),
    }
    if action not in handlers:
        raise ModerationError(_("Unknown action."))
    handlers[action]()
    return CONTENT_DONE.get(action, _("Done."))


def _message_action(case: Case, action: str, common: dict, cited: dict) -> str:
    if case.target_kind != TargetKind.MESSAGE or case.message_id is None:
        raise ModerationError(_("The content of this case no longer exists."))
    if action == "release_message":
        message_release(**common, reason=cited["reason"])
        return _("The message is delivered and the case resolved.")
    message_remove(**common, rules=cited["rules"], reason=cited["reason"], message=cited["message"])
    return _("The message was removed from the conversation.")


def _forum(data):
    forum = Forum.objects.filter(pk=data.get("forum")).first()
    if forum is None:
        raise ModerationError(_("Choose the forum to move the thread to."))
    return forum
