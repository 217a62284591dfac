"""Forums, threads, posts and what members keep about them (follows, read state, bookmarks)."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Weekday
from core.enums import ScreeningState
from forums.enums import (
    ForumVisibility,
    PostStatus,
    ReactionKind,
    ThreadStarters,
    ThreadStatus,
)
from forums.office_hours import validate_time_zone

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30
TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000
CONTENT_WARNING_MAX_LENGTH = 200
SEARCH_CONFIG = "english"


class Section(models.Model):
    """A heading that groups forums on the index."""

    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name


class Forum(models.Model):
    """A topic forum with its visibility, posting policy and denormalised counters."""

    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="forums"
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    guidance = models.TextField(
        _("before you post"), blank=True, help_text=_("Shown above the composer.")
    )
    office_hours = models.CharField(
        _("office hours note"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional words about who reads along, shown next to the staffed hours below "
            "(the hours themselves are the staffed periods)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=ForumVisibility.choices,
        default=ForumVisibility.PUBLIC,
    )
    thread_starters = models.CharField(
        _("who may start threads"),
        max_length=16,
        choices=ThreadStarters.choices,
        default=ThreadStarters.MEMBERS,
    )
    is_content_warning_required = models.BooleanField(_("content warning required"), default=False)
    is_new_member_post_held = models.BooleanField(
        _("hold new members' posts for review"), default=False
    )
    is_support = models.BooleanField(
        _("support forum"),
        default=False,
        help_text=_(
            "Threads here that no other member has answered after the time set in the site "
            "settings are listed in “Waiting for a reply” for trusted members and peer "
            "supporters."
        ),
    )
    members_with_access = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ForumAccess",
        through_fields=("forum", "user"),
        related_name="private_forums",
        blank=True,
    )
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == ForumVisibility.PUBLIC

    @property
    def is_indexable(self) -> bool:
        return self.visibility == ForumVisibility.PUBLIC


class ForumAccess(models.Model):
    """A member's access to a private forum."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_access"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="forums_access_once"),
        ]
        verbose_name = _("private forum access")
        verbose_name_plural = _("private forum access")

    def __str__(self) -> str:
        return f"{self.user} → {self.forum}"


class ForumOfficeHours(models.Model):
    """A weekly period when moderators read along in a forum, in the time zone it was set in.

    An end at or before the start means the period runs past midnight into the next day.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="office_hours_slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(
        _("until"), help_text=_("At or before the start: the period ends the next day.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The zone these times are in, e.g. Europe/London (an IANA name)."),
    )

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("staffed period")
        verbose_name_plural = _("staffed hours")

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M} "
            f"({self.time_zone})"
        )

    def clean(self) -> None:
        if self.start_time is not None and self.start_time == self.end_time:
            raise ValidationError(
                {"end_time": _("Choose an end different from the start (a day has 24 hours).")}
            )


class CheckInSchedule(models.Model):
    """A recurring prompt thread ("Monday check-in"), opened by the scheduler each week at a
    local time of the forum's time zone, under the site identity."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="check_in_schedules")
    title = models.CharField(
        _("title"), max_length=120, help_text=_("For example “Monday check-in”.")
    )
    body = models.TextField(
        _("prompt"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("The opening post, in Markdown. A link to the previous one is added below."),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    time_of_day = models.TimeField(_("time"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The forum's time zone, e.g. Europe/London (an IANA name)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["forum", "weekday", "time_of_day"]
        verbose_name = _("check-in schedule")
        verbose_name_plural = _("check-in schedules")

    def __str__(self) -> str:
        return (
            f"{self.title} ({self.get_weekday_display()} {self.time_of_day:%H:%M} {self.time_zone})"
        )


class CheckInOccurrence(models.Model):
    """One opened check-in thread: at most one per schedule and local date."""

    schedule = models.ForeignKey(
        CheckInSchedule, on_delete=models.CASCADE, related_name="occurrences"
    )
    occurs_on = models.DateField()
    thread = models.ForeignKey(
        "Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurs_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "occurs_on"], name="forums_check_in_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} on {self.occurs_on}"


class Thread(models.Model):
    """A conversation in a forum; counters and the last-post pointer move with its posts."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ThreadStatus.choices, default=ThreadStatus.PUBLISHED
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    # Positions handed out so far (held and removed posts included): the page count.
    last_position = models.PositiveIntegerField(default=0, editable=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_post_position = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(_("latest activity"), default=timezone.now)
    # The opening post's crisis signal waits for a moderator's review: visitors and search
    # engines see a neutral title meanwhile (forums.visibility.thread_title_shown). A copy of
    # the opening post's flag, kept by forums.services.post_set_crisis_review, so that listings
    # read it from the thread row they already load.
    is_crisis_review_pending = models.BooleanField(default=False, db_default=False, editable=False)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            # The forum page's order. Status and author are included so a page's ids come from
            # an index-only scan that applies the visibility rule (published, or held and
            # yours) without visiting the table: a deep page skips entries instead of sorting.
            models.Index(
                fields=["forum", "-is_pinned", "-last_post_at", "-id"],
                include=["status", "author"],
                name="forums_thread_listing",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def page_count(self) -> int:
        return max(1, -(-self.last_position // POSTS_PER_PAGE))


class Post(models.Model):
    """A Markdown post, cooked once into sanitised HTML, at a fixed position in its thread."""

    # No separate thread index: the unique (thread, position) index serves every thread lookup,
    # and without a thread-only index the planner always range-scans it for a page.
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    position = models.PositiveIntegerField(editable=False)
    status = models.CharField(
        _("status"), max_length=24, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    screening_state = models.CharField(
        _("screening"),
        max_length=16,
        choices=ScreeningState.choices,
        default=ScreeningState.PENDING,
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    # A crisis signal in a post waits for a moderator's review before visitors and search
    # engines see its text (forums.selectors shows them a placeholder meanwhile).
    is_crisis_review_pending = models.BooleanField(default=False, db_default=False, editable=False)
    content_warning = models.CharField(
        _("content warning"), max_length=CONTENT_WARNING_MAX_LENGTH, blank=True
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    moderator_note = models.TextField(
        _("moderator's note"), blank=True, help_text=_("Shown under the post after an edit.")
    )
    moderation_notice = models.TextField(
        _("moderation notice"),
        blank=True,
        help_text=_("Why a moderator removed the post; shown to its author only."),
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="forums_post_position"),
        ]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="forums_post_by_author"),
            # A thread's posts by time: what is new in watched threads (digests), without
            # reading every post of each thread.
            models.Index(fields=["thread", "created_at"], name="forums_post_thread_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.position} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post", kwargs={"pk": self.pk})

    @property
    def page(self) -> int:
        return (self.position - 1) // POSTS_PER_PAGE + 1

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def is_removed(self) -> bool:
        return self.status in (PostStatus.REMOVED_BY_AUTHOR, PostStatus.REMOVED_BY_MODERATOR)


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["post", "revision"], name="forums_revision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} r{self.revision}"


class Reaction(models.Model):
    """A supportive reaction; one of each kind per member per post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forums_reaction_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class ThreadSubscription(models.Model):
    """A member watching (notified of replies) or muting a thread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_subscriptions"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    is_muted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forums_subscription_once"),
        ]
        indexes = [models.Index(fields=["thread", "is_muted"], name="forums_subscribers")]

    def __str__(self) -> str:
        return f"{self.user} {'mutes' if self.is_muted else 'watches'} {self.thread_id}"


class ForumFollow(models.Model):
    """A member following a forum (notified of new threads)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows"
    )
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "forum"], name="forums_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.forum_id}"


class ReadState(models.Model):
    """How far a member has read a thread (the highest position they have seen)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_states"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forums_read_state_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread_id} to {self.last_read_position}"


class Bookmark(models.Model):
    """A post a member saved for later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="forums_bookmark_once"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="forums_bookmarks_by_user")]

    def __str__(self) -> str:
        return f"{self.user} saved {self.post_id}"
