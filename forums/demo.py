"""Demo forums for `seed_demo`: the mission's communities, with a few kind threads each.

All text here was written for Hearth. Threads are created through forums.services, so counters,
rendering, watches and notifications are those of the real flow. Safe to run again.
"""

from django.db import transaction

from accounts.models import User
from forums import demo_content, services
from forums.enums import ForumVisibility, ThreadStarters
from forums.models import Forum, ForumOfficeHours, Section
from forums.selectors import forum_office_hours_forget


def _forum(spec: dict, section: Section, order: int) -> Forum:
    defaults = {
        "name": spec["name"],
        "section": section,
        "order": order,
        "description": spec["description"],
        "guidance": spec.get("guidance", demo_content.DEFAULT_GUIDANCE),
        "office_hours": spec.get("office_hours", ""),
        "visibility": spec.get("visibility", ForumVisibility.PUBLIC),
        "thread_starters": spec.get("thread_starters", ThreadStarters.MEMBERS),
        "is_content_warning_required": spec.get("content_warning_required", False),
    }
    forum, _ = Forum.objects.update_or_create(slug=spec["slug"], defaults=defaults)
    forum.office_hours_slots.all().delete()
    ForumOfficeHours.objects.bulk_create(
        ForumOfficeHours(forum=forum, weekday=day, start_time=start, end_time=end, time_zone=zone)
        for day, start, end, zone in spec.get("office_hours_slots", [])
    )
    forum_office_hours_forget(forum.pk)  # bulk_create sends no signal
    return forum


def _thread(forum: Forum, spec: dict, members: dict[str, User]) -> bool:
    if forum.threads.filter(title=spec["title"]).exists():
        return False
    warning = spec.get("cw", "")
    thread = services.thread_create(
        author=members[spec["by"]],
        forum=forum,
        title=spec["title"],
        body=spec["body"],
        content_warning=warning,
    )
    for handle, body in spec.get("replies", []):
        services.post_create(
            author=members[handle],
            thread=thread,
            body=body,
            content_warning=warning if forum.is_content_warning_required else "",
        )
    return True


@transaction.atomic
def seed_forums(*, members: dict[str, User] | None = None) -> int:
    """Create (or refresh) the demo sections, forums and threads; return threads created."""
    members = members or {
        user.handle: user for user in User.objects.filter(handle__in=demo_content.HANDLES)
    }
    created = 0
    order = 0
    for section_order, (section_name, forums) in enumerate(demo_content.SECTIONS):
        section, _ = Section.objects.update_or_create(
            name=section_name, defaults={"order": section_order}
        )
        for spec in forums:
            order += 1
            forum = _forum(spec, section, order)
            for handle in spec.get("access", []):
                services.forum_access_grant(forum=forum, user=members[handle], acting_user=None)
            for thread_spec in spec.get("threads", []):
                created += _thread(forum, thread_spec, members)
    return created
