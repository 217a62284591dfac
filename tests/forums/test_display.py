"""The per-row display helpers render exactly what the template tags they replace rendered."""

from datetime import timedelta

import pytest
import time_machine
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from forums.views.common import pagination
from forums.views.display import time_tag, url_builder


@pytest.mark.parametrize(
    ("name", "params", "values"),
    [
        ("forums:post", ("pk",), (42,)),
        ("forums:thread", ("pk", "slug"), (7, "a-slug")),
        ("accounts:profile", ("handle",), ("quiet_fern",)),
        ("accounts:profile", ("handle",), ("Ünïcode-name",)),
        ("moderation:report", ("kind", "key"), ("post", 12)),
    ],
)
def test_url_builder_matches_reverse(name, params, values):
    build = url_builder(name, *params)
    assert build(*values) == reverse(name, kwargs=dict(zip(params, values, strict=True)))


@pytest.mark.parametrize(
    "age",
    [timedelta(seconds=5), timedelta(minutes=3), timedelta(hours=5), timedelta(days=40)],
)
@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland"])
def test_time_tag_matches_the_time_partial(age, zone):
    with time_machine.travel(timezone.now(), tick=False), timezone.override(zone):
        value = timezone.now() - age
        expected = Template('{% include "forums/_time.html" with t=value %}').render(
            Context({"value": value})
        )
        assert time_tag(value) == expected


def test_time_tag_follows_the_language():
    value = timezone.now() - timedelta(days=3)
    with translation.override("en"):
        english = time_tag(value)
    with translation.override("fr"):
        french = time_tag(value)
        expected = Template('{% include "forums/_time.html" with t=value %}').render(
            Context({"value": value})
        )
    assert french == expected
    assert english != french


@pytest.mark.parametrize("query", ["", "?page=3", "?page=3&q=a%20b&x=1&x=2"])
def test_pagination_links_match_querystring(query):
    request = RequestFactory().get(f"/t/1/slug/{query}")
    shown = pagination(request, 3, 9)
    expected = {
        n: Template("{% querystring page=n %}").render(RequestContext(request, {"n": n}))
        for n in range(1, 10)
    }
    for link in shown["links"]:
        if link is not None:
            assert link["href"] == expected[link["number"]].replace("&amp;", "&")
    assert shown["previous_href"] == expected[2].replace("&amp;", "&")
    assert shown["next_href"] == expected[4].replace("&amp;", "&")


def test_single_page_has_no_links(rf):
    assert pagination(rf.get("/"), 1, 1)["links"] == []
