"""Drafts at the service level: one per member and place, sealed at rest, bounded in size and
number, never screened; kept submissions live a day and go back only to their own browser."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from celery.schedules import crontab
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from config.celery import app
from core import crypto
from drafts import selectors, services
from drafts.enums import PlaceKind
from drafts.models import Draft, KeptSubmission
from drafts.places import Place
from drafts.tasks import purge_kept_submissions
from forums.models import BODY_MAX_LENGTH
from moderation.models import Case, ScreeningResult, WatchedWord
from tests.factories import UserFactory

TEXT = "canary-lantern-4411: what helped me through last night"
CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."


def reply_place(thread):
    return Place(PlaceKind.REPLY, thread.pk)


def test_a_draft_is_saved_and_read_back_for_its_place_only(writer, thread):
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})

    fields, saved_at = selectors.draft_get_for(user=writer, place=reply_place(thread))
    assert fields == {"body": TEXT}
    assert saved_at is not None
    assert selectors.draft_get_for(user=writer, place=Place(PlaceKind.REPLY, thread.pk + 1)) is None
    assert selectors.draft_get_for(user=UserFactory(), place=reply_place(thread)) is None


def test_saving_again_replaces_the_one_draft_of_that_place(writer, thread):
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": "first"})
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})

    assert Draft.objects.filter(user=writer).count() == 1
    assert selectors.draft_get_for(user=writer, place=reply_place(thread))[0] == {"body": TEXT}


def test_fields_that_do_not_belong_to_the_place_are_not_kept(writer, thread):
    services.draft_save(
        user=writer,
        place=reply_place(thread),
        fields={"body": TEXT, "title": "a reply has no title", "to": "someone"},
    )
    assert selectors.draft_get_for(user=writer, place=reply_place(thread))[0] == {"body": TEXT}


def test_the_text_is_encrypted_at_rest(writer, thread):
    services.draft_save(user=writer, place=Place(PlaceKind.MESSAGE, 7), fields={"body": TEXT})
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})

    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM drafts_draft")
        blobs = [bytes(row[0]) for row in cursor.fetchall()]
    assert len(blobs) == 2
    assert all(b"canary-lantern" not in blob for blob in blobs)


def test_a_draft_moved_to_another_member_does_not_decrypt(writer, thread):
    draft = services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})
    other = UserFactory()
    Draft.objects.filter(pk=draft.pk).update(user=other)

    assert selectors.draft_get_for(user=other, place=reply_place(thread)) is None


def test_an_empty_draft_is_discarded(writer, thread):
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})

    assert (
        services.draft_save(user=writer, place=reply_place(thread), fields={"body": " \n"}) is None
    )
    assert not Draft.objects.exists()


@pytest.mark.parametrize(
    ("place", "fields", "words"),
    [
        (Place(PlaceKind.REPLY, 1), {"body": "x" * (BODY_MAX_LENGTH + 1)}, "the text"),
        (Place(PlaceKind.THREAD, 1), {"title": "t" * 201, "body": "fine"}, "the title"),
        (Place(PlaceKind.MESSAGE, 1), {"body": "m" * 5001}, "at most 5000"),
        (Place(PlaceKind.EDIT, 1), {"body": "ok", "content_warning": "c" * 201}, "content warning"),
    ],
)
def test_a_draft_over_the_post_limit_is_refused_with_a_clear_message(writer, place, fields, words):
    with pytest.raises(services.DraftRefused, match=words) as refusal:
        services.draft_save(user=writer, place=place, fields=fields)
    assert "Your text is still here" in refusal.value.message
    assert not Draft.objects.exists()


def test_a_draft_exactly_at_the_limit_is_kept(writer):
    body = "x" * BODY_MAX_LENGTH
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, 1), fields={"body": body})
    assert selectors.draft_get_for(user=writer, place=Place(PlaceKind.REPLY, 1))[0]["body"] == body


def test_the_number_of_drafts_is_bounded_but_existing_ones_still_save(writer, monkeypatch):
    monkeypatch.setattr(services, "MAX_DRAFTS_PER_MEMBER", 3)
    for target in (1, 2, 3):
        services.draft_save(user=writer, place=Place(PlaceKind.REPLY, target), fields={"body": "x"})

    with pytest.raises(services.DraftRefused, match="You already keep 3 drafts"):
        services.draft_save(user=writer, place=Place(PlaceKind.REPLY, 4), fields={"body": TEXT})
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, 2), fields={"body": TEXT})

    assert Draft.objects.filter(user=writer).count() == 3
    assert selectors.draft_get_for(user=writer, place=Place(PlaceKind.REPLY, 2))[0]["body"] == TEXT


def test_screening_never_runs_on_drafts(writer, thread, django_capture_on_commit_callbacks):
    WatchedWord.objects.create(pattern="buy followers", kind="phrase", action="block")
    with django_capture_on_commit_callbacks() as callbacks:
        services.draft_save(
            user=writer,
            place=reply_place(thread),
            fields={"body": f"{CRISIS_TEXT} buy followers +44 7700 900123"},
        )

    assert callbacks == []
    assert Draft.objects.count() == 1
    assert not ScreeningResult.objects.exists()
    assert not Case.objects.exists()


def test_discarding_by_id_touches_only_the_members_own(writer, thread):
    draft = services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})

    assert not services.draft_discard_by_id(user=UserFactory(), draft_id=draft.pk)
    assert services.draft_discard_by_id(user=writer, draft_id=draft.pk)
    assert not Draft.objects.exists()


def test_rotation_reseals_drafts_and_kept_texts_under_the_newest_key(
    writer, thread, settings, client
):
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})
    session = client.session
    token = services.kept_submission_create(
        path="/p/", fields={"body": TEXT}, owner=writer, session=session
    )
    old_key = crypto.current_key_id()
    settings.MESSAGES_ENCRYPTION_KEYS = [crypto.generate_key(), *settings.MESSAGES_ENCRYPTION_KEYS]

    assert services.drafts_reencrypt() == 2
    assert Draft.objects.get().key_id == crypto.current_key_id() != old_key
    settings.MESSAGES_ENCRYPTION_KEYS = settings.MESSAGES_ENCRYPTION_KEYS[:1]
    assert selectors.draft_get_for(user=writer, place=reply_place(thread))[0] == {"body": TEXT}
    taken = services.kept_submission_take(user=writer, token=token, path="/p/", session=session)
    assert taken == {"body": TEXT}


def test_a_kept_submission_goes_back_once_to_its_browser_and_member(writer, client):
    session = client.session
    token = services.kept_submission_create(
        path="/t/1/reply/", fields={"body": TEXT}, owner=writer, session=session
    )
    assert b"canary-lantern" not in bytes(KeptSubmission.objects.get().ciphertext)

    assert (
        services.kept_submission_take(
            user=UserFactory(), token=token, path="/t/1/reply/", session=session
        )
        is None
    )
    assert (
        services.kept_submission_take(user=writer, token=token, path="/t/2/reply/", session=session)
        is None
    )
    assert (
        services.kept_submission_take(user=writer, token=token, path="/t/1/reply/", session={})
        is None
    )
    taken = services.kept_submission_take(
        user=writer, token=token, path="/t/1/reply/", session=session
    )
    assert taken == {"body": TEXT}
    assert (
        services.kept_submission_take(user=writer, token=token, path="/t/1/reply/", session=session)
        is None
    )


def test_a_forged_kept_token_restores_nothing(writer, client):
    session = client.session
    services.kept_submission_create(path="/p/", fields={"body": TEXT}, owner=None, session=session)
    token_id = KeptSubmission.objects.get().token_id
    assert (
        services.kept_submission_take(user=writer, token=token_id, path="/p/", session=session)
        is None
    )


def test_kept_submissions_live_at_most_a_day(writer, client):
    session = client.session
    token = services.kept_submission_create(
        path="/p/", fields={"body": TEXT}, owner=writer, session=session
    )
    later = timezone.now() + timedelta(hours=24, minutes=1)
    with time_machine.travel(later):
        assert (
            services.kept_submission_take(user=writer, token=token, path="/p/", session=session)
            is None
        )
        assert purge_kept_submissions() == 1
    assert not KeptSubmission.objects.exists()


def test_the_purge_keeps_submissions_younger_than_a_day(writer, client):
    services.kept_submission_create(
        path="/p/", fields={"body": TEXT}, owner=writer, session=client.session
    )
    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        assert purge_kept_submissions() == 0
    assert KeptSubmission.objects.count() == 1


def test_beat_purges_kept_submissions_hourly_on_the_maintenance_queue(settings):
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["drafts-purge-kept-submissions"]
    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab) and entry["schedule"].hour == set(range(24))
    assert app.amqp.router.route({}, entry["task"])["queue"].name == "maintenance"


def test_the_rotation_command_reseals_drafts_too(writer, thread, settings):
    services.draft_save(user=writer, place=reply_place(thread), fields={"body": TEXT})
    settings.MESSAGES_ENCRYPTION_KEYS = [crypto.generate_key(), *settings.MESSAGES_ENCRYPTION_KEYS]
    out = StringIO()

    call_command("rotate_message_keys", stdout=out)

    assert "Re-encrypted 1 draft(s) and kept text(s)" in out.getvalue()
    assert Draft.objects.get().key_id == crypto.current_key_id()
