import logging
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

import core.tasks
from core.enums import ScreeningState
from core.errors import PostingRefused
from forums import services as forum_services
from forums.enums import PostStatus
from forums.models import Post
from forums.tasks import fan_out_notifications
from moderation import screening, services, tasks
from moderation.enums import CasePriority, CaseSource, ScreeningVerdict
from moderation.models import Case, ForumScreeningSettings, ScreeningResult, WatchedWord
from moderation.screening import engine
from tests.factories import PostFactory, UserFactory

CRISIS_TEXT = "I have the pills ready and I am going to take them all tonight. Goodbye everyone."
PHONE_TEXT = "Text me any time on +44 7700 900123, happy to talk."


def reply_url(thread):
    return reverse("forums:reply", kwargs={"pk": thread.pk})


def screen(post):
    return services.post_screen(post_id=post.pk, revision=post.revision)


def test_a_blocked_word_returns_the_form_with_the_text_intact(client, thread, member):
    WatchedWord.objects.create(pattern="buy followers", kind="phrase", action="block")
    client.force_login(member)
    text = "Honestly, just buy followers, it helps."

    response = client.post(reply_url(thread), {"body": text})

    assert response.status_code == 200
    page = response.content.decode()
    assert "can’t be posted as written" in page
    assert text in page
    assert Post.objects.filter(thread=thread).count() == 1


def test_watched_words_survive_zero_width_and_homoglyph_evasion(thread, member):
    WatchedWord.objects.create(pattern="scamcoin", action="block")
    with pytest.raises(PostingRefused):
        PostFactory(thread=thread, author=member, body="try sc\u200bаmcoin now")  # Cyrillic а


def test_personal_information_asks_the_author_to_confirm_first(client, thread, member):
    client.force_login(member)

    first = client.post(reply_url(thread), {"body": PHONE_TEXT})

    page = first.content.decode()
    assert "This looks like a phone number" in page
    assert 'type="checkbox" name="confirm_personal_info"' in page
    assert PHONE_TEXT in page
    assert Post.objects.filter(thread=thread).count() == 1

    second = client.post(reply_url(thread), {"body": PHONE_TEXT, "confirm_personal_info": "on"})
    assert second.status_code == 302
    assert Post.objects.filter(thread=thread, body=PHONE_TEXT).exists()


def test_crisis_language_is_published_and_the_author_sees_help_next(client, thread, member):
    client.force_login(member)

    response = client.post(reply_url(thread), {"body": CRISIS_TEXT}, follow=True)

    page = response.content.decode()
    assert "You don’t have to carry it alone" in page
    assert 'href="/help/"' in page
    post = Post.objects.get(body=CRISIS_TEXT)
    assert post.status == PostStatus.PUBLISHED
    assert "You don’t have to carry it alone" not in client.get("/").content.decode()


def test_watched_replace_rewrites_the_text_before_saving(thread, member):
    WatchedWord.objects.create(pattern="idiot", action="replace", replacement="[kind words]")
    post = PostFactory(thread=thread, author=member, body="Do not listen to that idiot.")
    assert post.body == "Do not listen to that [kind words]."


def test_eating_disorder_numbers_need_a_content_warning_when_the_forum_says_so(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, eating_disorder_numbers="require_cw")
    text = "I am down to 89 lbs and eating 800 calories a day."
    with pytest.raises(PostingRefused, match="content warning"):
        PostFactory(thread=thread, author=member, body=text)
    post = PostFactory(thread=thread, author=member, body=text, content_warning="numbers")
    assert post.content_warning == "numbers"


def test_screening_is_enqueued_after_commit_with_ids_only(
    thread, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = PostFactory(thread=thread, author=member, body="Thinking of you all.")
    screening = [c for c in callbacks if c.task_name == "moderation.screen_post"]
    assert len(screening) == 1
    assert screening[0].task_args == (post.pk, post.revision)
    assert post.screening_state == ScreeningState.PENDING


def test_crisis_language_heard_at_posting_is_screened_on_the_crisis_queue(
    thread, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        crisis = PostFactory(thread=thread, author=member, body=CRISIS_TEXT)
        ordinary = PostFactory(thread=thread, author=member, body="Thinking of you all.")
    options = {
        cb.task_args: cb.task_options
        for cb in callbacks
        if cb.task_name == "moderation.screen_post"
    }
    assert options[(crisis.pk, crisis.revision)] == {"queue": "crisis"}
    assert options[(ordinary.pk, ordinary.revision)] == {}  # its route: the screening queue


def test_screening_a_revision_twice_stores_one_result(post):
    first = screen(post)
    second = screen(post)
    assert first.pk == second.pk
    assert ScreeningResult.objects.count() == 1
    post.refresh_from_db()
    assert post.screening_state == ScreeningState.SCREENED


def test_an_edit_is_screened_as_a_new_revision_and_old_tasks_are_skipped(post):
    old_revision = post.revision
    forum_services.post_edit(post=post, editor=post.author, body=CRISIS_TEXT)
    post.refresh_from_db()

    assert services.post_screen(post_id=post.pk, revision=old_revision) is None
    result = screen(post)
    assert result.verdict == ScreeningVerdict.CRISIS
    case = Case.objects.get(evidence__post=post)
    assert case.priority == CasePriority.CRISIS
    assert case.evidence.get().kind == "edit"


def test_crisis_case_tops_the_queue_and_the_post_stays_up_by_default(thread, member):
    post = PostFactory(thread=thread, author=member, body=CRISIS_TEXT)
    screen(post)
    post.refresh_from_db()
    case = Case.objects.get(evidence__post=post)
    assert (case.priority, case.source) == (CasePriority.CRISIS, CaseSource.SCREENING)
    assert case.member == member
    assert post.status == PostStatus.PUBLISHED


def test_forums_can_hold_crisis_posts_for_review(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, crisis_policy="hold")
    post = PostFactory(thread=thread, author=member, body=CRISIS_TEXT)
    screen(post)
    post.refresh_from_db()
    assert post.status == PostStatus.HELD


def test_hate_is_held_and_insults_are_flagged(thread, member):
    insult = PostFactory(thread=thread, author=member, body="@morningtea you are a pathetic idiot")
    screen(insult)
    insult.refresh_from_db()
    assert insult.status == PostStatus.PUBLISHED
    assert Case.objects.get(post=insult).source == CaseSource.SCREENING

    WatchedWord.objects.create(pattern="vermin", action="hold")
    held = PostFactory(thread=thread, author=UserFactory(), body="Those people are vermin.")
    screen(held)
    held.refresh_from_db()
    assert held.status == PostStatus.HELD


def test_forums_that_require_screening_publish_only_after_a_clean_pass(thread, member):
    ForumScreeningSettings.objects.create(forum=thread.forum, hold_until_screened=True)
    post = PostFactory(thread=thread, author=member, body="Small win: I went outside today.")
    assert post.status == PostStatus.HELD
    screen(post)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_broker_outage_keeps_the_post_and_the_sweeper_enqueues_it_later(
    client, thread, member, monkeypatch, settings, django_capture_on_commit_callbacks, caplog
):
    attempts = []

    def broker_down(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    # Through Django's settings, which the Celery app reads on each access: an item set on
    # `app.conf` itself would outlive the test and turn eager mode off for every later one.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(core.tasks, "_broker_rests_until", 0.0)
    monkeypatch.setattr(tasks.screen_post, "apply_async", broker_down)
    monkeypatch.setattr(fan_out_notifications, "apply_async", broker_down)
    client.force_login(member)
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        for text in ("Posting while Redis is down.", "And again, a moment later."):
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(reply_url(thread), {"body": text})
            # The member is told nothing went wrong: the usual redirect to their post.
            assert response.status_code == 302
    posts = list(
        Post.objects.filter(
            thread=thread, body__in=["Posting while Redis is down.", "And again, a moment later."]
        )
    )
    assert [post.screening_state for post in posts] == [ScreeningState.PENDING] * 2
    # One refusal; the next enqueues, moments later, did not make the member wait for another.
    assert len(attempts) == 1
    assert "its sweeper will send it" in caplog.text
    assert "Posting while" not in caplog.text  # ids only in the log, never the text

    enqueued = []
    monkeypatch.setattr(tasks.screen_post, "delay", lambda *args: enqueued.append(args))
    monkeypatch.setattr(fan_out_notifications, "delay", lambda *args: enqueued.append(args))
    assert tasks.sweep_unscreened_posts() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert tasks.sweep_unscreened_posts() >= 2
    for post in posts:
        assert (post.pk, post.revision) in enqueued
        assert (post.pk,) in enqueued  # its notifications, lost with it


def test_failing_screening_retries_then_holds_with_a_visible_case(post, monkeypatch, caplog):
    calls = []

    def broken(**kwargs):
        calls.append(kwargs)
        raise RuntimeError(post.body)

    monkeypatch.setattr(services, "post_screen", broken)
    caplog.set_level(logging.ERROR)
    task = tasks.screen_post._get_current_object()

    class RetryRequested(Exception):
        pass

    def fake_retry(exc, countdown):
        return RetryRequested(countdown)

    monkeypatch.setattr(task, "retry", fake_retry)
    for attempt in range(task.max_retries):
        task.push_request(retries=attempt)
        try:
            with pytest.raises(RetryRequested, match=str(min(600, 10 * 2**attempt))):
                task.run(post.pk, post.revision)
        finally:
            task.pop_request()
    assert not ScreeningResult.objects.exists()

    task.push_request(retries=task.max_retries)
    try:
        task.run(post.pk, post.revision)
    finally:
        task.pop_request()

    assert len(calls) == 1 + tasks.screen_post.max_retries
    post.refresh_from_db()
    result = ScreeningResult.objects.get(post=post)
    assert result.verdict == ScreeningVerdict.FAILED
    assert post.status == PostStatus.HELD
    assert post.screening_state == ScreeningState.FAILED
    assert Case.objects.get(post=post).screenings.get() == result
    assert post.body not in caplog.text
    assert "RuntimeError" in caplog.text


def test_a_screener_that_raises_holds_the_post_without_logging_its_text(post, monkeypatch):
    def explode(job):
        raise ValueError(job.norm.original)

    broken = engine.Screener("abuse", "test", explode)
    monkeypatch.setattr(engine, "FULL_SCREENERS", (*engine.FULL_SCREENERS[:-2], broken))
    monkeypatch.setattr(engine.screen, "__defaults__", None, raising=False)
    original = screening.screen
    monkeypatch.setattr(
        screening,
        "screen",
        lambda text, context, rules: original(
            text, context, rules, screeners=(*engine.FULL_SCREENERS[:-2], broken)
        ),
    )

    result = screen(post)

    post.refresh_from_db()
    assert result.verdict == ScreeningVerdict.FAILED
    assert post.status == PostStatus.HELD
    error = next(s for s in result.signals if s["label"] == "screening.error")
    assert error["explanation"] == "ValueError"


def test_case_page_shows_the_evidence_with_the_match_highlighted(
    client, thread, member, global_moderator
):
    post = PostFactory(thread=thread, author=member, body=CRISIS_TEXT)
    screen(post)
    client.force_login(global_moderator)

    page = client.get(
        reverse("admin:moderation_case_change", args=[Case.objects.get(evidence__post=post).pk])
    ).content.decode()

    assert "Screening evidence" in page
    assert "<mark>" in page
    assert "crisis" in page


def test_a_catastrophic_regex_is_refused_in_the_console(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("admin:moderation_watchedword_add"),
        {
            "pattern": "(a+)+$",
            "kind": "regex",
            "action": "flag",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert not WatchedWord.objects.exists()


def test_the_console_test_box_shows_what_a_rule_matches(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("admin:moderation_watchedword_add"),
        {
            "pattern": "pro-ana",
            "kind": "phrase",
            "action": "hold",
            "is_active": "on",
            "sample_text": "Looking for pro-ana tips",
            "_continue": "1",
        },
        follow=True,
    )
    assert "The rule matches: “pro-ana”" in response.content.decode()
