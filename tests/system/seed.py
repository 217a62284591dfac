"""Seed the system suite's database: the demo's forums, rules, helplines and staff, an on-call
rota covering every hour, a one-minute crisis response limit and N verified members who keep
the "member" trust level (and its posting limits).

Run with the stack's environment: seed.py N. Prints one JSON line (members, threads).
"""

import json
import sys
from datetime import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.demo import DEMO_PASSWORD, _member  # noqa: E402
from accounts.enums import TrustLevel  # noqa: E402
from accounts.models import User  # noqa: E402
from forums import services as forum_services  # noqa: E402
from forums.enums import ForumVisibility, ThreadStarters  # noqa: E402
from forums.models import Forum  # noqa: E402
from moderation.models import OnCallShift, SiteSettings  # noqa: E402


def main(count: int) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    moderator = User.objects.get(handle="river_mod")
    # Round the clock: each day's shift runs from noon to noon the next day (UTC).
    OnCallShift.objects.filter(moderator=moderator).delete()
    for weekday in range(7):
        OnCallShift.objects.create(
            moderator=moderator,
            weekday=weekday,
            start_time=time(12, 0),
            end_time=time(12, 0),
            time_zone="UTC",
        )
    settings = SiteSettings.load()
    settings.crisis_response_minutes = 1
    # The seeded members keep the "member" level when beat recomputes trust levels.
    settings.member_after_days = 0
    settings.member_after_approved_posts = 0
    settings.save()
    # One password hash for all: hashing it once per member would cost seconds of start-up.
    password_hash = make_password(DEMO_PASSWORD)
    handles = [f"sys-member-{i:03d}" for i in range(count)]
    User.objects.bulk_create(
        [User(handle=h, email=f"{h}@example.invalid", password=password_hash) for h in handles]
    )
    members = [
        _member(handle, timezone_name="UTC", trust_level=TrustLevel.MEMBER) for handle in handles
    ]
    forum = Forum.objects.filter(
        visibility=ForumVisibility.PUBLIC,
        thread_starters=ThreadStarters.MEMBERS,
        is_content_warning_required=False,
    ).first()
    threads = [
        forum_services.thread_create(
            author=members[i],
            forum=forum,
            title=f"System suite thread {i}",
            body=f"An ordinary opening post number {i}, about sleep and small walks.",
        )
        for i in range(6)
    ]
    print(
        json.dumps(
            {
                "members": [m.handle for m in members],
                "password": DEMO_PASSWORD,
                "threads": [thread.pk for thread in threads],
                "read_paths": [forum.get_absolute_url()]
                + [thread.get_absolute_url() for thread in threads],
                "moderator_email": moderator.email,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
