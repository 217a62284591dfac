"""Moderation's answers to forums' events (forums/hooks.py): a submitted post is screened, a post
held for review is queued for a moderator. Both are required: with no receiver, forums refuses
to save the post rather than leave it unscreened or unseen."""

from django.dispatch import receiver

from core.tasks import CRISIS_QUEUE, enqueue_on_commit
from forums import hooks as forum_hooks
from moderation import tasks
from moderation.services.cases import case_open_for_held_post


@receiver(forum_hooks.post_submitted, dispatch_uid="moderation_screen_submitted_post")
def screen_submitted_post(sender, *, post, is_crisis: bool, **kwargs) -> None:
    # Ids only, after commit; robust, so a broker outage never loses the post: it stays
    # pending and the sweeper enqueues it again. Crisis language heard by the precheck goes
    # to the crisis queue, ahead of all other screening.
    options = {"queue": CRISIS_QUEUE} if is_crisis else {}
    enqueue_on_commit(tasks.screen_post, post.pk, post.revision, **options)


@receiver(forum_hooks.post_held_for_review, dispatch_uid="moderation_queue_held_post")
def queue_held_post(sender, *, post, **kwargs) -> None:
    case_open_for_held_post(post=post)
