"""Record the bounces in delivery status notifications (RFC 3464), from stdin or an mbox.

    manage.py email_bounces < message.eml          # one message, e.g. piped by the MTA
    manage.py email_bounces --mbox /var/mail/bounces

Prints how many were recorded; never an address.
"""

import mailbox
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.bounces import BounceFormatError, bounces_from_dsn, dsn_member_ids
from accounts.enums import BounceSource


class Command(BaseCommand):
    help = "Record bounces from delivery status notifications read from stdin or an mbox file."

    def add_arguments(self, parser):
        parser.add_argument("--mbox", help="an mbox file of DSN messages (default: one on stdin)")

    def handle(self, *args, **options):
        if options["mbox"]:
            try:
                box = mailbox.mbox(options["mbox"], create=False)
                messages = [message.as_bytes() for message in box]
            except (OSError, mailbox.Error) as error:
                raise CommandError(f"Cannot read the mbox: {error}") from error
        else:
            messages = [sys.stdin.buffer.read()]
        outcomes: Counter = Counter()
        for raw in messages:
            try:
                bounces = bounces_from_dsn(raw)
            except BounceFormatError:
                # Not a DSN (an auto-reply, say): nothing to record, and the MTA must not
                # bounce it back, so this is not an error.
                outcomes["not a DSN"] += 1
                continue
            # Anyone can mail the bounce address: only a DSN returning an email Hearth sent
            # to that member (its signed unsubscribe link) counts.
            sent_to = dsn_member_ids(raw)
            for bounce in bounces:
                outcomes[
                    services.email_bounce_record(
                        address=bounce.address,
                        kind=bounce.kind,
                        source=BounceSource.DSN,
                        status_code=bounce.status_code,
                        reference=bounce.reference,
                        sent_to_member_ids=sent_to,
                    )
                ] += 1
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(f"{len(messages)} message(s): {summary or 'no bounces'}")
