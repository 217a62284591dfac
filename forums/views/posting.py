"""Writing: start a thread, reply (with quote and preview), edit, delete your own post.

Every refusal re-renders the composer with the member's text intact: invalid input, a policy
that does not allow it, a locked thread, or a rate limit. Each composer keeps a draft on the
server (drafts/), and a post sent after the session ended is kept through the login.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.errors import NeedsConfirmation, PostingRefused
from drafts.composer import composer_draft, composer_posted, login_required_keeping_text
from drafts.enums import PlaceKind
from drafts.places import Place
from forums import hooks, permissions, selectors, services
from forums.enums import PostStatus
from forums.forms import PostForm, ThreadForm
from forums.markdown import quote_markdown
from forums.ratelimits import limit_reached
from forums.views.common import noindex

RATE_LIMITED = gettext_lazy(
    "You have posted a lot in a short time, so we have paused posting for a little while. "
    "Your text is still here: please wait a few minutes and try again."
)


def _composer(request, template: str, context: dict, *, status: int = 200):
    response = render(request, template, context, status=status)
    response.headers["Cache-Control"] = "private, no-store"
    return noindex(response)


def _preview(form) -> str:
    return services.post_body_render(form.cleaned_data["body"]).html


def _posted_message(request, post_status: str) -> None:
    if post_status == PostStatus.HELD:
        messages.info(
            request,
            _(
                "Thank you for posting. Posts from new members here are read by a moderator "
                "first; you can see yours now and others will once it is approved."
            ),
        )
    else:
        messages.success(request, _("Your post is up."))


def _offer_support_if_crisis(request, written) -> None:
    if getattr(written, "is_crisis_at_submit", False):
        hooks.crisis_support_offer(
            request, about="post", is_acute=getattr(written, "is_acute_at_submit", False)
        )
    elif getattr(written, "offers_resources_at_submit", False):
        # Distress without suicidal language: a quiet link for the author only, no case.
        messages.info(
            request,
            format_html(
                _('If things feel heavy right now, <a href="{}">help is here</a>, any time.'),
                reverse("moderation:help"),
            ),
        )


def _submit(request, form, action: str, write):
    """Run `write()` unless previewing or rate limited; return (result, status, preview)."""
    if "preview" in request.POST:
        return None, 200, _preview(form)
    if limit_reached(request, action):
        form.add_error(None, RATE_LIMITED)
        return None, 429, None
    try:
        return write(), 200, None
    except NeedsConfirmation as question:
        form.ask_to_confirm_personal_info(question.message)
        return None, 200, None
    except PostingRefused as refusal:
        form.add_error(None, refusal.message)
        return None, 200, None


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    """Start a thread in a forum (with the forum's guidance above the composer)."""
    forum = selectors.forum_get_listed(user=request.user, slug=slug)
    permissions.check_read_forum(request.user, forum)
    draft = composer_draft(request, Place(PlaceKind.THREAD, forum.pk))
    form = ThreadForm(request.POST or None, forum=forum, initial=draft.values)
    status, preview = 200, None
    if not permissions.can_start_thread(request.user, forum):
        form.add_error(None, _("Only some members can start threads in this forum."))
        status = 403
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        thread, status, preview = _submit(
            request,
            form,
            "thread",
            lambda: services.thread_create(
                author=request.user,
                forum=forum,
                title=data["title"],
                body=data["body"],
                content_warning=data["content_warning"],
                confirmed_personal_info=data["confirm_personal_info"],
            ),
        )
        if thread is not None:
            composer_posted(request, draft.place)
            _posted_message(request, thread.status)
            _offer_support_if_crisis(request, thread)
            return redirect(thread)
    context = {"forum": forum, "form": form, "preview": preview, "draft": draft}
    return _composer(request, "forums/thread_create.html", context, status=status)


def _quote_initial(request, thread) -> dict:
    quote_id = request.GET.get("quote", "")
    if not quote_id.isdigit():
        return {}
    quoted = selectors.post_get_visible(user=request.user, pk=int(quote_id))
    if quoted.thread_id != thread.pk or not permissions.can_read_post_body(request.user, quoted):
        return {}
    handle = quoted.author.handle if quoted.author else _("a former member")
    body = quote_markdown(text=quoted.body, handle=handle, url=quoted.get_absolute_url())
    return {"body": body}


def _reply_initial(request, thread, saved: dict) -> dict:
    """The saved draft, with a quote asked for now added after it."""
    quote = _quote_initial(request, thread)
    if not saved:
        return quote
    initial = dict(saved)
    if quote:
        initial["body"] = f"{initial.get('body', '').rstrip()}\n\n{quote['body']}".lstrip()
    return initial


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def post_reply(request, pk: int):
    """Reply to a thread; `?quote=<post id>` starts the reply with a quote of that post."""
    thread = selectors.thread_get_visible(user=request.user, pk=pk)
    draft = composer_draft(request, Place(PlaceKind.REPLY, thread.pk))
    form = PostForm(
        request.POST or None,
        forum=thread.forum,
        initial=_reply_initial(request, thread, draft.values),
    )
    status, preview = 200, None
    if not permissions.can_reply_to_thread(request.user, thread):
        if thread.is_locked:
            form.add_error(None, _("This thread is locked, so it is not taking new replies."))
        else:
            form.add_error(None, _("You cannot reply in this thread."))
        status = 403
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        post, status, preview = _submit(
            request,
            form,
            "reply",
            lambda: services.post_create(
                author=request.user,
                thread=thread,
                body=data["body"],
                content_warning=data["content_warning"],
                confirmed_personal_info=data["confirm_personal_info"],
            ),
        )
        if post is not None:
            composer_posted(request, draft.place)
            _posted_message(request, post.status)
            _offer_support_if_crisis(request, post)
            return redirect(post)
    context = {"thread": thread, "forum": thread.forum, "form": form, "preview": preview}
    context["draft"] = draft
    return _composer(request, "forums/post_reply.html", context, status=status)


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    """Edit your own post; the previous version is kept as a revision."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    may_edit = permissions.can_edit_post(request.user, post)
    if not may_edit and (request.method != "POST" or post.author_id != request.user.pk):
        raise PermissionDenied
    draft = composer_draft(request, Place(PlaceKind.EDIT, post.pk))
    initial = {"body": post.body, "content_warning": post.content_warning, **draft.values}
    form = PostForm(request.POST or None, forum=post.thread.forum, initial=initial)
    status, preview = 200, None
    if not may_edit:
        # Locked or removed while the member was writing: say so and keep their text.
        form.add_error(None, _("This post can no longer be edited. Your text is kept below."))
        status = 403
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = _preview(form)
        else:
            try:
                edited = services.post_edit(
                    post=post,
                    editor=request.user,
                    body=data["body"],
                    content_warning=data["content_warning"],
                    confirmed_personal_info=data["confirm_personal_info"],
                )
            except NeedsConfirmation as question:
                form.ask_to_confirm_personal_info(question.message)
            except PostingRefused as refusal:
                form.add_error(None, refusal.message)
                status = 403
            else:
                composer_posted(request, draft.place)
                messages.success(request, _("Your changes are saved."))
                _offer_support_if_crisis(request, edited)
                return redirect(post)
    context = {"post": post, "thread": post.thread, "forum": post.thread.forum, "form": form}
    context["preview"] = preview
    context["draft"] = draft
    return _composer(request, "forums/post_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk: int):
    """Remove your own post (after a confirmation page); it shows as removed by its author."""
    post = selectors.post_get_visible(user=request.user, pk=pk)
    if not permissions.can_delete_post(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        services.post_delete_by_author(post=post, author=request.user)
        messages.success(request, _("Your post is removed."))
        return redirect(post)
    return _composer(request, "forums/post_delete.html", {"post": post, "thread": post.thread})
