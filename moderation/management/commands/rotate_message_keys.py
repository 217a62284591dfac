"""Re-encrypt private messages (and the moderators' conversations with members, drafts and safety
plans, sealed with the same keys) with the newest key in MESSAGES_ENCRYPTION_KEYS.

It lives in moderation, the highest of the apps whose rows it rotates, so that it may call each
of their services.

Rotation: put a new key FIRST in the list (keep the old ones), deploy, run this command, then
remove the old keys once it reports nothing left under them. Safe to run again at any time.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.services.peer import safety_plans_reencrypt
from conversations.models import Message
from conversations.services import messages_reencrypt
from core import crypto
from drafts.services import drafts_reencrypt
from moderation.models import SupportMessage
from moderation.services.support import support_messages_reencrypt


class Command(BaseCommand):
    help = "Re-encrypt every private message with the newest key (idempotent, in batches)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        newest = crypto.current_key_id()
        unreadable: list[int] = []
        try:
            done = messages_reencrypt(batch_size=batch_size, unreadable=unreadable)
            # The members' conversations with the moderators use the same keys.
            done += support_messages_reencrypt(batch_size=batch_size, unreadable=unreadable)
        except crypto.MessageKeyMissing as exc:
            raise CommandError(
                f"Some messages use key {exc.args[0]}, which is no longer in "
                f"{crypto.ENV_NAME}. Put it back (after the newest key) and run this again; "
                "every message re-encrypted so far stays readable."
            ) from exc
        left = Message.objects.exclude(key_id=newest).exclude(key_id="").count()
        left += SupportMessage.objects.exclude(key_id=newest).exclude(key_id="").count()
        self.stdout.write(
            f"Re-encrypted {done} message(s) with key {newest}; {left} left under older keys."
        )
        drafts = drafts_reencrypt(batch_size=batch_size)
        self.stdout.write(f"Re-encrypted {drafts} draft(s) and kept text(s) with key {newest}.")
        try:
            plans = safety_plans_reencrypt(batch_size=batch_size)
        except (crypto.MessageKeyMissing, crypto.MessageTampered) as exc:
            raise CommandError(
                "A safety plan cannot be re-encrypted (its key is missing or the row was "
                "altered); keep the old keys until it is dealt with."
            ) from exc
        self.stdout.write(f"Re-encrypted {plans} safety plan(s) with key {newest}.")
        if unreadable:
            raise CommandError(
                f"{len(unreadable)} message(s) do not authenticate (altered in the database?) "
                f"and were left under their old key: ids {', '.join(map(str, unreadable[:20]))}. "
                "Keep the old keys until they are dealt with."
            )
