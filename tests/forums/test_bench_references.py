"""The benchmark's two references serve the same posts as the thread page's first page.

bench/web_bench.py and bench/cpu_cost.py compare every page against a bare Django project
(bench/bare/) and a plain template inside Hearth's stack (forums/bench_views.py). A ratio means
something only if both references list the same 20 posts, in the same order, with the same
authors: a reference that read more or fewer rows would flatter or wrong every page.
"""

import re

import pytest
from django.db import connection

from bench.bare.urls import POSTS_SQL
from forums.bench_views import plain_template
from forums.models import Post
from tests.factories import PostFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_thread():
    """A thread of 26 posts by two members, so posts 21–26 must be left out."""
    thread = ThreadFactory()
    other = UserFactory(trust_level="member")
    for number in range(25):
        PostFactory(thread=thread, author=other if number % 2 else thread.author)
    return thread


def test_bare_reference_lists_posts_1_to_20_in_order_with_their_authors(long_thread):
    with connection.cursor() as cursor:
        cursor.execute(POSTS_SQL, [long_thread.pk])
        rows = cursor.fetchall()

    expected = list(
        Post.objects.filter(thread=long_thread, position__lte=20)
        .order_by("position")
        .values_list("pk", "position", "author__handle")
    )
    assert len(expected) == 20
    assert [(pk, position, handle) for pk, position, _at, _html, handle in rows] == expected


def test_both_references_list_the_same_posts_in_the_same_order(long_thread, rf):
    with connection.cursor() as cursor:
        cursor.execute(POSTS_SQL, [long_thread.pk])
        bare_ids = [row[0] for row in cursor.fetchall()]

    response = plain_template(rf.get("/bench/template/", {"thread": long_thread.pk}))

    assert response.status_code == 200
    in_stack_ids = [
        int(pk) for pk in re.findall(r'<article id="post-(\d+)">', response.content.decode())
    ]
    assert len(bare_ids) == 20
    assert in_stack_ids == bare_ids
