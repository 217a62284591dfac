"""The rows built in Python (forums/views/rows.py) escape every field once: hostile forum
names, descriptions, titles, content warnings, moderator notes, removal notices and handles
show as the text they are, never as markup, and never escaped twice."""

import os
from pathlib import Path

import pytest
from django.utils.html import escape

from accounts.validators import HANDLE_MAX_LENGTH
from forums import services
from forums.enums import ForumVisibility
from tests.factories import ForumFactory, UserFactory

PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "'; a=1 & b=<b>&amp;</b>",
]
# The shared labelled data (HEARTH_EVAL_DIR, else beside the checkout or the worktrees).
_HERE = Path(__file__).resolve()
SHARED = next(
    (
        base / "xss" / "payloadbox-xss.txt"
        for base in (
            Path(os.environ.get("HEARTH_EVAL_DIR", "/nonexistent")),
            _HERE.parents[3] / "shared" / "eval",
            _HERE.parents[4] / "shared" / "eval",
        )
        if (base / "xss" / "payloadbox-xss.txt").exists()
    ),
    Path("/nonexistent"),
)


def _payloads():
    """Our own payloads, and a sample of the shared XSS list when it is on this machine."""
    found = list(PAYLOADS)
    if SHARED.exists():
        lines = [line for line in SHARED.read_text(errors="replace").splitlines() if line.strip()]
        found += lines[:: max(1, len(lines) // 12)][:12]
    return [payload[:60] for payload in found]


def _assert_escaped_once(html: str, text: str):
    assert text not in html or escape(text) == text, f"raw: {text!r}"
    assert escape(text) in html, f"missing or escaped twice: {text!r}"
    assert escape(escape(text)) not in html or escape(text) == text


@pytest.mark.parametrize("payload", _payloads())
def test_hostile_text_in_every_row_field_shows_as_text(client, payload, global_moderator):
    forum = ForumFactory(name=f"F {payload}", description=f"D {payload}", slug="hostile")
    # Sign-up allows no markup in handles; an older or imported one is escaped all the same
    # (without "/", which no profile address can hold).
    handle = f"h{payload}".replace("/", "")[:HANDLE_MAX_LENGTH]
    author = UserFactory(handle=handle, trust_level="member")
    reader = UserFactory(handle="reader", trust_level="member")
    thread = services.thread_create(
        author=author,
        forum=forum,
        title=f"T {payload}",
        body="Just words.",
        content_warning=f"CW {payload}",
    )
    reply = services.post_create(author=author, thread=thread, body="More words.")
    services.post_edit_as_moderator(
        post=reply,
        acting_user=global_moderator,
        body="More words, edited.",
        content_warning="",
        moderator_note=f"N {payload}",
    )
    removed = services.post_create(author=author, thread=thread, body="Gone soon.")
    services.post_remove(post=removed, acting_user=global_moderator, notice=f"R {payload}")

    client.force_login(reader)
    index = client.get("/").content.decode()
    _assert_escaped_once(index, f"F {payload}")
    _assert_escaped_once(index, f"D {payload}")
    forum_page = client.get(forum.get_absolute_url()).content.decode()
    _assert_escaped_once(forum_page, f"T {payload}")
    _assert_escaped_once(forum_page, handle)
    page = client.get(thread.get_absolute_url()).content.decode()
    _assert_escaped_once(page, f"CW {payload}")
    _assert_escaped_once(page, f"N {payload}")
    _assert_escaped_once(page, handle)

    # The author reads the moderator's removal notice on their own removed post.
    client.force_login(author)
    _assert_escaped_once(client.get(thread.get_absolute_url()).content.decode(), f"R {payload}")


def test_labels_with_apostrophes_are_escaped_once(client, forum_with_held_post):
    _forum, thread = forum_with_held_post
    client.force_login(thread.author)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Waiting for a moderator&#x27;s review" in html
    assert "&amp;#x27;" not in html


@pytest.fixture
def forum_with_held_post(db):
    forum = ForumFactory(visibility=ForumVisibility.PUBLIC, is_new_member_post_held=True)
    newcomer = UserFactory(trust_level="new")
    thread = services.thread_create(author=newcomer, forum=forum, title="Hello", body="Hi all")
    return forum, thread
