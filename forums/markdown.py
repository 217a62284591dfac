"""Markdown in, safe HTML out: render once at write time, sanitise with ONE function.

Members write CommonMark (plus tables and strikethrough) with raw HTML disabled. Whatever the
renderer produces then passes `sanitize_html`, the single allowlist every stored post goes
through, so a renderer bug cannot smuggle markup past it. Images are never embedded (a remote
image would be a third-party request that leaks readers' addresses): they render as links.
"""

import re
import threading
from dataclasses import dataclass, field

import bleach
from bleach.html5lib_shim import Filter
from django.urls import reverse
from django.utils.html import escape
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

LINK_REL = "nofollow ugc noopener noreferrer"
ALLOWED_TAGS = frozenset(
    {
        "a", "blockquote", "br", "code", "del", "em", "hr", "li", "ol", "p", "pre", "s",
        "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "class"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MENTION_RE = re.compile(r"(?<![\w@.-])@([A-Za-z0-9_-]{3,30})(?![\w-])")
_HANDLE_AT_RE = re.compile(r"[A-Za-z0-9_-]{3,30}(?![\w-])")


class _LinkRelFilter(Filter):
    """Give every link the same rel, and keep only our own class on links."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attrs = dict(token["data"])
                attrs[(None, "rel")] = LINK_REL
                if attrs.get((None, "class")) != "mention":
                    attrs.pop((None, "class"), None)
                token["data"] = attrs
            yield token


# A bleach Cleaner keeps its HTML parser's state between calls, so it is not thread-safe: the
# web server runs threads (config/gunicorn.conf.py), and each gets a cleaner of its own.
_per_thread = threading.local()


def _cleaner() -> bleach.Cleaner:
    cleaner = getattr(_per_thread, "cleaner", None)
    if cleaner is None:
        cleaner = _per_thread.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[_LinkRelFilter],
        )
    return cleaner


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the post allowlist: the only sanitiser for member content."""
    return _cleaner().clean(html)


def _mention_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "@" or state.linkLevel > 0:
        return False
    if pos > 0 and (state.src[pos - 1].isalnum() or state.src[pos - 1] in "_-.@"):
        return False
    match = _HANDLE_AT_RE.match(state.src, pos + 1)
    members = state.env.get("members", {})
    if not match or match.group(0).casefold() not in members:
        return False
    if not silent:
        token = state.push("mention", "", 0)
        token.meta = {"handle": members[match.group(0).casefold()]}
        state.env.setdefault("mentioned", set()).add(token.meta["handle"])
    state.pos = match.end()
    return True


def _render_mention(self, tokens, idx, options, env) -> str:
    handle = tokens[idx].meta["handle"]
    href = reverse("accounts:profile", kwargs={"handle": handle})
    return f'<a class="mention" href="{escape(href)}">@{escape(handle)}</a>'


def _render_image_as_link(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or token.attrGet("src")
    return f'<a href="{escape(token.attrGet("src") or "")}">{escape(alt)}</a>'


def _render_heading_open(self, tokens, idx, options, env) -> str:
    # Post headings would break the page's heading outline; show them as bold paragraphs.
    return "<p><strong>"


def _render_heading_close(self, tokens, idx, options, env) -> str:
    return "</strong></p>\n"


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.inline.ruler.before("emphasis", "mention", _mention_rule)
    md.add_render_rule("mention", _render_mention)
    md.add_render_rule("image", _render_image_as_link)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("heading_close", _render_heading_close)
    return md


_parser = _build_parser()


@dataclass
class Rendered:
    html: str
    mentioned: set[str] = field(default_factory=set)


def mention_candidates(text: str) -> set[str]:
    """Return the handles `text` appears to mention (not yet checked against members)."""
    return {match.group(1) for match in MENTION_RE.finditer(text)}


def render_markdown(text: str, *, members: dict[str, str] | None = None) -> Rendered:
    """Render Markdown to sanitised HTML; `members` maps casefolded handle → handle to link."""
    env: dict = {"members": members or {}}
    html = _parser.render(text, env)
    return Rendered(html=sanitize_html(html), mentioned=set(env.get("mentioned", set())))


def quote_markdown(*, text: str, handle: str, url: str) -> str:
    """Return a Markdown blockquote of `text`, attributed to `handle` with a link back."""
    lines = text.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"> [{handle} wrote]({url}):\n>\n{quoted}\n\n"
