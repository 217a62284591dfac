"""List existing handles that could pass for someone else.

    manage.py handle_collisions

Prints each group of handles sharing one look-alike skeleton (`river_mod`, `river-mod`,
`rivermod`), oldest first, then members' handles that read as staff titles or the site's name.
Exits with status 1 when there is anything to look at, so it can run in a check.
"""

import sys

from django.core.management.base import BaseCommand

from accounts.selectors import handle_collisions


class Command(BaseCommand):
    help = "List handles that look alike, and members' handles that read as staff titles."

    def handle(self, *args, **options):
        groups, reserved = handle_collisions()
        for handles in groups:
            self.stdout.write("look alike: " + ", ".join(handles))
        for handle in reserved:
            self.stdout.write(f"reads as staff or the site: {handle}")
        self.stdout.write(
            f"{len(groups)} group(s) of look-alike handles, {len(reserved)} member handle(s) "
            "reading as staff."
        )
        if groups or reserved:
            sys.exit(1)
