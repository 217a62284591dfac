"""Load demo content: rules, members, a moderator and an operator (with 2FA), forums,
helplines and an on-call rota.

It lives in operations, the topmost app, because it seeds every app below it (each app keeps
its own seeding functions in its `demo` module)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import seed_accounts
from forums.demo import seed_forums
from forums.demo_support import seed_peer_support
from moderation.demo import (
    seed_helplines,
    seed_moderation,
    seed_moderator_assignments,
    seed_on_call,
)


class Command(BaseCommand):
    help = "Create demo content and print the demo logins (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_moderation()
            logins = seed_accounts()
            # Moderators first: the demo moderator posts in the private moderators' lounge.
            moderators = [login.user for login in logins if login.role == "moderator"]
            seed_moderator_assignments(moderators=moderators)
            members = {login.handle: login.user for login in logins}
            seed_forums(members=members)
            seed_peer_support(members=members)
            seed_helplines()
            seed_on_call(
                moderators=moderators,
                operators=[login.user for login in logins if login.role == "operator"],
            )
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Demo logins:"))
        for login in logins:
            line = f"  {login.role:<10} {login.handle:<12} password: {login.password}"
            if login.note:
                line += f"\n  {'':<10} {'':<12} 2FA: {login.note}"
            self.stdout.write(line)
