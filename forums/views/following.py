"""Reactions, bookmarks, watching, muting, following, and the notifications page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forums import permissions, selectors, services
from forums.enums import ReactionKind
from forums.ratelimits import limit_reached
from forums.views.common import noindex, page_number, safe_next
from notifications import services as notification_services

LIST_PAGE_SIZE = 30


def _private_page(request, template: str, context: dict):
    response = render(request, template, context)
    response.headers["Cache-Control"] = "private, no-store"
    return noindex(response)


@login_required
@require_POST
def post_react(request, pk: int):
    """Toggle one of the supportive reactions on a post (a plain form; works without JS)."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    kind = request.POST.get("kind", "")
    if kind not in ReactionKind.values:
        raise Http404
    if not permissions.can_react_to_post(request.user, post):
        raise PermissionDenied
    if limit_reached(request, "reaction"):
        messages.warning(request, _("That was a lot of reactions at once; please wait a minute."))
    else:
        services.reaction_toggle(user=request.user, post=post, kind=kind)
    return redirect(safe_next(request, post.get_absolute_url()))


@login_required
@require_POST
def post_bookmark(request, pk: int):
    """Bookmark a post, or remove the bookmark."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    if not permissions.can_bookmark_post(request.user, post):
        raise PermissionDenied
    is_on = services.bookmark_toggle(user=request.user, post=post)
    messages.success(request, _("Bookmarked.") if is_on else _("Bookmark removed."))
    return redirect(safe_next(request, post.get_absolute_url()))


@login_required
@require_POST
def thread_subscription(request, pk: int):
    """Watch, stop watching, mute or unmute a thread."""
    thread = selectors.thread_get_visible(user=request.user, pk=pk)
    if not permissions.can_watch_thread(request.user, thread):
        raise PermissionDenied
    action = request.POST.get("action", "")
    if action in ("watch", "unwatch"):
        services.thread_watch(user=request.user, thread=thread, is_watching=action == "watch")
    elif action in ("mute", "unmute"):
        services.thread_mute(user=request.user, thread=thread, is_muted=action == "mute")
    else:
        raise Http404
    notices = {
        "watch": _("You are watching this thread: replies will show in your notifications."),
        "unwatch": _("You are no longer watching this thread."),
        "mute": _("Thread muted: you will get no notifications from it."),
        "unmute": _("Thread unmuted."),
    }
    messages.success(request, notices[action])
    return redirect(safe_next(request, thread.get_absolute_url()))


@login_required
@require_POST
def forum_follow(request, slug: str):
    """Follow a forum (new threads show in your notifications), or stop following it."""
    forum = selectors.forum_get_listed(user=request.user, slug=slug)
    if not permissions.can_follow_forum(request.user, forum):
        raise Http404
    is_following = request.POST.get("action") == "follow"
    services.forum_follow(user=request.user, forum=forum, is_following=is_following)
    if is_following:
        messages.success(request, _("You are following this forum."))
    else:
        messages.success(request, _("You are no longer following this forum."))
    return redirect(forum)


@login_required
@require_GET
def bookmark_list(request):
    """Your bookmarked posts, newest first."""
    paginator = Paginator(selectors.bookmark_list_for(request.user), LIST_PAGE_SIZE)
    page = paginator.get_page(page_number(request))
    return _private_page(request, "forums/bookmarks.html", {"page": page})


@login_required
@require_GET
def notification_list(request):
    """Your notifications, newest first, unread ones marked."""
    paginator = Paginator(selectors.notification_list_for(request.user), LIST_PAGE_SIZE)
    number = page_number(request)
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)
    return _private_page(request, "forums/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notification read."""
    notification_services.notification_mark_read(user=request.user, notification_id=pk)
    return redirect(safe_next(request, reverse("forums:notifications")))


@login_required
@require_POST
def notification_read_all(request):
    """Mark all your notifications read."""
    notification_services.notification_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return redirect(reverse("forums:notifications"))
