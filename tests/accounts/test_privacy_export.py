"""Data export: one job per request, a ZIP with everything of the member's and nothing of
anyone else's, a 7-day link for them alone, stored outside MEDIA and static."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts import services
from accounts.enums import ConsentKind, ExportStatus
from accounts.models import ExperienceTag, ExportRequest
from accounts.tasks import build_export, purge_expired_exports
from forums import services as forum_services
from moderation.enums import ReportReason, TargetKind
from moderation.models import MemberNote, Sanction
from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory

CANARY = "CANARY-7f3a9"


def _build(user) -> ExportRequest:
    export, _created = services.export_request(user=user)
    build_export(export.pk)
    export.refresh_from_db()
    return export


def _archive(client, export) -> zipfile.ZipFile:
    response = client.get(f"/settings/data/export/{export.token}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def rich_member(member, moderator):
    """The member with something in every part of their data, and a canary in others' data."""
    other = UserFactory(handle="canary_holder", email=f"{CANARY.lower()}@example.org")
    forum = ForumFactory()
    tag = ExperienceTag.objects.create(name="Living with anxiety")
    services.profile_update(
        user=member,
        values={"about_me": "my about text", "pronouns": "they/them", "experiences": [tag]},
    )
    services.profile_update(user=other, values={"about_me": f"about {CANARY}"})
    services.consent_record(user=member, kind=ConsentKind.COMMUNITY_RULES, version=1)
    services.email_preferences_update(user=member, values={"digest_frequency": "daily"})
    services.wellbeing_update(user=member, values={"break_reminder_minutes": 60})
    services.mute_words_add(user=member, text="clinic")
    services.mute_words_add(user=other, text=CANARY)
    thread = ThreadFactory(forum=forum, author=member, title="My first thread", body="opening")
    post = PostFactory(thread=thread, author=member, body="first draft")
    forum_services.post_edit(post=post, editor=member, body="second version", content_warning="")
    theirs = PostFactory(thread=thread, author=other, body=f"their words {CANARY}")
    forum_services.post_edit(
        post=theirs, editor=other, body=f"their edit {CANARY}", content_warning=""
    )
    forum_services.reaction_toggle(user=member, post=theirs, kind="support")
    forum_services.reaction_toggle(user=other, post=post, kind="support")
    from moderation.services import report_create

    report_create(
        reporter=member,
        target_kind=TargetKind.POST,
        target=theirs,
        reason=ReportReason.SPAM,
        note="my report note",
    )
    report_create(
        reporter=other,
        target_kind=TargetKind.POST,
        target=post,
        reason=ReportReason.SPAM,
        note=f"about {CANARY}",
    )
    MemberNote.objects.create(member=member, author=moderator, text=f"internal {CANARY}")
    Sanction.objects.create(member=member, kind="warning", message="please be kind")
    forum_services.notification_send_moderation_notice(
        recipient=member, text="We removed a post.", acting_user=moderator
    )
    PostFactory(thread=thread, author=other, body=f"hi @quiet_fern {CANARY}")
    return member


def test_requesting_twice_gives_one_job_and_the_same_link(
    member_client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        member_client.post("/settings/data/export/")
        member_client.post("/settings/data/export/")
    assert ExportRequest.objects.filter(user=member).count() == 1
    assert [c.task_name for c in callbacks if hasattr(c, "task_name")] == ["accounts.build_export"]
    export = ExportRequest.objects.get(user=member)
    build_export(export.pk)
    again, created = services.export_request(user=member)
    assert (again.pk, again.token, created) == (export.pk, export.token, False)


def test_the_archive_holds_all_of_the_members_data(client, rich_member):
    export = _build(rich_member)
    client.force_login(rich_member)
    archive = _archive(client, export)

    data = json.loads(archive.read("data.json"))
    index = archive.read("index.html").decode()

    assert data["account"]["handle"] == "quiet_fern"
    assert data["account"]["email"] == "fern.private@example.org"
    assert data["profile"]["about_me"] == "my about text"
    assert data["profile"]["experiences"] == ["Living with anxiety"]
    assert data["preferences"]["break_reminder_minutes"] == 60
    assert data["preferences"]["muted_words"] == ["clinic"]
    assert data["preferences"]["email"]["digest_frequency"] == "daily"
    assert data["consents"][0]["kind"] == "community_rules"
    assert [t["title"] for t in data["threads_started"]] == ["My first thread"]
    texts = [p["text"] for p in data["posts"]]
    assert "second version" in texts
    versions = [v["text"] for p in data["posts"] for v in p["earlier_versions"]]
    assert versions == ["first draft"]
    assert [r["kind"] for r in data["reactions"]] == ["support"]
    assert data["reports_filed"][0]["note"] == "my report note"
    assert data["sanctions_received"][0]["message"] == "please be kind"
    kinds = {n["kind"] for n in data["notifications"]}
    assert NotificationKind.MODERATION_NOTICE in kinds
    assert "We removed a post." in json.dumps(data["notifications"])
    assert "second version" in index and "quiet_fern" in index


def test_the_archive_holds_nothing_of_anyone_elses(client, rich_member):
    export = _build(rich_member)
    client.force_login(rich_member)
    archive = _archive(client, export)
    for name in archive.namelist():
        content = archive.read(name).decode()
        assert CANARY not in content, name
        assert CANARY.lower() not in content, name
        assert "canary_holder" not in content, name  # not even who mentioned or reported


def test_the_member_is_notified_and_emailed_a_link(member):
    export = _build(member)
    link = f"/settings/data/export/{export.token}/"
    notice = Notification.objects.get(recipient=member, kind=NotificationKind.ACCOUNT)
    assert notice.link == link
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    assert link in mail.outbox[0].body


def test_the_file_is_stored_under_private_files_root(member):
    export = _build(member)
    path = settings.PRIVATE_FILES_ROOT / "exports" / export.file_name
    assert path.is_file()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not str(path).startswith(str(public))


def test_someone_elses_link_is_a_404(client, member, other_member):
    export = _build(member)
    client.force_login(other_member)
    assert client.get(f"/settings/data/export/{export.token}/").status_code == 404
    client.logout()
    response = client.get(f"/settings/data/export/{export.token}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expired_link_is_a_404_and_the_file_is_purged(client, member, time_machine):
    export = _build(member)
    client.force_login(member)
    time_machine.move_to(timezone.now() + timedelta(days=7, minutes=1))
    assert client.get(f"/settings/data/export/{export.token}/").status_code == 404
    path = settings.PRIVATE_FILES_ROOT / "exports" / export.file_name
    assert purge_expired_exports() == 1
    assert not path.exists() and not ExportRequest.objects.exists()


def test_an_unknown_token_is_a_404(member_client):
    assert member_client.get("/settings/data/export/nope/").status_code == 404


def test_building_twice_is_a_no_op(member):
    export = _build(member)
    assert build_export(export.pk) is False
    assert ExportRequest.objects.get().status == ExportStatus.READY
    assert Notification.objects.filter(recipient=member).count() == 1


def test_the_data_page_offers_the_download_once_ready(member_client, member):
    assert "Prepare my archive" in member_client.get("/settings/data/").content.decode()
    _build(member)
    assert "Download your archive" in member_client.get("/settings/data/").content.decode()


def test_the_archive_holds_the_members_choices_and_none_made_about_them(client, member):
    """Blocks, mutes, watches, bookmarks, follows and audiences are the member's data; another
    member's block, mute, bookmark or follow touching them is not."""
    blocked = UserFactory(handle="blocked_one")
    hushed = UserFactory(handle="hushed_one")
    watcher = UserFactory(handle="watcher_xq7")
    quiet_forum = ForumFactory(name="Quiet corner")
    followed = ForumFactory(name="Followed garden")
    thread = ThreadFactory(forum=followed, author=hushed, title="Watched thread")
    mine = PostFactory(thread=thread, author=member, body="a post of mine")
    services.block_create(user=member, member=blocked)
    services.mute_member(user=member, member=hushed)
    services.mute_forum(user=member, forum=quiet_forum)
    services.profile_update(
        user=member, values={"about_me": "hi", "about_me_visibility": "members"}
    )
    services.wellbeing_update(user=member, values={"has_late_night_reminder": True})
    forum_services.thread_watch(user=member, thread=thread)
    forum_services.bookmark_toggle(user=member, post=mine)
    forum_services.forum_follow(user=member, forum=followed)
    # What someone else did about the member stays theirs.
    services.block_create(user=watcher, member=member)
    services.mute_member(user=watcher, member=member)
    forum_services.bookmark_toggle(user=watcher, post=mine)
    forum_services.forum_follow(user=watcher, forum=followed)

    export = _build(member)
    client.force_login(member)
    archive = _archive(client, export)
    data = json.loads(archive.read("data.json"))

    preferences = data["preferences"]
    assert preferences["blocked_members"] == ["blocked_one"]
    assert preferences["muted_members"] == ["hushed_one"]
    assert preferences["muted_forums"] == ["Quiet corner"]
    assert preferences["has_late_night_reminder"] is True
    assert data["profile"]["about_me_visibility"] == "members"
    assert [b["post_id"] for b in data["bookmarks"]] == [mine.pk]
    assert [(t["thread_id"], t["is_muted"]) for t in data["threads_watched_or_muted"]] == [
        (thread.pk, False)
    ]
    assert [f["forum__name"] for f in data["forums_followed"]] == ["Followed garden"]
    for name in archive.namelist():
        assert "watcher_xq7" not in archive.read(name).decode(), name
