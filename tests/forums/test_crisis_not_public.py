"""Distress is not public: crisis posts wait for review behind a placeholder for visitors and
search engines, robots.txt and noindex keep members' pages out of search, and the
personal-information warning names who can really read a forum."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import Profile
from core.errors import NeedsConfirmation
from forums import selectors, services
from forums.enums import ForumVisibility
from forums.models import ForumAccess, Post, Thread
from moderation import services as moderation_services
from moderation.enums import CaseOutcome, EvidenceOutcome
from moderation.models import Case, ModeratorAssignment, SiteSettings
from tests.factories import ForumFactory, PostFactory, ThreadFactory

CRISIS = "I want to die, I have the pills ready for tonight."


@pytest.fixture
def crisis_post(thread, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # screened, as a worker would
        return PostFactory(thread=thread, author=member, body=CRISIS)


def test_visitors_see_a_placeholder_for_a_crisis_post_until_a_moderator_reviews_it(
    client, member, other_member, crisis_post, moderator
):
    assert Post.objects.get(pk=crisis_post.pk).is_crisis_review_pending
    page = client.get(crisis_post.thread.get_absolute_url()).content.decode()
    assert "waiting for a moderator’s review" in page and "pills ready" not in page

    client.force_login(other_member)
    assert "pills ready" in client.get(crisis_post.thread.get_absolute_url()).content.decode()

    ModeratorAssignment.objects.create(moderator=moderator, forum=None)
    case = Case.objects.get(evidence__post=crisis_post)
    moderation_services.crisis_case_resolve(
        case=case,
        acting_user=moderator,
        outcome=CaseOutcome.REACHED_SAFE,
        evidence_outcomes={case.evidence.get().pk: EvidenceOutcome.SUPPORTED},
    )
    client.logout()
    assert "pills ready" in client.get(crisis_post.thread.get_absolute_url()).content.decode()


def test_search_does_not_show_visitors_a_crisis_post_waiting_for_review(
    client, other_member, crisis_post
):
    # The query word is highlighted in results (PostgreSQL): look for the words after it.
    visitor = client.get(reverse("forums:search"), {"q": "pills"}).content.decode()
    assert "ready for tonight" not in visitor
    client.force_login(other_member)
    member = client.get(reverse("forums:search"), {"q": "pills"}).content.decode()
    assert "ready for tonight" in member


def test_the_queryset_rule_and_the_predicate_agree(client, crisis_post, member):
    for viewer in (AnonymousUser(), member):
        readable = set(selectors.post_list_readable_by(viewer).values_list("pk", flat=True))
        for post in Post.objects.all():
            assert (post.pk in readable) == selectors.can_read_post_body(viewer, post), viewer


def test_robots_txt_keeps_profiles_and_members_only_forums_out(client, forum, members_forum):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /members/" in text
    assert f"Disallow: /f/{members_forum.slug}/" in text
    assert f"Disallow: /f/{forum.slug}/" not in text
    site = SiteSettings.load()
    site.robots_policy = "nothing"
    site.save()
    assert client.get("/robots.txt").content.decode() == "User-agent: *\nDisallow: /\n"


def test_members_only_pages_and_profiles_send_noindex(client, members_forum, author, member):
    thread = ThreadFactory(forum=members_forum, author=author, title="Just us")
    client.force_login(member)

    assert client.get(thread.get_absolute_url())["X-Robots-Tag"] == "noindex"
    assert client.get(members_forum.get_absolute_url())["X-Robots-Tag"] == "noindex"
    assert client.get(f"/members/{author.handle}/")["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in client.get(reverse("forums:index"))


@pytest.mark.parametrize(
    ("visibility", "audience"),
    [
        (ForumVisibility.PUBLIC, "can be read by anyone on the internet"),
        (ForumVisibility.MEMBERS, "visible to every member"),
        (ForumVisibility.PRIVATE, "visible to the members of this forum"),
    ],
)
def test_the_personal_information_warning_names_the_forums_audience(author, visibility, audience):
    forum = ForumFactory(visibility=visibility)
    ForumAccess.objects.create(forum=forum, user=author)
    thread = ThreadFactory(forum=forum, author=author)

    with pytest.raises(NeedsConfirmation) as asked:
        services.post_create(thread=thread, author=author, body="Call me on 07700 900123 tonight")

    assert audience in asked.value.message


CRISIS_TITLE = "Marigold, my last night here"


@pytest.fixture
def crisis_thread(forum, member, other_member, django_capture_on_commit_callbacks):
    """A thread whose opening post carries a crisis signal (screened, as a worker would), with
    an ordinary reply that visitors may read and find."""
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(author=member, forum=forum, title=CRISIS_TITLE, body=CRISIS)
        services.post_create(author=other_member, thread=thread, body="Sending a lantern your way.")
    # The replier lists their posts on their profile (to members: visitors never see the list).
    Profile.objects.filter(user=other_member).update(posts_visibility="members")
    return thread


def _pages(client, thread, reply_author):
    """What a reader gets on every page that names a thread, redirects followed."""
    pages = {
        "index": client.get(reverse("forums:index")),
        "forum": client.get(thread.forum.get_absolute_url()),
        "thread": client.get(thread.get_absolute_url(), follow=True),
        "thread without slug": client.get(f"/t/{thread.pk}/", follow=True),
        "permalink": client.get(reverse("forums:post", args=[thread.last_post_id]), follow=True),
        "search": client.get(reverse("forums:search"), {"q": "lantern"}),
        "profile": client.get(reverse("accounts:profile", args=[reply_author.handle])),
    }
    texts = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        hops = " ".join(url for url, _status in getattr(response, "redirect_chain", []))
        texts[name] = response.content.decode() + hops
    return texts


def test_a_visitor_never_reads_the_title_of_a_thread_awaiting_crisis_review(
    client, crisis_thread, other_member
):
    assert crisis_thread.is_crisis_review_pending

    for name, text in _pages(client, crisis_thread, other_member).items():
        assert "Marigold" not in text and "marigold" not in text, name
        if name != "profile":  # a visitor sees no list of posts there at all
            assert "A post awaiting review" in text, name


def test_members_still_read_the_title_of_a_thread_awaiting_crisis_review(
    client, crisis_thread, other_member
):
    client.force_login(other_member)

    for name, text in _pages(client, crisis_thread, other_member).items():
        assert CRISIS_TITLE in text, name


def resolve_published(thread, moderator) -> None:
    """A moderator reviews the thread's crisis case: reached safe, every item published."""
    case = Case.objects.get(evidence__post__thread=thread)
    moderation_services.crisis_case_resolve(
        case=case,
        acting_user=moderator,
        outcome=CaseOutcome.REACHED_SAFE,
        evidence_outcomes={item.pk: EvidenceOutcome.PUBLISHED for item in case.evidence.all()},
    )


def test_the_title_is_public_again_once_a_moderator_reviews_the_opening_post(
    client, crisis_thread, other_member, global_moderator
):
    resolve_published(crisis_thread, global_moderator)

    for name, text in _pages(client, crisis_thread, other_member).items():
        if name != "profile":
            assert CRISIS_TITLE in text, name


def test_a_crisis_reply_leaves_the_title_public(client, thread, member, other_member):
    services.post_create(author=other_member, thread=thread, body="Sending a lantern your way.")
    services.post_create(author=member, thread=thread, body=CRISIS)

    assert not Thread.objects.get(pk=thread.pk).is_crisis_review_pending
    for name, text in _pages(client, thread, other_member).items():
        if name != "profile":
            assert thread.title in text, name


def test_the_migration_marks_threads_whose_opening_post_awaits_review(thread, member):
    migration = import_module("forums.migrations.0014_thread_crisis_review_pending")
    other = ThreadFactory(forum=thread.forum, author=member)
    reply = PostFactory(thread=other, author=member)
    # As before the migration: only the posts carried the flag.
    Post.objects.filter(thread=thread, position=1).update(is_crisis_review_pending=True)
    Post.objects.filter(pk=reply.pk).update(is_crisis_review_pending=True)

    migration.backfill(apps, None)

    assert Thread.objects.get(pk=thread.pk).is_crisis_review_pending
    assert not Thread.objects.get(pk=other.pk).is_crisis_review_pending


def test_the_placeholder_address_is_never_cached_for_good_nor_indexed(
    client, crisis_thread, global_moderator
):
    real = crisis_thread.get_absolute_url()
    placeholder = reverse("forums:thread", args=[crisis_thread.pk, "awaiting-review"])

    to_placeholder = client.get(real)
    assert (to_placeholder.status_code, to_placeholder["Location"]) == (302, placeholder)
    assert client.get(placeholder)["X-Robots-Tag"] == "noindex"

    resolve_published(crisis_thread, global_moderator)
    # Reviewed: the placeholder's address leads back (a visitor's browser may have kept the
    # first redirect), and the real one is indexable again.
    back = client.get(placeholder)
    assert (back.status_code, back["Location"]) == (302, real)
    assert "X-Robots-Tag" not in client.get(real)
