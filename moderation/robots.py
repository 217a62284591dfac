"""What crawlers may index: robots.txt, and the paths that are never indexed.

Member profiles, members-only and private forums, messages, settings and the console are never
indexed, whatever the operators choose; they can also ask crawlers to index nothing at all.
Pages under the never-indexed paths also send `X-Robots-Tag: noindex` (middleware), since
robots.txt alone does not stop a page linked from elsewhere from being listed.
"""

from django.urls import reverse

from forums.enums import ForumVisibility
from forums.models import Forum
from moderation.enums import RobotsPolicy
from moderation.models import SiteSettings

NEVER_INDEXED_PREFIXES = (
    "/members/",
    "/settings/",
    "/messages/",
    "/notifications/",
    "/bookmarks/",
    "/search/",
    "/accounts/",
    "/console/",
    "/report/",
    "/decisions/",
    "/help/check-in/",
)
ROBOTS_HEADERS = {"Cache-Control": "public, max-age=3600"}


def robots_txt_text() -> str:
    """robots.txt for the operators' policy and the forums as they are now."""
    lines = ["User-agent: *"]
    if SiteSettings.load().robots_policy == RobotsPolicy.NOTHING:
        lines.append("Disallow: /")
        return "\n".join(lines) + "\n"
    lines += [f"Disallow: {prefix}" for prefix in NEVER_INDEXED_PREFIXES]
    closed = Forum.objects.exclude(visibility=ForumVisibility.PUBLIC).values_list("slug", flat=True)
    lines += [
        f"Disallow: {reverse('forums:forum', kwargs={'slug': slug})}" for slug in sorted(closed)
    ]
    lines.append("Allow: /")
    return "\n".join(lines) + "\n"


def is_never_indexed(path: str) -> bool:
    return path.startswith(NEVER_INDEXED_PREFIXES)
