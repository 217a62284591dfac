"""The two ceilings the web benchmark compares our pages with, served by the same server.

`fixed_string` returns N bytes without touching the database; `plain_template` renders 20 posts
of a thread from one query with a plain template (no base layout): the practical ceiling for a
Django-rendered page.
"""

from functools import lru_cache

from django.http import HttpResponse
from django.shortcuts import render

from forums.models import Post

MAX_SIZE = 2_000_000


@lru_cache(maxsize=8)
def _payload(size: int) -> bytes:
    return b"x" * size


def fixed_string(request):
    """Return ?size=N bytes (default 50,000)."""
    raw = request.GET.get("size", "50000")
    size = min(int(raw), MAX_SIZE) if raw.isdigit() else 50_000
    return HttpResponse(_payload(size), content_type="text/html; charset=utf-8")


def plain_template(request):
    """Render posts 1–20 of ?thread=<id> from a single query."""
    raw = request.GET.get("thread", "0")
    thread_id = int(raw) if raw.isdigit() else 0
    posts = (
        Post.objects.filter(thread_id=thread_id, position__range=(1, 20))
        .select_related("author")
        .only("pk", "position", "created_at", "body_html", "author__handle")
        .order_by("position")[:20]
    )
    return render(request, "forums/bench/reference.html", {"posts": posts})
