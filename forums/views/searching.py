"""Search: /search/?q=…, filtered to what the viewer may read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from forums import search as forum_search
from forums import selectors
from forums.forms import SearchForm
from forums.ratelimits import limit_reached
from forums.views.common import noindex, page_number
from forums.views.display import time_tag, url_builder

RESULTS_PER_PAGE = 20


@require_GET
def search(request):
    """Search thread titles and post bodies; filters: forum, author handle."""
    form = SearchForm(request.GET or None, forums=selectors.forum_list_readable_by(request.user))
    page = None
    more_than = False
    status = 200
    if form.is_valid() and form.cleaned_data["q"].strip():
        if limit_reached(request, "search"):
            messages.warning(request, _("Lots of searches at once: please wait a minute."))
            status = 429
        else:
            filters = forum_search.SearchFilters(
                q=form.cleaned_data["q"],
                forum_slug=form.cleaned_data["forum"],
                author_handle=form.cleaned_data["author"].strip().lstrip("@"),
            )
            results = forum_search.post_search_results(user=request.user, filters=filters)
            more_than = results.more_than
            # Pages of ids (at most MAX_RESULTS): nothing counts every match.
            paginator = Paginator(results.ranked_ids, RESULTS_PER_PAGE)
            number = page_number(request)
            if number > paginator.num_pages:
                raise Http404
            page = paginator.page(number)
            page.object_list = forum_search.result_posts(
                user=request.user, results=results, ids=list(page.object_list)
            )
            forum_search.search_results_prepare(user=request.user, posts=page.object_list)
            post_url = url_builder("forums:post", "pk")
            for post in page.object_list:
                post.url = post_url(post.pk)
                post.time_html = time_tag(post.created_at)
    context = {"form": form, "page": page, "more_than": more_than}
    return noindex(render(request, "forums/search.html", context, status=status))
