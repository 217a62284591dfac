from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.errors import PostingRefused
from moderation import services
from moderation.enums import SanctionKind
from moderation.selectors import member_lockout, member_silence
from tests.factories import TEST_PASSWORD, PostFactory


def test_silenced_member_cannot_post_until_it_expires(thread, member, global_moderator, rules):
    services.member_sanction(
        member=member,
        kind=SanctionKind.SILENCE,
        acting_user=global_moderator,
        rules=rules[:1],
        duration=timedelta(days=2),
    )

    with pytest.raises(PostingRefused, match="read-only"):
        PostFactory(thread=thread, author=member)

    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        assert member_silence(member) is None
        PostFactory(thread=thread, author=member)


def test_silenced_member_keeps_the_draft_in_the_reply_form(
    client, thread, member, global_moderator, rules
):
    services.member_sanction(
        member=member,
        kind=SanctionKind.SILENCE,
        acting_user=global_moderator,
        rules=rules[:1],
        duration=timedelta(days=1),
    )
    client.force_login(member)

    response = client.post(
        reverse("forums:reply", kwargs={"pk": thread.pk}), {"body": "A reply I really want to keep"}
    )

    assert response.status_code == 200
    assert "A reply I really want to keep" in response.content.decode()
    assert "read-only" in response.content.decode()


def test_suspension_ends_sessions_and_blocks_login_until_it_expires(
    client, member, global_moderator, rules
):
    client.force_login(member)
    assert client.get(reverse("accounts:settings")).status_code == 200

    services.member_sanction(
        member=member,
        kind=SanctionKind.SUSPENSION,
        acting_user=global_moderator,
        rules=rules[:1],
        duration=timedelta(days=7),
    )

    assert client.get(reverse("accounts:settings")).status_code == 302
    response = client.post(
        reverse("account_login"), {"login": member.handle, "password": TEST_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "suspended" in response.content.decode()

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert member_lockout(member) is None
        client.post(reverse("account_login"), {"login": member.handle, "password": TEST_PASSWORD})
        assert int(client.session["_auth_user_id"]) == member.pk


def test_ban_has_no_end_and_can_be_lifted_early(member, global_moderator, rules, client):
    ban = services.member_sanction(
        member=member, kind=SanctionKind.BAN, acting_user=global_moderator, rules=rules[:1]
    )
    assert ban.ends_at is None
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        assert member_lockout(member) is not None

    services.sanction_lift(sanction=ban, acting_user=global_moderator, reason="Appeal upheld")

    assert member_lockout(member) is None
    client.post(reverse("account_login"), {"login": member.handle, "password": TEST_PASSWORD})
    assert int(client.session["_auth_user_id"]) == member.pk


def test_warning_is_recorded_and_notified(member, global_moderator, rules):
    services.member_sanction(
        member=member,
        kind=SanctionKind.WARNING,
        acting_user=global_moderator,
        rules=rules[:1],
        message="Please keep it kind.",
    )
    assert member.sanctions.get().kind == SanctionKind.WARNING
    assert "Please keep it kind." in member.notifications.get().text


def test_moderators_cannot_sanction_themselves(global_moderator, rules):
    with pytest.raises(services.ModerationError, match="yourself"):
        services.member_sanction(
            member=global_moderator,
            kind=SanctionKind.WARNING,
            acting_user=global_moderator,
            rules=rules[:1],
        )


def test_private_notes_are_logged(member, global_moderator):
    services.member_note_add(
        member=member, acting_user=global_moderator, text="Struggling this week; be gentle."
    )
    assert member.moderator_notes.get().author == global_moderator
    assert member.moderation_history.get().kind == "note"
