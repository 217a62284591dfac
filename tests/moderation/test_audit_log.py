import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from moderation import services
from moderation.models import ModerationAction


@pytest.fixture
def entry(member, global_moderator):
    services.member_note_add(member=member, acting_user=global_moderator, text="A note")
    return ModerationAction.objects.get()


def test_log_entries_cannot_be_changed_or_deleted_through_the_model(entry):
    entry.reason = "rewritten"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        ModerationAction.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(PermissionDenied):
        ModerationAction.objects.all().delete()
    assert ModerationAction.objects.get().reason == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_refuses_raw_updates_and_deletes_of_the_log(entry):
    for statement in (
        "UPDATE moderation_moderationaction SET reason = 'x'",
        "DELETE FROM moderation_moderationaction",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert ModerationAction.objects.count() == 1


def test_nobody_can_change_or_delete_the_log_in_the_console(client, entry, operator):
    client.force_login(operator)
    change_url = reverse("admin:moderation_moderationaction_change", args=[entry.pk])
    delete_url = reverse("admin:moderation_moderationaction_delete", args=[entry.pk])

    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="reason"' not in page.content.decode()
    assert client.post(change_url, {"reason": "x"}).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert ModerationAction.objects.count() == 1


def test_operators_can_filter_the_log(client, entry, operator):
    client.force_login(operator)
    response = client.get(
        reverse("admin:moderation_moderationaction_changelist"), {"kind__exact": "note"}
    )
    assert response.status_code == 200
    assert entry.actor_handle in response.content.decode()
