"""Console lookups cannot tell a member's private values apart, whoever the staff member is.

The walk tries every field of every model registered on the console, and every path from a
registered model to a member's fields, with the lookups an attacker would use, as a scoped
moderator, a global moderator and an operator. For each probe it asks with a value that matches
a stored row: a refused lookup must answer exactly as it does for a value that matches nothing,
and an applied one must be one the role may make (no secret; below operator, only a filter the
page offers, on nothing private).
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import MODERATORS
from moderation import services
from moderation.console_lookups import Privacy, path_privacy
from moderation.enums import ReportReason, TargetKind
from moderation.models import EscalationContact, ModeratorAssignment, OnCallShift
from tests.factories import ForumFactory, PostFactory, ThreadFactory, UserFactory, enrol_totp

LOOKUPS = ("", "__startswith", "__regex", "__iexact")

# What the walk knows independently of the code under test: these must never be told apart by
# anyone below operator, and the first group by no one.
SECRETS = {("accounts.user", "password"), ("mfa.authenticator", "data")}
PRIVATE = {
    ("accounts.user", "email"),
    ("accounts.user", "country"),
    ("account.emailaddress", "email"),
    ("moderation.escalationcontact", "email"),
    ("moderation.report", "note"),
}


@pytest.fixture
def console_state(db, forum, other_forum, member, other_member, operator):
    """Rows in every console list that matters: members with emails, a reported post, a case,
    an audit entry, an on-call shift and an escalation contact."""
    member.country = "NZ"
    member.save(update_fields=["country"])
    thread = ThreadFactory(forum=forum, author=member, title="Still awake", body="Long night.")
    post = PostFactory(thread=thread, author=other_member, body="Here with you.")
    report = services.report_create(
        reporter=member,
        target_kind=TargetKind.POST,
        target=post,
        reason=ReportReason.SPAM,
        note="private note from fern",
    )
    services.case_claim(case=report.case, acting_user=operator)
    OnCallShift.objects.create(moderator=operator, weekday=0, start_time="09:00", end_time="17:00")
    EscalationContact.objects.create(user=operator, email="lead.private@example.org", level=1)
    return {"forum": forum, "other_forum": other_forum}


def _staff(handle: str, *, forum) -> object:
    user = UserFactory(handle=handle, is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    enrol_totp(user)
    ModeratorAssignment.objects.create(moderator=user, forum=forum)
    return user


@pytest.fixture(params=["scoped_moderator", "global_moderator", "operator"])
def staff(request, console_state, operator):
    if request.param == "operator":
        return operator
    forum = console_state["forum"] if request.param == "scoped_moderator" else None
    return _staff(request.param.replace("_", ""), forum=forum)


def _paths(model) -> list[str]:
    """Every concrete field of the model, and every member field behind each link to a member."""
    from accounts.models import User

    # A member's identifying and private fields, as an attacker would reach them through a link.
    user_fields = ["handle", "email", "password", "country", "is_superuser", "last_login"]
    assert all(User._meta.get_field(name) for name in user_fields)
    paths = []
    for field in model._meta.get_fields():
        if field.concrete and not field.many_to_many:
            paths.append(field.name)
        if field.is_relation and field.related_model is User:
            paths.extend(f"{field.name}__{name}" for name in user_fields)
    return paths


def _stored_value(model, path: str) -> str | None:
    value = (
        model._default_manager.exclude(**{f"{path}__isnull": True})
        .values_list(path, flat=True)
        .first()
    )
    if value is None or isinstance(value, (bytes, memoryview, dict, list)):
        return None
    return str(value)


def _probe_values(stored: str, lookup: str) -> tuple[str, str]:
    """A value that matches the stored one under `lookup`, and one that matches nothing."""
    if lookup == "__startswith":
        return stored[:1], "\u2603"
    if lookup == "__regex":
        return "^" + re.escape(stored[:1]), "^\u2603"
    return stored, stored + "\u2603"


def _answer(client, url: str, key: str, value: str) -> tuple:
    # Notices queued by an earlier page (the on-call gaps) would otherwise show on this one.
    session = client.session
    session.pop("_messages", None)
    session.save()
    client.cookies.pop("messages", None)
    response = client.get(url, {key: value})
    body = response.content.decode(errors="replace")
    # Allowed lookups are echoed in the page's links and hidden inputs; the rows are what count.
    body = re.sub(re.escape(key) + r"=[^&\"' ]*", key + "=VALUE", body)
    body = re.sub(rf'name="{re.escape(key)}" value="[^"]*"', "VALUE", body)
    body = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', r'\1=""', body)
    return response.status_code, response.get("Location", ""), body


def _limit(user) -> Privacy:
    return Privacy.PRIVATE if user.is_superuser else Privacy.PUBLIC


def test_no_console_lookup_tells_private_values_apart(client, staff):
    client.force_login(staff)
    limit = _limit(staff)
    compared = applied = 0
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        label = model._meta.label_lower
        if client.get(url).status_code == 403:
            # The list refuses this role before reading the query string: one probe stands
            # for every field.
            assert _answer(client, url, "email", "a") == _answer(client, url, "email", "z")
            continue
        for path in _paths(model):
            stored = _stored_value(model, path)
            if stored is None:
                continue
            field_name = path.split("__")[-1]
            target_label = "accounts.user" if "__" in path else label
            for lookup in LOOKUPS:
                match, miss = _probe_values(stored, lookup)
                key = path + lookup
                first = _answer(client, url, key, match)
                compared += 1
                where = f"{staff.handle}: {url}?{key}="
                if first[0] == 400:
                    # Refused: exactly the answer a value matching nothing gets.
                    assert first == _answer(client, url, key, miss), where
                    continue
                # Applied (a list, or Django's "incorrect filter" page): so it must be a lookup
                # this role may make, on no secret and, below operator, on nothing private.
                applied += 1
                assert first[0] < 500, where
                assert (target_label, field_name) not in SECRETS, where
                assert path_privacy(model, path) <= limit, where
                if limit is Privacy.PUBLIC:
                    assert (target_label, field_name) not in PRIVATE, where
                    assert model_admin.lookup_allowed(key, match, _request_for(staff)), where
    # The walk compared real rows, and a few lookups (a page's own filters) do tell apart.
    assert compared > 400
    assert applied > 0


def _request_for(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("url_name", "key"),
    [
        ("admin:accounts_user_changelist", "email__startswith"),
        ("admin:accounts_user_changelist", "password__startswith"),
        ("admin:forums_post_changelist", "author__email__startswith"),
        ("admin:moderation_case_changelist", "member__email__regex"),
    ],
)
def test_scoped_moderator_gets_the_same_refusal_for_any_email_prefix(
    client, console_state, member, url_name, key
):
    moderator = _staff("adhd_mod", forum=console_state["other_forum"])
    client.force_login(moderator)
    url = reverse(url_name)

    right = client.get(url, {"handle": member.handle, key: "f"})
    wrong = client.get(url, {"handle": member.handle, key: "z"})

    assert right.status_code == wrong.status_code == 400
    assert right.content == wrong.content


def test_no_one_looks_up_password_hashes_not_even_operators(client, console_state, operator):
    client.force_login(operator)
    url = reverse("admin:accounts_user_changelist")
    prefix = operator.password[:6]

    right = client.get(url, {"password__startswith": prefix})
    wrong = client.get(url, {"password__startswith": "zzzzzz"})

    assert right.status_code == wrong.status_code == 400


def test_operators_still_search_members_by_email(client, console_state, member, operator):
    client.force_login(operator)

    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "fern.private"})

    assert [row.handle for row in response.context["cl"].result_list] == [member.handle]


def test_moderator_search_matches_handles_not_emails(client, console_state, member):
    moderator = _staff("adhd_mod", forum=None)
    client.force_login(moderator)
    url = reverse("admin:accounts_user_changelist")

    by_email = client.get(url, {"q": "fern.private"})
    by_handle = client.get(url, {"q": "quiet_fern"})

    assert list(by_email.context["cl"].result_list) == []
    assert [row.handle for row in by_handle.context["cl"].result_list] == [member.handle]


def test_moderators_keep_the_filters_the_page_offers(client, console_state):
    moderator = _staff("adhd_mod", forum=None)
    client.force_login(moderator)

    response = client.get(
        reverse("admin:forums_thread_changelist"),
        {"status__exact": "published", "forum__id__exact": console_state["forum"].pk},
    )

    assert response.status_code == 200
    assert [t.title for t in response.context["cl"].result_list] == ["Still awake"]


def test_sorting_by_a_private_column_is_ignored_below_operator(console_state, operator):
    from accounts.models import User
    from moderation.console_lookups import guarded

    class EmailColumnAdmin(admin.ModelAdmin):
        list_display = ("handle", "email")

    email_admin = guarded(EmailColumnAdmin)(User, admin.site)
    moderator = _staff("adhd_mod", forum=None)

    def ordering(user):
        request = _request_for(user)
        request.GET = request.GET.copy()
        request.GET["o"] = "2"  # the email column
        return email_admin.get_changelist_instance(request).get_ordering(
            request, User.objects.all()
        )

    assert not any("email" in str(part) for part in ordering(moderator))
    assert any("email" in str(part) for part in ordering(operator))


def test_forum_moderators_read_only_their_forums_content_in_the_console(
    client, console_state, operator
):
    private = ForumFactory(name="Private", slug="private-room", visibility="private")
    secret = ThreadFactory(forum=private, author=operator, title="Private words", body="Held.")
    scoped = _staff("adhd_mod", forum=console_state["other_forum"])
    everywhere = _staff("all_mod", forum=None)
    post_url = reverse("admin:forums_post_change", args=[secret.posts.get().pk])
    thread_list = reverse("admin:forums_thread_changelist")

    client.force_login(scoped)
    assert "Private words" not in client.get(thread_list).content.decode()
    assert client.get(post_url).status_code == 302  # "does not exist", back to the list

    client.force_login(everywhere)
    assert "Private words" in client.get(thread_list).content.decode()
    assert client.get(post_url).status_code == 200
