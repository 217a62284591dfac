"""Private messages as places to write, as the Drafts page knows them (registered with
`drafts.places` in `ConversationsConfig.ready()`): a message in a conversation, or a new
conversation not sent yet."""

from django.urls import reverse
from django.utils.translation import gettext as _

from conversations.models import MESSAGE_MAX_LENGTH
from conversations.selectors import conversation_list_for
from drafts.enums import PlaceKind
from drafts.places import RECIPIENTS_MAX_LENGTH, PlaceOwner

MESSAGE_LIMITS = {"to": RECIPIENTS_MAX_LENGTH, "body": MESSAGE_MAX_LENGTH}


def describe_message_places(user, ids: dict[str, set[int]]) -> dict[str, tuple[str, str | None]]:
    """Where `user`'s message drafts belong: conversations they still take part in."""
    found: dict[str, tuple[str, str | None]] = {}
    if PlaceKind.MESSAGE in ids:
        for row in conversation_list_for(user):
            if row.conversation.pk in ids[PlaceKind.MESSAGE]:
                handles = ", ".join(other.handle for other in row.others) or _("nobody else")
                found[f"message:{row.conversation.pk}"] = (
                    _("to %(handles)s") % {"handles": handles},
                    row.conversation.get_absolute_url(),
                )
    if PlaceKind.NEW_MESSAGE in ids:
        found["new_message:0"] = (_("not sent yet"), reverse("conversations:start"))
    return found


MESSAGE_PLACES = PlaceOwner(
    limits={PlaceKind.MESSAGE: MESSAGE_LIMITS, PlaceKind.NEW_MESSAGE: MESSAGE_LIMITS},
    describe=describe_message_places,
)
