"""Starting threads, replying, editing and removing your own posts."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Q, Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.enums import TrustLevel
from accounts.models import User
from core.enums import ScreeningState
from core.errors import PostingRefused
from core.tasks import enqueue_on_commit
from forums import hooks, permissions
from forums.enums import PostStatus, ThreadStatus
from forums.markdown import Rendered, mention_candidates, render_markdown
from forums.models import SEARCH_CONFIG, Forum, Post, PostRevision, Thread, ThreadSubscription
from forums.selectors import viewer_moderates_forum
from forums.services import counters
from forums.services.moderating import post_set_crisis_review

MAX_MENTIONS = 20


def post_body_render(body: str) -> Rendered:
    """Render `body` to sanitised HTML, linking @mentions of existing members (one query)."""
    candidates = sorted(mention_candidates(body))[:MAX_MENTIONS]
    members = {}
    if candidates:
        query = Q()
        for handle in candidates:
            query |= Q(handle__iexact=handle)
        handles = User.objects.filter(query, is_active=True).values_list("handle", flat=True)
        members = {handle.casefold(): handle for handle in handles}
    return render_markdown(body, members=members)


def _search_vector_update(*, post: Post, title: str = "") -> None:
    # PostgreSQL only: the stored, GIN-indexed vector is written in the same transaction as the
    # text, so search never sees a stale row. Titles count on the opening post, weighted higher.
    if connection.vendor != "postgresql":
        return
    vector = SearchVector("body", config=SEARCH_CONFIG, weight="B")
    if post.position == 1 and title:
        vector = SearchVector(Value(title), config=SEARCH_CONFIG, weight="A") + vector
    Post.objects.filter(pk=post.pk).update(search_vector=vector)


def _is_held(*, author: User, forum: Forum) -> bool:
    return (
        forum.is_new_member_post_held
        and author.trust_level == TrustLevel.NEW
        and not viewer_moderates_forum(author, forum.pk)
    )


def _check_content_warning(*, forum: Forum, content_warning: str) -> None:
    if forum.is_content_warning_required and not content_warning.strip():
        raise PostingRefused(_("This forum asks for a content warning on every post."))


def _check_standing(*, author: User) -> None:
    reason = hooks.posting_refusal(author)
    if reason:
        raise PostingRefused(reason)


def _precheck(
    *,
    author: User,
    forum: Forum,
    body: str,
    title: str = "",
    content_warning: str = "",
    confirmed_personal_info: bool = False,
) -> hooks.SubmissionCheck:
    """The synchronous screening pass; raises PostingRefused or NeedsConfirmation."""
    return hooks.submission_precheck(
        author=author,
        forum=forum,
        body=body,
        title=title,
        content_warning=content_warning,
        confirmed_personal_info=confirmed_personal_info,
    )


def _enqueue_screening(post: Post, *, is_crisis: bool) -> None:
    # The receiver (moderation) enqueues the screening task after commit; with no receiver the
    # send raises, so a post is never saved unscreened by a wiring mistake.
    hooks.post_submitted.send(sender=Post, post=post, is_crisis=is_crisis)


def _open_held_case(post: Post) -> None:
    hooks.post_held_for_review.send(sender=Post, post=post)


def _enqueue_fan_out(post: Post) -> None:
    from forums.tasks import fan_out_notifications  # noqa: PLC0415  (forums.tasks imports forums.services)

    # After commit, so the worker finds the row; robust, so a broker outage never fails the
    # member's request (the post is saved; fan-out is best effort).
    enqueue_on_commit(fan_out_notifications, post.pk)


def _watch(*, user: User, thread: Thread) -> None:
    ThreadSubscription.objects.get_or_create(user=user, thread=thread)


@transaction.atomic
def thread_create(
    *,
    author: User,
    forum: Forum,
    title: str,
    body: str,
    content_warning: str = "",
    confirmed_personal_info: bool = False,
) -> Thread:
    """Start a thread with its opening post, count it, watch it, enqueue screening and
    notifications. Sets `is_crisis_at_submit` on the returned thread.

    Raises PostingRefused (or NeedsConfirmation) with nothing saved.
    """
    if not permissions.can_start_thread(author, forum):
        raise PostingRefused(_("You cannot start a thread in this forum."))
    _check_standing(author=author)
    _check_content_warning(forum=forum, content_warning=content_warning)
    checked = _precheck(
        author=author,
        forum=forum,
        body=body,
        title=title,
        content_warning=content_warning,
        confirmed_personal_info=confirmed_personal_info,
    )
    body = checked.body
    held_for_review = _is_held(author=author, forum=forum)
    held = held_for_review or checked.hold_until_screened
    now = timezone.now()
    thread = Thread.objects.create(
        forum=forum,
        author=author,
        title=title.strip(),
        slug=slugify(title)[:80].strip("-") or "thread",
        status=ThreadStatus.HELD if held else ThreadStatus.PUBLISHED,
        created_at=now,
        last_post_at=now,
        last_position=1,
        is_crisis_review_pending=checked.is_crisis,
    )
    rendered = post_body_render(body)
    post = Post.objects.create(
        thread=thread,
        author=author,
        position=1,
        status=PostStatus.HELD if held else PostStatus.PUBLISHED,
        content_warning=content_warning.strip(),
        body=body,
        body_html=rendered.html,
        created_at=now,
        # Crisis language heard at submit: visitors see a placeholder from the first moment.
        is_crisis_review_pending=checked.is_crisis,
    )
    _search_vector_update(post=post, title=thread.title)
    if held_for_review:
        _open_held_case(post)
    if not held:
        counters.thread_started(thread=thread, post=post)
        _enqueue_fan_out(post)
    _enqueue_screening(post, is_crisis=checked.is_crisis)
    _watch(user=author, thread=thread)
    thread.refresh_from_db()
    thread.is_crisis_at_submit = checked.is_crisis
    thread.is_acute_at_submit = checked.is_acute
    thread.offers_resources_at_submit = checked.offers_resources
    return thread


@transaction.atomic
def post_create(
    *,
    author: User,
    thread: Thread,
    body: str,
    content_warning: str = "",
    watch: bool = True,
    confirmed_personal_info: bool = False,
) -> Post:
    """Reply in `thread` at the next position (under a row lock), count it and notify watchers.

    Raises PostingRefused when the thread is locked or `author` may not reply.
    """
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("forum").get(pk=thread.pk)
    )
    if thread.is_locked:
        raise PostingRefused(_("This thread is locked, so it is not taking new replies."))
    if not permissions.can_reply_to_thread(author, thread):
        raise PostingRefused(_("You cannot reply in this thread."))
    _check_standing(author=author)
    _check_content_warning(forum=thread.forum, content_warning=content_warning)
    checked = _precheck(
        author=author,
        forum=thread.forum,
        body=body,
        content_warning=content_warning,
        confirmed_personal_info=confirmed_personal_info,
    )
    body = checked.body
    held_for_review = _is_held(author=author, forum=thread.forum)
    held = held_for_review or checked.hold_until_screened
    rendered = post_body_render(body)
    position = thread.last_position + 1
    post = Post.objects.create(
        thread=thread,
        author=author,
        position=position,
        status=PostStatus.HELD if held else PostStatus.PUBLISHED,
        content_warning=content_warning.strip(),
        body=body,
        body_html=rendered.html,
        is_crisis_review_pending=checked.is_crisis,
    )
    Thread.objects.filter(pk=thread.pk).update(last_position=position)
    thread.last_position = position
    _search_vector_update(post=post)
    if held_for_review:
        _open_held_case(post)
    if not held:
        counters.post_published(post=post, thread=thread)
        _enqueue_fan_out(post)
    _enqueue_screening(post, is_crisis=checked.is_crisis)
    if watch:
        _watch(user=author, thread=thread)
    post.is_crisis_at_submit = checked.is_crisis
    post.is_acute_at_submit = checked.is_acute
    post.offers_resources_at_submit = checked.offers_resources
    return post


@transaction.atomic
def post_edit(
    *,
    post: Post,
    editor: User,
    body: str,
    content_warning: str = "",
    confirmed_personal_info: bool = False,
) -> Post:
    """Replace the text of `editor`'s own post, keeping the previous version as a revision.

    Marks the post for screening again and enqueues notifications for new mentions.
    """
    post = (
        Post.objects.select_for_update(of=("self",)).select_related("thread__forum").get(pk=post.pk)
    )
    if not permissions.can_edit_post(editor, post):
        raise PostingRefused(_("You cannot edit this post."))
    _check_content_warning(forum=post.thread.forum, content_warning=content_warning)
    checked = _precheck(
        author=editor,
        forum=post.thread.forum,
        body=body,
        content_warning=content_warning,
        confirmed_personal_info=confirmed_personal_info,
    )
    post_revise(post=post, body=checked.body, content_warning=content_warning)
    if checked.is_crisis:
        post_set_crisis_review(post=post, is_pending=True)
    if post.status == PostStatus.PUBLISHED:
        _enqueue_fan_out(post)
    _enqueue_screening(post, is_crisis=checked.is_crisis)
    post.is_crisis_at_submit = checked.is_crisis
    post.is_acute_at_submit = checked.is_acute
    post.offers_resources_at_submit = checked.offers_resources
    return post


def post_set_screening_state(*, post: Post, state: str) -> None:
    """Record where the post's screening stands (pending, screened, failed)."""
    Post.objects.filter(pk=post.pk).update(screening_state=state)
    post.screening_state = state


def post_revise(*, post: Post, body: str, content_warning: str) -> None:
    """Keep the current version as a revision and store the new text (caller holds the lock)."""
    now = timezone.now()
    PostRevision.objects.create(
        post=post,
        revision=post.revision,
        content_warning=post.content_warning,
        body=post.body,
        body_html=post.body_html,
        created_at=post.edited_at or post.created_at,
        replaced_at=now,
    )
    post.body = body
    post.body_html = post_body_render(body).html
    post.content_warning = content_warning.strip()
    post.revision += 1
    post.edited_at = now
    post.screening_state = ScreeningState.PENDING
    post.save(
        update_fields=[
            "body", "body_html", "content_warning", "revision", "edited_at", "screening_state"
        ]
    )  # fmt: skip
    _search_vector_update(post=post, title=post.thread.title)


@transaction.atomic
def post_delete_by_author(*, post: Post, author: User) -> bool:
    """Soft-delete `author`'s own post: it shows as "removed by its author"; return if changed."""
    post = (
        Post.objects.select_for_update(of=("self",)).select_related("thread__forum").get(pk=post.pk)
    )
    if not permissions.can_delete_post(author, post):
        return False
    was_published = post.status == PostStatus.PUBLISHED
    post.status = PostStatus.REMOVED_BY_AUTHOR
    post.status_changed_at = timezone.now()
    post.status_changed_by = author
    post.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    if was_published:
        counters.post_unpublished(post=post, thread=post.thread)
    return True


def posts_rerender(*, batch_size: int = 500) -> int:
    """Re-render every post's HTML from its Markdown, in batches; return how many changed."""
    changed = 0
    last_pk = 0
    while True:
        batch = list(
            Post.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "body", "body_html")[:batch_size]
        )
        if not batch:
            return changed
        last_pk = batch[-1].pk
        dirty = []
        for post in batch:
            html = post_body_render(post.body).html
            if html != post.body_html:
                post.body_html = html
                dirty.append(post)
        with transaction.atomic():
            Post.objects.bulk_update(dirty, ["body_html"])
        changed += len(dirty)
