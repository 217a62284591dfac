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


def pagination(request: HttpRequest, page: int, page_count: int) -> dict:
    """Return what forums/_pagination.html shows, with each link's href built once here.

    An href is the current query string with `page` replaced, as `{% querystring page=n %}`
    would render it (computed here so the template does not copy the query per link).
    """
    params = request.GET.copy() if set(request.GET) - {"page"} else None

    def href(number: int) -> str:
        if params is None:  # no other parameter to keep (nearly every page): no copying
            return f"?page={number}"
        params["page"] = number
        return f"?{params.urlencode()}"

    previous = page - 1 if page > 1 else None
    following = page + 1 if page < page_count else None
    links = []
    if page_count > 1:
        links = [
            None if number is None else {"number": number, "href": href(number)}
            for number in page_links(page, page_count)
        ]
    return {
        "number": page,
        "count": page_count,
        "links": links,
        "previous": previous,
        "previous_href": href(previous) if previous else "",
        "next": following,
        "next_href": href(following) if following else "",
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
