"""Rendering digest entries: many members' digests list the same threads, so each entry (thread,
counts, excerpt) is rendered once per worker process and reused; the rest is per member."""

from dataclasses import dataclass, fields

from django.conf import settings
from django.template import Context, engines
from django.utils import translation

from forums.digests.building import DigestEntry

# Rendered entries kept per worker process: a few hundred threads are new in a week, and
# each watched thread appears with a handful of different counts. Bounded: cleared when full.
ENTRY_CACHE_SIZE = 5000
_entries: dict[tuple, "RenderedEntry"] = {}
ENTRY_FIELDS = tuple(f.name for f in fields(DigestEntry))


@dataclass(frozen=True)
class RenderedEntry:
    html: str
    text: str


def rendered_entries(entries: list[DigestEntry]) -> list[RenderedEntry]:
    """Return `entries` rendered by `email/_digest_entry.html` and `.txt`, in the site's
    language (the same text as rendering them inside the section templates)."""
    language = settings.LANGUAGE_CODE
    rendered = []
    for entry in entries:
        key = (language, *(getattr(entry, name) for name in ENTRY_FIELDS))
        found = _entries.get(key)
        if found is None:
            if len(_entries) >= ENTRY_CACHE_SIZE:
                _entries.clear()
            with translation.override(language):
                html_part, text_part = _templates()
                found = RenderedEntry(
                    html=html_part.render(Context({"entry": entry})),
                    text=text_part.render(Context({"entry": entry})),
                )
            _entries[key] = found
        rendered.append(found)
    return rendered


def _templates():
    # The engine's own Template objects, rendered with a plain Context: what render_to_string
    # does per call (find the template, wrap the context) is most of an entry's cost.
    engine = engines["django"].engine
    return (
        engine.get_template("email/_digest_entry.html"),
        engine.get_template("email/_digest_entry.txt"),
    )
