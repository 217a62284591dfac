"""Per-row display values for the list pages, computed in Python rather than per row in templates.

A thread page renders 20 posts and a forum page 30 threads; a `{% url %}`, an `{% include %}` or a
`naturaltime` filter per row was most of their rendering time (see bench/README.md). These
helpers produce exactly what those tags produced, once per row, at a fraction of the cost.
"""

import re
import time
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language

from forums import selectors
from forums.office_hours import OfficeHoursSummary, office_hours_summary

# What `reverse()` leaves unquoted in a URL (django.urls.resolvers).
_URL_SAFE = "!$&'()*+,;=/~:@"
_MARK = "7390126458{}"
_MARKS = re.compile(r"7390126458(\d)")


@lru_cache(maxsize=64)
def _url_format(name: str, params: tuple[str, ...], prefix: str, urlconf) -> str:
    marked = reverse(name, kwargs={p: _MARK.format(i) for i, p in enumerate(params)})
    escaped = marked.replace("{", "{{").replace("}", "}}")
    return _MARKS.sub(lambda match: f"{{{match.group(1)}}}", escaped)


def url_builder(name: str, *params: str) -> Callable[..., str]:
    """Return a function that builds `name`'s URL from values of `params`, as `reverse()` would.

    The URL is reversed once (per script prefix) with marker values; each call only formats.
    Values must be ones the URL pattern accepts (ids, slugs, handles).
    """
    template = _url_format(name, params, get_script_prefix(), get_urlconf())

    def build(*values) -> str:
        return template.format(
            *(
                value if type(value) is int else quote(str(value), safe=_URL_SAFE)
                for value in values
            )
        )

    return build


@lru_cache(maxsize=4096)
def _full_date(wall_clock, tzinfo, language: str) -> str:
    return date_format(wall_clock.replace(tzinfo=tzinfo), "DATETIME_FORMAT")


@lru_cache(maxsize=4096)
def _relative(value, second: int, language: str) -> str:
    return naturaltime(value)


def time_tag(value) -> SafeString:
    """Render `value` exactly as forums/_time.html does: ISO date, full date title, "2 hours ago".

    The full date depends only on the value, the viewer's time zone and the language, so it is
    memoised. "2 hours ago" is computed at most once per value and language each second (its
    finest unit is the second), so a page served many times a second translates it once; the
    whole tag is kept for that second too.
    """
    return _time_tag(value, get_current_timezone(), get_language(), int(time.time()))


@lru_cache(maxsize=4096)
def _time_tag(value, zone, language: str, second: int) -> SafeString:
    local = template_localtime(value)
    title = _full_date(local.replace(tzinfo=None), local.tzinfo, language)
    label = _relative(value, second, language)
    return SafeString(
        f'<time datetime="{escape(local.isoformat())}" title="{escape(title)}">'
        f"{escape(label)}</time>"
    )


def office_hours_for(user, forum) -> OfficeHoursSummary | None:
    """Return `forum`'s staffed state now, in the member's own time zone (visitors: the
    site's, and the page says which). The slots come from the cache."""
    if user.is_authenticated:
        zone_name, is_viewer_zone = user.timezone or "UTC", True
    else:
        zone_name, is_viewer_zone = settings.TIME_ZONE, False
    return office_hours_summary(
        selectors.forum_office_hours(forum.pk),
        now=timezone.now(),
        zone_name=zone_name,
        is_viewer_zone=is_viewer_zone,
    )
