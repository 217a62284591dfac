"""The Notification model moved from forums to notifications without touching its table."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import PostFactory, UserFactory

LAST_BEFORE_THE_MOVE = ("forums", "0012_post_crisis_review_pending")
BEFORE_THE_MOVE = [LAST_BEFORE_THE_MOVE, ("notifications", None)]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [
        key for key in executor.loader.graph.leaf_nodes() if key[0] in ("forums", "notifications")
    ]


@pytest.mark.django_db(transaction=True)
def test_notifications_written_before_the_move_are_all_there_after_it():
    member = UserFactory()
    post = PostFactory()
    content_type = ContentType.objects.get_for_model(Notification)
    latest = _latest()

    executor = _migrate(BEFORE_THE_MOVE)
    old_apps = executor.loader.project_state(LAST_BEFORE_THE_MOVE).apps
    OldNotification = old_apps.get_model("forums", "Notification")
    reply = OldNotification.objects.create(
        recipient_id=member.pk,
        kind=NotificationKind.REPLY,
        actor_id=post.author_id,
        thread_id=post.thread_id,
        post_id=post.pk,
    )
    notice = OldNotification.objects.create(
        recipient_id=member.pk, kind=NotificationKind.MODERATION_NOTICE, text="A note", link="/x/"
    )

    _migrate(latest)

    kept = {n.pk: n for n in Notification.objects.filter(recipient=member)}
    assert set(kept) == {reply.pk, notice.pk}
    assert kept[reply.pk].post_id == post.pk and kept[reply.pk].thread_id == post.thread_id
    assert kept[notice.pk].text == "A note" and kept[notice.pk].is_unread
    # Permissions and admin log entries keep pointing at the same content type.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Notification).pk == content_type.pk
    # The one-notification-per-post rule still holds on the table.
    with pytest.raises(Exception):  # noqa: B017  (IntegrityError, per backend)
        Notification.objects.create(recipient=member, kind=NotificationKind.MENTION, post=post)
