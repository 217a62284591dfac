"""Private conversations: the list, starting one, the conversation page, answering a request,
leaving, reporting a message, and the member's setting. Every refusal keeps the text typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.services import member_message_permission_set
from conversations import hooks, permissions, selectors, services
from conversations.enums import MessageStatus
from conversations.forms import MessageForm, MessageSettingsForm, StartForm
from conversations.ratelimits import limit_reached
from core.errors import NeedsConfirmation
from drafts.composer import composer_draft, composer_posted, login_required_keeping_text
from drafts.enums import PlaceKind
from drafts.places import Place

RATE_LIMITED = gettext_lazy(
    "You have sent a lot of messages in a short time, so we have paused sending for a little "
    "while. Your text is still here: please wait a few minutes and try again."
)


def _private(response):
    # Never cached on the way, and never indexed (the templates say so too, for the browser).
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _write(request, form, action: str, write):
    """Run `write()` unless rate limited; return (result, status, pii_warning)."""
    if limit_reached(request, action):
        form.add_error(None, RATE_LIMITED)
        return None, 429, None
    try:
        return write(), 200, None
    except NeedsConfirmation as question:
        return None, 200, question.message
    except services.MessagingRefused as refusal:
        form.add_error(None, refusal.message)
        return None, 200, None


@login_required
def conversation_list(request):
    rows = selectors.conversation_list_for(request.user)
    context = {
        "requests": [row for row in rows if row.is_request],
        "rows": [row for row in rows if not row.is_request],
        "is_enabled": permissions.messaging_is_enabled(),
        "support": hooks.support_summary(request.user),
    }
    return _private(render(request, "conversations/list.html", context))


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def conversation_start(request):
    """Start a conversation; `?to=handle` fills in the recipient."""
    draft = composer_draft(request, Place(PlaceKind.NEW_MESSAGE))
    initial = {"to": request.GET.get("to", ""), **draft.values}
    form = StartForm(request.POST or None, initial=initial)
    status, pii_warning = 200, None
    refusal = permissions.sender_refusal(request.user, starting=True)
    if refusal:
        status = 403
    elif request.method == "POST" and form.is_valid():
        users, missing = selectors.members_by_handles(form.handles())
        if missing:
            # Same words as a refusal: whether a handle exists is not a secret, but a member
            # who is not accepting messages must read exactly like one who is not there.
            form.add_error("to", permissions.NOT_ACCEPTING % {"handle": missing[0]})
        else:
            data = form.cleaned_data
            conversation, status, pii_warning = _write(
                request,
                form,
                "start",
                lambda: services.conversation_start(
                    sender=request.user,
                    recipients=users,
                    body=data["body"],
                    confirmed_personal_info=data["confirm_personal_info"],
                ),
            )
            if conversation is not None:
                composer_posted(request, draft.place)
                if conversation.is_crisis_at_submit:
                    hooks.crisis_support_offer(request, about="message")
                messages.success(request, _("Your message was sent as a request."))
                return redirect(conversation)
    context = {"form": form, "pii_warning": pii_warning, "refusal": refusal, "draft": draft}
    return _private(render(request, "conversations/start.html", context, status=status))


@login_required_keeping_text
@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk: int):
    """The conversation page with the reply box; opening it marks it read."""
    conversation, me = selectors.conversation_get_for(user=request.user, pk=pk)
    draft = composer_draft(request, Place(PlaceKind.MESSAGE, conversation.pk))
    form = MessageForm(request.POST or None, initial=draft.values)
    status, pii_warning = 200, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        message, status, pii_warning = _write(
            request,
            form,
            "message",
            lambda: services.message_send(
                sender=request.user,
                conversation=conversation,
                body=data["body"],
                confirmed_personal_info=data["confirm_personal_info"],
            ),
        )
        if message is not None:
            composer_posted(request, draft.place)
            if message.is_crisis_at_submit:
                hooks.crisis_support_offer(request, about="message")
            return redirect(f"{conversation.get_absolute_url()}#message-{message.pk}")
    services.conversation_mark_read(user=request.user, conversation=conversation)
    context = {
        "conversation": conversation,
        "me": me,
        "participants": selectors.participants_of(conversation),
        "messages_list": _with_danger_guide(
            request.user, selectors.message_list_for(user=request.user, conversation=conversation)
        ),
        "form": form,
        "pii_warning": pii_warning,
        "is_enabled": permissions.messaging_is_enabled(),
        "draft": draft,
    }
    return _private(render(request, "conversations/detail.html", context, status=status))


def _with_danger_guide(user, messages_list):
    """Mark the messages whose reader gets the "if someone tells you they are in danger" guide:
    sent by someone else, with a crisis signal (no query: screening wrote it on the row)."""
    for message in messages_list:
        message.shows_danger_guide = (
            message.sender_id not in (None, user.pk)
            and message.status == MessageStatus.VISIBLE
            and permissions.message_has_crisis_signal(message)
        )
    return messages_list


@login_required
@require_POST
def message_check_in(request, pk: int):
    """The recipient of a message with a crisis signal asks a moderator to check in on its
    sender (who is never told who asked). 404 for anyone who did not receive it."""
    message = selectors.message_get_for(user=request.user, pk=pk)
    try:
        hooks.crisis_check_in_request(message=message, asked_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Thank you for looking out for them. A moderator will check in with them "
                "privately; they will not be told who asked."
            ),
        )
    return redirect(f"{message.conversation.get_absolute_url()}#message-{message.pk}")


@login_required
@require_POST
def request_answer(request, pk: int, accept: bool):
    """Accept or decline a conversation request (declining is silent)."""
    conversation, _me = selectors.conversation_get_for(user=request.user, pk=pk)
    services.request_answer(user=request.user, conversation=conversation, accept=accept)
    if accept:
        return redirect(conversation)
    messages.success(request, _("Request declined. The sender is not told."))
    return redirect("conversations:list")


@login_required
@require_http_methods(["GET", "POST"])
def conversation_leave(request, pk: int):
    """Leave a conversation, after a confirmation page."""
    conversation, _me = selectors.conversation_get_for(user=request.user, pk=pk)
    if request.method == "POST":
        services.conversation_leave(user=request.user, conversation=conversation)
        messages.success(request, _("You left the conversation."))
        return redirect("conversations:list")
    return _private(render(request, "conversations/leave.html", {"conversation": conversation}))


def message_report(request, pk: int):
    """Report one message; only it (and any earlier messages chosen) reach the moderators. The
    page is moderation's (its form, rate limit and case), behind this app's URL."""
    return hooks.message_report_page(request, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def message_settings(request):
    """Who may start a conversation with the member."""
    form = MessageSettingsForm(
        request.POST or None, initial={"message_permission": request.user.message_permission}
    )
    if request.method == "POST" and form.is_valid():
        member_message_permission_set(
            user=request.user, value=form.cleaned_data["message_permission"]
        )
        messages.success(request, _("Saved: this applies to new conversations from now on."))
        return redirect("conversations:settings")
    return _private(render(request, "conversations/settings.html", {"form": form}))
