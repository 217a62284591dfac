"""Small helpers shared by the forum views."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

PAGE_WINDOW = 2


def page_number(request: HttpRequest) -> int:
    """Return ?page=N as a positive int; anything else is a page that does not exist."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404
    return int(raw)


def page_links(page: int, page_count: int) -> list[int | None]:
    """Return the page numbers to link (None for a gap): first, last and a window around."""
    shown = {1, page_count, *range(page - PAGE_WINDOW, page + PAGE_WINDOW + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= page_count)
    links: list[int | None] = []
    for number in numbers:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


def pagination(page: int, page_count: int) -> dict:
    return {
        "number": page,
        "count": page_count,
        "links": page_links(page, page_count),
        "previous": page - 1 if page > 1 else None,
        "next": page + 1 if page < page_count else None,
    }


def noindex(response: HttpResponse) -> HttpResponse:
    """Ask search engines not to index (members-only and private content)."""
    response["X-Robots-Tag"] = "noindex"
    return response


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Return the POSTed `next` URL if it is on this site, else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
