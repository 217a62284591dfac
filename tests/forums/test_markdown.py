"""Markdown rendering and the one sanitiser, against hand-written and public hostile payloads."""

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from forums.markdown import (
    LINK_REL,
    mention_candidates,
    quote_markdown,
    render_markdown,
    sanitize_html,
)

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "img"}
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}


class _Inspector(HTMLParser):
    """Collect every tag and attribute in the sanitised output, as a browser would parse it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "style":
                self.problems.append(f"{tag} style=")
            if name in URL_ATTRIBUTES and value:
                compact = "".join(value.split()).lower()
                if compact.startswith(FORBIDDEN_SCHEMES):
                    self.problems.append(f"{tag} {name}={value[:40]}")

    handle_startendtag = handle_starttag


def _problems(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def _eval_dir() -> Path:
    default = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
    return Path(os.environ.get("HEARTH_EVAL_DIR", default))


def test_sanitiser_neutralises_every_public_xss_payload():
    path = _eval_dir() / "xss" / "payloadbox-xss.txt"
    if not path.exists():
        pytest.skip(f"XSS payload list not found at {path} (set HEARTH_EVAL_DIR)")
    payloads = path.read_text(encoding="utf-8", errors="replace").splitlines()
    assert len(payloads) > 6000
    failures = []
    for line in payloads:
        for html in (sanitize_html(line), render_markdown(line).html):
            found = _problems(html)
            if found or "<script" in html.lower():
                failures.append((line[:80], found))
    assert failures == []


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://example.org></iframe>",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        "<form action=https://evil.example><input name=p></form>",
        '[x](https://example.org "a" onclick=alert(1))',
        "<details open ontoggle=alert(1)>",
        "``<script>`` and `<b onmouseover=alert(1)>`",
        "<<script>script>alert(1)<</script>/script>",
    ],
)
def test_hostile_markdown_renders_harmless(markdown):
    html = render_markdown(markdown).html
    assert _problems(html) == []
    assert "<script" not in html.lower()


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("<b>bold</b>").html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_links_get_rel_nofollow_ugc_noopener_noreferrer():
    html = render_markdown("[a site](https://example.org)").html
    assert f'rel="{LINK_REL}"' in html
    assert 'href="https://example.org"' in html


def test_mailto_links_are_kept_and_other_schemes_dropped():
    html = render_markdown("[mail](mailto:a@example.org) [ftp](ftp://example.org/x)").html
    assert 'href="mailto:a@example.org"' in html
    assert "ftp://" not in html.replace("[ftp](ftp://example.org/x)", "")


def test_images_render_as_links_never_as_img():
    html = render_markdown("![a calm lake](https://example.org/lake.jpg)").html
    assert "<img" not in html
    assert '<a href="https://example.org/lake.jpg"' in html
    assert "a calm lake" in html


def test_headings_do_not_break_the_page_outline():
    html = render_markdown("# Big news").html
    assert "<h1" not in html
    assert "<strong>Big news</strong>" in html


def test_tables_and_strikethrough_render():
    html = render_markdown("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~").html
    assert "<table>" in html and "<td>2</td>" in html
    assert "<s>old</s>" in html
    assert "style=" not in html


def test_mentions_link_existing_members_only():
    rendered = render_markdown(
        "hi @Quiet_Fern and @nobody_here", members={"quiet_fern": "quiet_fern"}
    )
    assert '<a class="mention" href="/members/quiet_fern/"' in rendered.html
    assert "@nobody_here" in rendered.html
    assert rendered.mentioned == {"quiet_fern"}


def test_email_addresses_are_not_mentions():
    assert mention_candidates("write to fern@example.org") == set()
    assert mention_candidates("thanks @quiet_fern!") == {"quiet_fern"}


def test_mentions_inside_links_and_code_stay_plain():
    members = {"quiet_fern": "quiet_fern"}
    rendered = render_markdown("[@quiet_fern](https://example.org) `@quiet_fern`", members=members)
    assert 'class="mention"' not in rendered.html


def test_sanitiser_keeps_only_our_mention_class():
    html = sanitize_html('<a class="btn danger" href="https://example.org">x</a>')
    assert "class=" not in html


def test_quote_markdown_is_a_linked_blockquote():
    quoted = quote_markdown(text="line one\n\nline two", handle="morningtea", url="/p/7/")
    assert quoted.startswith("> [morningtea wrote](/p/7/):")
    assert "> line one\n>\n> line two" in quoted
    html = render_markdown(quoted).html
    assert "<blockquote>" in html


def test_sanitising_from_many_threads_at_once_gives_each_the_same_safe_html():
    """The web server runs threads; a cleaner shared between them mixes their documents."""
    import threading

    documents = [
        f'<p>post {n} <a href="https://example.org/{n}">link</a> <script>x{n}()</script>'
        f"<em>{'word ' * (n % 40)}</em></p>" * 3
        for n in range(64)
    ]
    expected = [sanitize_html(document) for document in documents]
    mismatches = []
    start = threading.Barrier(8)

    def clean_all(offset: int) -> None:
        start.wait()
        for round_ in range(20):
            for index in range(len(documents)):
                n = (index + offset + round_) % len(documents)
                if sanitize_html(documents[n]) != expected[n]:
                    mismatches.append(n)

    threads = [threading.Thread(target=clean_all, args=(offset,)) for offset in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert mismatches == []
    assert all("<script" not in html for html in expected)
