"""Muting and unmuting from where the member is: the forum page and the thread page, as plain
forms (CSRF-protected, no JavaScript needed)."""

from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Mute
from forums.models import ThreadSubscription
from tests.factories import ForumFactory


def test_member_mutes_a_forum_from_its_page_and_unmutes_it_there(member_client, member, forum):
    url = forum.get_absolute_url()
    page = member_client.get(url).content.decode()
    assert "Mute this forum" in page and "Unmute this forum" not in page

    muted = member_client.post(reverse("accounts:mute"), {"forum": forum.pk, "next": url})
    assert muted.status_code == 302 and muted.url == url
    page = member_client.get(url).content.decode()
    assert "You muted this forum" in page
    assert "Unmute this forum" in page and "Mute this forum" not in page
    assert escape(forum.name) not in member_client.get("/").content.decode()

    unmute_url = reverse("accounts:unmute", kwargs={"kind": "forum", "target_id": forum.pk})
    assert f'action="{unmute_url}"' in page
    unmuted = member_client.post(unmute_url, {"next": url})
    assert unmuted.status_code == 302 and unmuted.url == url
    page = member_client.get(url).content.decode()
    assert "You muted this forum" not in page and "Mute this forum" in page
    assert not Mute.objects.filter(user=member).exists()
    assert escape(forum.name) in member_client.get("/").content.decode()


def test_forum_mute_forms_need_the_csrf_token(member, forum):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(reverse("accounts:mute"), {"forum": forum.pk}).status_code == 403
    assert not Mute.objects.exists()
    page = client.get(forum.get_absolute_url()).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 2  # follow and mute forms


def test_visitors_see_no_mute_button(client, forum):
    assert "Mute this forum" not in client.get(forum.get_absolute_url()).content.decode()


def test_muting_a_forum_one_cannot_read_is_refused_with_a_message(member_client, member):
    private = ForumFactory(slug="closed", visibility="private")
    response = member_client.post(reverse("accounts:mute"), {"forum": private.pk}, follow=True)
    assert "Choose a forum you can read." in response.content.decode()
    assert not Mute.objects.filter(user=member).exists()


def test_member_mutes_and_unmutes_a_thread_from_its_page(member_client, member, thread):
    url = thread.get_absolute_url()
    action = reverse("forums:thread_subscription", kwargs={"pk": thread.pk})

    member_client.post(action, {"action": "mute"})
    page = member_client.get(url).content.decode()
    assert "You muted this thread." in page
    assert 'value="unmute"' in page and 'value="mute"' not in page
    assert ThreadSubscription.objects.get(user=member, thread=thread).is_muted

    response = member_client.post(action, {"action": "unmute"}, follow=True)
    page = response.content.decode()
    assert "Thread unmuted." in page
    assert "You muted this thread." not in page and 'value="mute"' in page
    assert not ThreadSubscription.objects.filter(user=member, thread=thread, is_muted=True).exists()
