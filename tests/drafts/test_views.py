"""Drafts as a member meets them: restored on any device, saved with or without the script,
listed on the Drafts page; a post sent after the session ended comes back after logging in; a
failed security check shows the text again."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import ErasureMode
from accounts.exporting import member_data
from accounts.services import erasure_request, erasures_run_due
from drafts import services
from drafts.enums import PlaceKind
from drafts.models import Draft, KeptSubmission
from drafts.places import Place
from drafts.selectors import draft_get_for
from forums import services as forum_services
from forums.enums import ForumVisibility
from forums.models import Post, Thread
from moderation.demo import seed_moderation
from moderation.enums import SanctionKind
from moderation.models import ModeratorAssignment, Rule
from moderation.services import member_sanction
from tests.factories import TEST_PASSWORD, ForumFactory, ThreadFactory, UserFactory

TEXT = "Last night was hard; the breathing in fours helped a little."
TOKEN_RE = re.compile(r'name="draft_place" value="([^"]+)"')


def reply_url(thread):
    return reverse("forums:reply", kwargs={"pk": thread.pk})


def place_token_from(client, url):
    match = TOKEN_RE.search(client.get(url).content.decode())
    assert match, f"no draft_place on {url}"
    return match.group(1)


def token_then_log_out(client, member, url):
    """Open the composer at `url` as `member`, then log out (as in another tab)."""
    client.force_login(member)
    token = place_token_from(client, url)
    client.post(reverse("account_logout"))
    return token


def save_draft(client, url, **fields):
    data = {"draft_place": place_token_from(client, url), "save_draft": "1", **fields}
    return client.post(reverse("drafts:save"), data)


# --- Restored on any device ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["thread", "reply", "edit", "message", "new_message"])
def test_each_composer_restores_its_draft_on_another_device(writer, thread, conversation, kind):
    own_post = forum_services.post_create(author=writer, thread=thread, body="My first words")
    urls = {
        "thread": reverse("forums:thread_create", kwargs={"slug": thread.forum.slug}),
        "reply": reply_url(thread),
        "edit": reverse("forums:post_edit", kwargs={"pk": own_post.pk}),
        "message": conversation.get_absolute_url(),
        "new_message": reverse("conversations:start"),
    }
    laptop, phone = Client(), Client()
    laptop.force_login(writer)
    phone.force_login(writer)
    response = save_draft(laptop, urls[kind], body=TEXT)
    assert response.status_code == 302 and response["Location"] == urls[kind]

    page = phone.get(urls[kind]).content.decode()

    assert TEXT in page
    assert "Draft saved" in page
    assert 'src="/static/js/drafts.js"' in page


def test_posting_the_reply_deletes_its_draft(writer_client, writer, thread):
    save_draft(writer_client, reply_url(thread), body=TEXT)

    response = writer_client.post(reply_url(thread), {"body": TEXT})

    assert response.status_code == 302
    assert not Draft.objects.exists()
    assert TEXT not in writer_client.get(reply_url(thread)).content.decode()


def test_sending_the_message_deletes_its_draft(writer_client, conversation):
    save_draft(writer_client, conversation.get_absolute_url(), body=TEXT)

    writer_client.post(conversation.get_absolute_url(), {"body": TEXT})

    assert conversation.messages.count() == 2
    assert not Draft.objects.exists()


def test_an_edit_draft_replaces_the_posted_text_in_the_form(writer_client, writer, thread):
    post = forum_services.post_create(author=writer, thread=thread, body="Posted words")
    url = reverse("forums:post_edit", kwargs={"pk": post.pk})
    save_draft(writer_client, url, body=TEXT)

    page = writer_client.get(url).content.decode()

    assert TEXT in page and "Posted words" not in page


def test_a_quote_asked_for_is_added_after_the_draft(writer_client, thread):
    save_draft(writer_client, reply_url(thread), body=TEXT)
    opening = thread.posts.get()

    page = writer_client.get(f"{reply_url(thread)}?quote={opening.pk}").content.decode()

    assert f"{TEXT}\n\n&gt; [sam-walks wrote]" in page


# --- Saving: the script and the button ----------------------------------------------------------


def test_the_script_saves_and_gets_a_status_line(writer_client, writer, thread):
    token = place_token_from(writer_client, reply_url(thread))

    response = writer_client.post(
        reverse("drafts:save"), {"draft_place": token, "autosave": "1", "body": TEXT}
    )

    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert response.json()["status"].startswith("Draft saved (")
    assert Draft.objects.get(user=writer).place_key == f"reply:{thread.pk}"


def test_another_members_form_never_saves_into_their_drafts(writer_client, thread):
    token = place_token_from(writer_client, reply_url(thread))
    other = Client()
    other.force_login(UserFactory())

    response = other.post(
        reverse("drafts:save"), {"draft_place": token, "autosave": "1", "body": TEXT}
    )

    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_a_forged_place_is_refused(writer_client):
    forged = "eyJ1IjoxLCJwIjoicmVwbHk6MSIsInBhdGgiOiIvIn0:forged:signature"
    response = writer_client.post(
        reverse("drafts:save"), {"draft_place": forged, "autosave": "1", "body": TEXT}
    )
    assert response.status_code == 400
    assert writer_client.post(reverse("drafts:save"), {"body": TEXT}).status_code == 404
    assert not Draft.objects.exists()


def test_the_script_is_told_when_a_draft_is_too_long(writer_client, conversation):
    token = place_token_from(writer_client, conversation.get_absolute_url())
    response = writer_client.post(
        reverse("drafts:save"), {"draft_place": token, "autosave": "1", "body": "x" * 5001}
    )
    assert response.status_code == 400
    assert "too long to save" in response.json()["error"]


def test_the_button_brings_a_refused_draft_back_into_the_form(writer_client, conversation):
    long_text = "I need to say all of this. " * 200  # over the 5000-character message limit

    response = save_draft(writer_client, conversation.get_absolute_url(), body=long_text)
    assert response.status_code == 302
    assert long_text[:40] not in unquote(response["Location"])  # only a token in the URL
    page = writer_client.get(response["Location"]).content.decode()

    assert "too long to save" in page
    assert long_text.strip() in page
    assert not Draft.objects.exists()


def test_the_button_says_when_drafts_are_full(writer_client, writer, thread, monkeypatch):
    monkeypatch.setattr(services, "MAX_DRAFTS_PER_MEMBER", 1)
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, 999), fields={"body": "old"})

    response = save_draft(writer_client, reply_url(thread), body=TEXT)
    page = writer_client.get(response["Location"]).content.decode()

    assert "You already keep 1 draft" in page
    assert TEXT in page


def test_discarding_from_the_composer_empties_it(writer_client, thread):
    save_draft(writer_client, reply_url(thread), body=TEXT)
    token = place_token_from(writer_client, reply_url(thread))

    response = writer_client.post(reverse("drafts:discard_place"), {"draft_place": token})

    assert response["Location"] == reply_url(thread)
    assert not Draft.objects.exists()


# --- The Drafts page ----------------------------------------------------------------------------


def test_the_drafts_page_lists_where_each_belongs_and_discards(
    writer_client, writer, thread, conversation
):
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, thread.pk), fields={"body": TEXT})
    services.draft_save(
        user=writer, place=Place(PlaceKind.MESSAGE, conversation.pk), fields={"body": "hi"}
    )
    services.draft_save(
        user=writer,
        place=Place(PlaceKind.THREAD, thread.forum.pk),
        fields={"title": "A new thread", "body": "body"},
    )

    own = forum_services.post_create(author=writer, thread=thread, body="Posted")
    services.draft_save(user=writer, place=Place(PlaceKind.EDIT, own.pk), fields={"body": "Edit"})

    page = writer_client.get(reverse("drafts:list")).content.decode()

    assert "Edit of your post <span" in page and "in “Breathing exercises that help”" in page
    assert "to “Breathing exercises that help”" in page
    assert "to kind_ear" in page
    assert "in Anxiety &amp; panic" in page
    assert f'href="{reply_url(thread)}"' in page
    assert "A new thread" in page
    draft = Draft.objects.get(kind=PlaceKind.REPLY)
    response = writer_client.post(reverse("drafts:discard", kwargs={"pk": draft.pk}))
    assert response["Location"] == reverse("drafts:list")
    assert Draft.objects.count() == 3
    assert "to “Breathing" not in writer_client.get(reverse("drafts:list")).content.decode()


def test_a_draft_for_a_thread_since_hidden_does_not_reveal_its_title(
    writer_client, writer, forum, moderator
):
    secret = ThreadFactory(forum=forum, title="A private thread title")
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, secret.pk), fields={"body": TEXT})
    private = ForumFactory(slug="carers", visibility=ForumVisibility.PRIVATE)
    forum_services.thread_move(thread=secret, forum=private, acting_user=moderator)

    page = writer_client.get(reverse("drafts:list")).content.decode()

    assert "A private thread title" not in page
    assert "a place you can no longer reach" in page
    assert TEXT in page  # still the member's own words, to copy


def test_another_members_draft_cannot_be_discarded(writer_client, thread):
    other = UserFactory()
    draft = services.draft_save(
        user=other, place=Place(PlaceKind.REPLY, thread.pk), fields={"body": TEXT}
    )
    writer_client.post(reverse("drafts:discard", kwargs={"pk": draft.pk}))
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_the_drafts_page_has_a_constant_query_budget(
    writer_client, writer, forum, conversation, django_assert_max_num_queries
):
    def count_for_page():
        with CaptureQueriesContext(connection) as queries:
            assert writer_client.get(reverse("drafts:list")).status_code == 200
        return len(queries)

    services.draft_save(user=writer, place=Place(PlaceKind.THREAD, forum.pk), fields={"body": "x"})
    few = count_for_page()
    for n in range(8):
        thread = ThreadFactory(forum=forum, title=f"Thread {n}")
        services.draft_save(
            user=writer, place=Place(PlaceKind.REPLY, thread.pk), fields={"body": "x"}
        )
        post = forum_services.post_create(author=writer, thread=thread, body="mine")
        services.draft_save(user=writer, place=Place(PlaceKind.EDIT, post.pk), fields={"body": "y"})
    services.draft_save(
        user=writer, place=Place(PlaceKind.MESSAGE, conversation.pk), fields={"body": "z"}
    )
    services.draft_save(user=writer, place=Place(PlaceKind.NEW_MESSAGE), fields={"body": "z"})
    many = count_for_page()
    assert many <= few + 4  # one more query per kind of place, never per draft
    with django_assert_max_num_queries(12):
        writer_client.get(reverse("drafts:list"))


def test_the_settings_page_links_to_drafts(writer_client):
    assert f'href="{reverse("drafts:list")}"' in writer_client.get("/settings/").content.decode()


# --- The session ended before the post ----------------------------------------------------------


def _log_in_via(client, member, location):
    """Follow the login redirect as a browser would: log in, land where `next` says."""
    parts = urlsplit(location)
    assert parts.path == reverse("account_login")
    target = parse_qs(parts.query)["next"][0]
    response = client.post(
        reverse("account_login"),
        {"login": member.handle, "password": TEST_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("logout_kind", ["logged_out_elsewhere", "session_expired"])
def test_a_reply_sent_after_the_session_ended_comes_back_after_login(
    client, writer, thread, logout_kind
):
    client.force_login(writer)
    token = place_token_from(client, reply_url(thread))
    if logout_kind == "logged_out_elsewhere":
        client.post(reverse("account_logout"))
    else:
        client.session.flush()
        client.cookies.pop("sessionid", None)

    response = client.post(reply_url(thread), {"body": TEXT, "draft_place": token})

    assert response.status_code == 302
    assert TEXT[:20] not in unquote(response["Location"])  # the text never travels in a URL
    assert "restore=" in unquote(response["Location"])
    assert Post.objects.filter(thread=thread).count() == 1
    landing = _log_in_via(client, writer, response["Location"])
    assert landing.startswith(reply_url(thread))
    page = client.get(landing).content.decode()
    assert TEXT in page
    assert "Your text was kept while you logged in again" in page
    assert not KeptSubmission.objects.exists()
    # It is the member's draft now, and posts like any other.
    client.post(reply_url(thread), {"body": TEXT})
    assert Post.objects.filter(thread=thread, body=TEXT, author=writer).exists()
    assert not Draft.objects.exists()


def test_a_new_thread_sent_logged_out_keeps_title_and_text(client, writer, forum):
    url = reverse("forums:thread_create", kwargs={"slug": forum.slug})
    response = client.post(url, {"title": "Nights are long", "body": TEXT})

    landing = _log_in_via(client, writer, response["Location"])
    page = client.get(landing).content.decode()

    assert "Nights are long" in page and TEXT in page
    assert not Thread.objects.exists()


def test_a_message_sent_logged_out_comes_back_encrypted_in_between(client, writer, conversation):
    token = token_then_log_out(client, writer, conversation.get_absolute_url())

    response = client.post(conversation.get_absolute_url(), {"body": TEXT, "draft_place": token})

    assert b"breathing" not in bytes(KeptSubmission.objects.get().ciphertext)
    page = client.get(_log_in_via(client, writer, response["Location"])).content.decode()
    assert TEXT in page


def test_the_save_button_while_logged_out_also_keeps_the_text(client, writer, thread):
    token = token_then_log_out(client, writer, reply_url(thread))

    response = client.post(reverse("drafts:save"), {"draft_place": token, "body": TEXT})

    page = client.get(_log_in_via(client, writer, response["Location"])).content.decode()
    assert TEXT in page


def test_the_script_is_told_it_is_logged_out(client, writer, thread):
    token = token_then_log_out(client, writer, reply_url(thread))

    response = client.post(
        reverse("drafts:save"), {"draft_place": token, "autosave": "1", "body": TEXT}
    )

    assert response.status_code == 401
    assert "Your text is still here" in response.json()["error"]


def test_kept_text_does_not_follow_the_link_to_another_browser_or_member(client, writer, thread):
    token = token_then_log_out(client, writer, reply_url(thread))
    response = client.post(reply_url(thread), {"body": TEXT, "draft_place": token})
    target = parse_qs(urlsplit(response["Location"]).query)["next"][0]

    # The member's own other device finds it as their draft; nobody else finds it at all.
    phone = Client()
    phone.force_login(writer)
    assert TEXT in phone.get(reply_url(thread)).content.decode()
    stranger = Client()
    stranger.force_login(UserFactory())
    assert TEXT not in stranger.get(target).content.decode()
    someone_else = UserFactory()
    landing = _log_in_via(client, someone_else, response["Location"])
    assert TEXT not in client.get(landing).content.decode()


# --- A failed security check --------------------------------------------------------------------


def test_a_failed_security_check_offers_the_form_again_with_the_text(writer, thread):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)

    response = browser.post(
        reply_url(thread),
        {"body": TEXT, "csrfmiddlewaretoken": "stale"},
        HTTP_ORIGIN="http://testserver",
    )

    page = response.content.decode()
    assert response.status_code == 403
    assert "Please send that again" in page
    assert TEXT in page
    assert f'action="{reply_url(thread)}"' in page
    assert "Send again" in page
    assert "csrfmiddlewaretoken" in page  # a fresh token: sending again works
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_cross_site_post_is_shown_only_as_text_to_copy(writer, thread):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)

    response = browser.post(
        reply_url(thread), {"body": TEXT}, HTTP_ORIGIN="https://elsewhere.example"
    )

    page = response.content.decode()
    assert response.status_code == 403
    assert TEXT in page and "readonly" in page
    assert "Send again" not in page


def test_a_failed_security_check_never_echoes_a_password(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("account_login"),
        {"login": "someone", "password": "hunter2-secret-pass"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    assert "hunter2-secret-pass" not in response.content.decode()


def test_a_failed_security_check_on_autosave_answers_the_script(writer, thread):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)
    response = browser.post(reverse("drafts:save"), {"autosave": "1", "body": TEXT})
    assert response.status_code == 403
    assert "Your text is still here" in response.json()["error"]


# --- Export and erasure -------------------------------------------------------------------------


def test_the_export_contains_the_drafts_in_plain_text(writer, thread, conversation):
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, thread.pk), fields={"body": TEXT})
    services.draft_save(
        user=writer, place=Place(PlaceKind.MESSAGE, conversation.pk), fields={"body": "psst"}
    )

    drafts = member_data(writer)["drafts"]

    assert [(d["kind"], d["place_id"], d["body"]) for d in drafts] == [
        ("reply", thread.pk, TEXT),
        ("message", conversation.pk, "psst"),
    ]


def test_erasure_removes_drafts_and_kept_texts(writer, thread, client):
    services.draft_save(user=writer, place=Place(PlaceKind.REPLY, thread.pk), fields={"body": TEXT})
    services.kept_submission_create(
        path=reply_url(thread), fields={"body": TEXT}, owner=writer, session=client.session
    )
    other = UserFactory()
    services.draft_save(user=other, place=Place(PlaceKind.REPLY, thread.pk), fields={"body": "x"})
    erasure_request(user=writer, mode=ErasureMode.ANONYMISE)

    assert erasures_run_due(now=timezone.now() + timedelta(days=8)) == 1
    assert not Draft.objects.filter(user=writer).exists()
    assert not KeptSubmission.objects.exists()
    assert Draft.objects.filter(user=other).count() == 1


def test_a_post_arriving_as_the_suspension_ends_the_session_is_kept_as_a_draft(
    client, writer, thread, moderator, django_capture_on_commit_callbacks
):
    seed_moderation()
    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    client.force_login(writer)
    token = place_token_from(client, reply_url(thread))
    with django_capture_on_commit_callbacks(execute=True):
        member_sanction(
            member=writer,
            kind=SanctionKind.SUSPENSION,
            acting_user=moderator,
            rules=list(Rule.objects.all()[:1]),
            duration=timedelta(days=7),
        )
    client.force_login(writer)  # a session the suspension has not reached yet

    response = client.post(reply_url(thread), {"body": TEXT, "draft_place": token})

    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    fields, _saved = draft_get_for(user=writer, place=Place(PlaceKind.REPLY, thread.pk))
    assert fields == {"body": TEXT}


def test_saving_very_often_pauses_with_the_text_kept(
    writer_client, thread, monkeypatch, time_machine
):
    from drafts import ratelimits

    monkeypatch.setattr(ratelimits, "SAVE_RATE", "2/m")
    # The clock stands still: the limit counts per fixed window, which would start again if
    # its end fell between the saves.
    time_machine.move_to(timezone.now(), tick=False)
    token = place_token_from(writer_client, reply_url(thread))
    data = {"draft_place": token, "autosave": "1", "body": TEXT}
    for _ in range(2):
        assert writer_client.post(reverse("drafts:save"), data).status_code == 200

    response = writer_client.post(reverse("drafts:save"), data)

    assert response.status_code == 429
    assert "saving is paused" in response.json()["error"]
    button = save_draft(writer_client, reply_url(thread), body=f"{TEXT} and more")
    page = writer_client.get(button["Location"]).content.decode()
    assert "saving is paused" in page and f"{TEXT} and more" in page


def test_emptying_the_form_clears_the_draft_and_says_so(writer_client, writer, thread):
    save_draft(writer_client, reply_url(thread), body=TEXT)
    token = place_token_from(writer_client, reply_url(thread))

    response = writer_client.post(
        reverse("drafts:save"), {"draft_place": token, "autosave": "1", "body": ""}
    )

    assert response.json() == {
        "saved": False,
        "status": "The form is empty, so there is no draft to keep.",
    }
    assert not Draft.objects.exists()


def test_a_logged_out_post_that_cannot_be_kept_shows_the_text_to_copy(client, thread, monkeypatch):
    from drafts import ratelimits

    monkeypatch.setattr(ratelimits, "KEEP_RATE", "1/h")
    assert client.post(reply_url(thread), {"body": "first"}).status_code == 302

    response = client.post(reply_url(thread), {"body": TEXT})

    page = response.content.decode()
    assert response.status_code == 403
    assert "Nothing was sent" in page and "so this one was not" in page
    assert TEXT in page and "readonly" in page
    assert KeptSubmission.objects.count() == 1


def test_an_oversized_logged_out_post_is_shown_to_copy(client, thread):
    huge = "word " * 5000  # 25,000 characters, longer than any post

    response = client.post(reply_url(thread), {"body": huge})

    assert response.status_code == 403
    assert "longer than any post or message" in response.content.decode()
    assert huge.strip() in response.content.decode()
    assert not KeptSubmission.objects.exists()


def test_when_nothing_more_can_be_kept_the_members_draft_still_brings_it_back(
    client, writer, thread, monkeypatch
):
    from drafts import ratelimits

    monkeypatch.setattr(ratelimits, "KEEP_RATE", "1/h")
    token = token_then_log_out(client, writer, reply_url(thread))
    client.post(reply_url(thread), {"body": "an earlier one", "draft_place": token})

    response = client.post(reply_url(thread), {"body": TEXT, "draft_place": token})

    assert response.status_code == 302 and "restore=" not in unquote(response["Location"])
    assert KeptSubmission.objects.count() == 1  # the earlier one only
    client.post(reverse("account_login"), {"login": writer.handle, "password": TEST_PASSWORD})
    assert TEXT in client.get(reply_url(thread)).content.decode()
