"""Screening evidence for the case page: each signal with its matched span highlighted."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from moderation.enums import ScreeningVerdict

CONTEXT_CHARS = 80


def _screened_text(result, field: str) -> str:
    if result.profile_id:
        profile = result.profile
        # Profile text keeps no history: an older revision's spans no longer fit.
        return getattr(profile, field, "") if result.revision == profile.text_revision else ""
    post = result.post
    if field == "title":
        return post.thread.title
    if result.revision == post.revision:
        return post.body
    revision = post.revisions.filter(revision=result.revision).first()
    return revision.body if revision else ""


def highlight(text: str, span) -> SafeString:
    """The text around `span`, escaped, with the matched part in <mark>."""
    if not span or not text:
        return SafeString("")
    start, end = max(0, span[0]), min(len(text), span[1])
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start > CONTEXT_CHARS else "",
        before,
        text[start:end],
        after,
        "…" if end + CONTEXT_CHARS < len(text) else "",
    )


def evidence_for(result) -> list[dict]:
    """Rows for one ScreeningResult: screener, label, score, rule, explanation, highlight."""
    rows = []
    for signal in result.signals:
        field = signal.get("field", "body")
        text = _screened_text(result, field)
        rows.append(
            {
                "screener": signal.get("screener", ""),
                "label": signal.get("label", ""),
                "score": signal.get("score", 0),
                "rule_id": signal.get("rule_id") or "",
                "explanation": escape(signal.get("explanation", "")),
                "field": field,
                "highlight": highlight(text, signal.get("span")),
            }
        )
    return rows


def needs_content_note(case, screenings) -> bool:
    """Whether the console folds this case's content behind a content note: a crisis-tier
    case, or screening that found crisis or self-harm language. Moderators read such text
    all day; they choose when to open it."""
    if case.is_crisis:
        return True
    for result, rows in screenings:
        if result.verdict == ScreeningVerdict.CRISIS:
            return True
        if any(row["label"].startswith("crisis") or "self_harm" in row["label"] for row in rows):
            return True
    return False
