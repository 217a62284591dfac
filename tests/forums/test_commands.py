"""Management commands and demo content: seed_bulk, rerender_posts, seed_forums."""

from io import StringIO

from django.core.management import call_command

from accounts.models import User
from forums import demo
from forums.bulkload import BIG_THREAD_TITLE
from forums.models import Forum, Post, Thread


def test_seed_bulk_loads_consistent_threads_posts_and_counters(db):
    out = StringIO()
    call_command(
        "seed_bulk", "--users", "20", "--threads", "30", "--posts", "400", "--big-thread", "120",
        "--forums", "3", stdout=out,
    )  # fmt: skip
    assert "done" in out.getvalue()
    assert Post.objects.count() == 400 and Thread.objects.count() == 30
    big = Thread.objects.get(title=BIG_THREAD_TITLE)
    assert (big.last_position, big.reply_count, big.page_count) == (120, 119, 6)
    assert list(big.posts.order_by("position").values_list("position", flat=True)) == list(
        range(1, 121)
    )
    assert big.last_post == big.posts.get(position=120)
    assert sum(Forum.objects.values_list("post_count", flat=True)) == 400
    assert all("<p>" in html for html in Post.objects.values_list("body_html", flat=True)[:20])
    # Bulk members are past the welcome page, as a settled community's members would be.
    assert not User.objects.filter(onboarding_done_at__isnull=True).exists()


def test_rerender_posts_command_reports_what_changed(thread):
    Post.objects.update(body_html="")
    out = StringIO()
    call_command("rerender_posts", stdout=out)
    assert "Re-rendered 1 posts" in out.getvalue()


def test_seed_forums_is_idempotent_and_uses_the_real_services(db):
    from accounts.demo import seed_accounts
    from moderation.demo import seed_moderation, seed_moderator_assignments

    seed_moderation()
    logins = seed_accounts()
    seed_moderator_assignments(moderators=[x.user for x in logins if x.role == "moderator"])
    members = {login.handle: login.user for login in logins}
    created = demo.seed_forums(members=members)
    assert created > 20
    assert demo.seed_forums(members=members) == 0
    eating = Forum.objects.get(slug="eating-disorder-recovery")
    assert eating.is_content_warning_required
    assert all(post.content_warning for post in Post.objects.filter(thread__forum=eating))
    lounge = Forum.objects.get(slug="moderators-lounge")
    assert lounge.visibility == "private"
    for forum in Forum.objects.all():
        assert forum.post_count == Post.objects.filter(thread__forum=forum).count()
