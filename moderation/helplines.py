"""Which helplines to show: the member's country first, then lines for everyone.

The country comes from the `?country=` picker, else the member's private profile country,
else the region in the browser's Accept-Language header; without one, the international list.
"""

import re
from dataclasses import dataclass, field

from django_countries import countries

from moderation.models import Helpline

LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$")


@dataclass(frozen=True)
class HelplineChoice:
    country: str  # ISO code, or "" when unknown
    source: str  # "picker", "profile", "language" or ""
    local: list[Helpline] = field(default_factory=list)
    international: list[Helpline] = field(default_factory=list)

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) if self.country else ""


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


def country_for_request(request) -> tuple[str, str]:
    """(country code, where it came from) for this request."""
    picked = valid_country(request.GET.get("country"))
    if picked:
        return picked, "picker"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.country:
        return str(user.country), "profile"
    from_header = country_from_accept_language(request.headers.get("Accept-Language", ""))
    if from_header:
        return from_header, "language"
    return "", ""


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
    country = str(member.country) if member is not None and member.country else ""
    return helplines_for_country(country, source="profile" if country else "")


def helplines_as_text(choice: HelplineChoice) -> str:
    """The lines as plain text, one per line, the member's country first."""
    lines = choice.local + choice.international
    return "\n".join(f"- {line.as_text()}" for line in lines)
