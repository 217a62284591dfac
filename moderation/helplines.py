"""Which helplines to show: the member's country first, then lines for everyone.

The country comes from the `?country=` picker, else the member's private setting (a visitor's:
the cookie set on /help/), else their time zone's country, else the region in the browser's
Accept-Language header, else the operators' default; without one, the international list.
"""

import functools
import os
import re
import zoneinfo
from dataclasses import dataclass, field

from django_countries import countries

from moderation.enums import HelplineKind
from moderation.models import Helpline, SiteSettings

COUNTRY_COOKIE = "hearth_country"
COUNTRY_COOKIE_MAX_AGE = 365 * 24 * 3600

LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$")


@dataclass(frozen=True)
class HelplineChoice:
    country: str  # ISO code, or "" when unknown
    source: str  # "picker", "profile", "cookie", "time_zone", "language", "default" or ""
    local: list[Helpline] = field(default_factory=list)
    international: list[Helpline] = field(default_factory=list)

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) if self.country else ""

    def by_kind(self, kind: HelplineKind) -> list[Helpline]:
        """The local lines of one kind, else the international ones of that kind."""
        local = [line for line in self.local if line.kind == kind]
        return local or [line for line in self.international if line.kind == kind]

    @property
    def emergency(self) -> list[Helpline]:
        return self.by_kind(HelplineKind.EMERGENCY)

    @property
    def crisis_lines(self) -> list[Helpline]:
        return self.by_kind(HelplineKind.CRISIS)

    @property
    def talk_lines(self) -> list[Helpline]:
        return self.by_kind(HelplineKind.SUPPORT)


def valid_country(code: str | None) -> str:
    """The upper-case ISO 3166-1 alpha-2 code if `code` is one, else ""."""
    code = (code or "").strip().upper()
    return code if len(code) == 2 and code in countries else ""


def country_from_accept_language(header: str) -> str:
    """The region of the most preferred language tag that names one (en-GB → GB)."""
    weighted = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        if not LANGUAGE_TAG.match(tag):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weighted.append((-quality, position, tag))
    for _quality, _position, tag in sorted(weighted):
        for subtag in tag.split("-")[1:]:
            if len(subtag) == 2 and valid_country(subtag):
                return subtag.upper()
    return ""


@functools.cache
def _zone_countries() -> dict[str, str]:
    """IANA zone → ISO country, from the system's zone.tab (empty when there is none)."""
    for directory in zoneinfo.TZPATH:
        path = os.path.join(directory, "zone.tab")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as table:
                rows = (line.split("\t") for line in table if not line.startswith("#"))
                return {row[2].strip(): row[0] for row in rows if len(row) >= 3}
    return {}


def country_from_time_zone(name: str) -> str:
    """The country of an IANA time zone (Europe/Berlin → DE); "" for UTC and the like."""
    return valid_country(_zone_countries().get(name or ""))


def operator_default_country() -> str:
    return valid_country(SiteSettings.load().default_country)


def country_for_member(member) -> tuple[str, str]:
    """(country, where it came from) for a member without a request: setting, time zone,
    then the operators' default."""
    if member is not None and member.country:
        return str(member.country), "profile"
    from_zone = country_from_time_zone(member.timezone if member is not None else "")
    if from_zone:
        return from_zone, "time_zone"
    default = operator_default_country()
    return (default, "default") if default else ("", "")


def country_for_request(request) -> tuple[str, str]:
    """(country code, where it came from) for this request: the picker, the member's setting
    or a visitor's cookie, the time zone, the browser's language, the operators' default."""
    picked = valid_country(request.GET.get("country"))
    if picked:
        return picked, "picker"
    user = getattr(request, "user", None)
    is_member = user is not None and user.is_authenticated
    if is_member and user.country:
        return str(user.country), "profile"
    remembered = valid_country(request.COOKIES.get(COUNTRY_COOKIE))
    if remembered:
        return remembered, "cookie"
    if is_member:
        from_zone = country_from_time_zone(user.timezone)
        if from_zone:
            return from_zone, "time_zone"
    from_header = country_from_accept_language(request.headers.get("Accept-Language", ""))
    if from_header:
        return from_header, "language"
    default = operator_default_country()
    return (default, "default") if default else ("", "")


def helplines_for_country(country: str, *, source: str = "") -> HelplineChoice:
    """The active lines of `country` and the lines for everyone, in operator order (1 query)."""
    lines = list(
        Helpline.objects.filter(is_active=True, country__in=[country or "", ""]).order_by(
            "order", "name"
        )
    )
    return HelplineChoice(
        country=country,
        source=source,
        local=[line for line in lines if country and str(line.country) == country],
        international=[line for line in lines if not line.country],
    )


def helplines_for_request(request) -> HelplineChoice:
    country, source = country_for_request(request)
    return helplines_for_country(country, source=source)


def helplines_for_member(member) -> HelplineChoice:
    """The member's lines without a request (the moderators' outreach template)."""
    country, source = country_for_member(member)
    return helplines_for_country(country, source=source)


def helplines_as_text(choice: HelplineChoice) -> str:
    """The lines as plain text, one per line, the member's country first."""
    lines = choice.local + choice.international
    return "\n".join(f"- {line.as_text()}" for line in lines)
