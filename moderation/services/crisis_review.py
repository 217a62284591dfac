"""When a post's crisis review ends: the one rule for lifting the visitors' placeholder.

A post with a crisis signal is a placeholder for visitors (and its thread's title, for an
opening post) while `is_crisis_review_pending` is set. The flag is set at submit by the
precheck and when the post joins a crisis case. It ends when a moderator resolves a case that
holds the post, whatever the outcome, or when the full screening finds no risk worth a case,
unless the post still waits as undecided evidence on another open crisis case.
"""

from forums import services as forum_services
from forums.models import Post
from moderation.enums import TargetKind
from moderation.models import OPEN_STATES, Case, CrisisEvidence


def post_awaits_crisis_evidence_review(*, post, other_than: Case | None = None) -> bool:
    """Whether `post` is undecided evidence on an open crisis case (other than `other_than`)."""
    waiting = CrisisEvidence.objects.filter(post=post, outcome="", case__state__in=OPEN_STATES)
    if other_than is not None:
        waiting = waiting.exclude(case=other_than)
    return waiting.exists()


def post_crisis_review_end(*, post, reviewed_case: Case | None = None) -> bool:
    """Clear the post's (and its thread's) crisis-review flag unless another open crisis case
    still holds the post as evidence; return whether the flag changed."""
    if post_awaits_crisis_evidence_review(post=post, other_than=reviewed_case):
        return False
    return forum_services.post_set_crisis_review(post=post, is_pending=False)


def case_crisis_review_end(*, case: Case) -> int:
    """End the crisis review of every flagged post `case` holds (its post, a thread's opening
    post, a crisis case's evidence), now that a moderator resolved it; return how many."""
    return sum(
        post_crisis_review_end(post=post, reviewed_case=case) for post in _flagged_posts_of(case)
    )


def _flagged_posts_of(case: Case) -> list:
    flagged = Post.objects.filter(is_crisis_review_pending=True)
    if case.target_kind == TargetKind.POST:
        return list(flagged.filter(pk=case.post_id))
    if case.target_kind == TargetKind.THREAD:
        # A thread case is about its headline, which waits with the opening post.
        return list(flagged.filter(thread_id=case.thread_id, position=1))
    if case.target_kind == TargetKind.MEMBER:
        evidence_posts = CrisisEvidence.objects.filter(case=case, post__isnull=False)
        return list(flagged.filter(pk__in=evidence_posts.values("post_id")))
    return []
