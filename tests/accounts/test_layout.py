"""The layout's header and footer links, reversed once per process, follow the script prefix."""

import re

from django.urls import set_script_prefix

LINK_RE = re.compile(r'href="([^"]*)"')


def _links(client) -> set[str]:
    page = client.get("/privacy/")
    assert page.status_code == 200
    return set(LINK_RE.findall(page.content.decode()))


def test_links_of_a_visitors_page(client):
    links = _links(client)
    assert {"/", "/search/", "/accounts/login/", "/help/", "/rules/", "/privacy/"} <= links


def test_links_of_a_members_page(member_client):
    links = _links(member_client)
    assert {"/notifications/", "/messages/", "/bookmarks/", "/settings/"} <= links
    assert "/members/quiet_fern/" in links and "/accounts/login/" not in links


def test_links_follow_the_script_prefix_the_site_is_mounted_under(client):
    assert "/search/" in _links(client)
    set_script_prefix("/hearth/")  # as the WSGI handler does for a site under /hearth
    try:
        mounted = _links(client)
    finally:
        set_script_prefix("/")
    assert {"/hearth/", "/hearth/search/", "/hearth/privacy/"} <= mounted
    assert "/search/" not in mounted
    assert "/search/" in _links(client)
