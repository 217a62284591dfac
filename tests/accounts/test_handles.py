"""Handles that cannot pass for staff, the site or another member."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.handles import handle_clash, handle_skeleton, is_reserved_handle
from accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory

SIGNUP_URL = reverse("account_signup")


@pytest.fixture
def people(db, moderator, operator):
    """`river_mod` (a moderator), `ops_willow` (an operator) and the member `lumen42`."""
    return [moderator, operator, UserFactory(handle="lumen42")]


def _sign_up(client, handle: str):
    return client.post(
        SIGNUP_URL,
        {
            "username": handle,
            "email": f"{handle.lower()}.x@example.org",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "accept_rules": "on",
        },
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("river-mod", "river_mod"),
        ("rivermod", "river_mod"),
        ("ops-willow", "ops_willow"),
        ("Iumen42", "lumen42"),
        ("lumen-42", "lumen42"),
        ("LUMEN.42", "lumen42"),
        ("m0derator", "moderator"),
        ("rnoderator", "moderator"),
        ("wi11ow", "willow"),
    ],
)
def test_look_alikes_share_a_skeleton(one, other):
    assert handle_skeleton(one) == handle_skeleton(other)


@pytest.mark.parametrize(("one", "other"), [("model", "mode1x"), ("river", "rover"), ("ab", "abc")])
def test_different_handles_keep_different_skeletons(one, other):
    assert handle_skeleton(one) != handle_skeleton(other)


@pytest.mark.parametrize(
    "handle",
    [
        "river-mod",
        "rivermod",
        "ops-willow",
        "Iumen42",
        "lumen-42",
        "m0derator",
        "moderator1",
        "the-moderator",
        "admin1",
        "hearth_team",
        "hearthstaff",
        "Hearth",
        "99_admins",
        "official-support",
    ],
)
def test_sign_up_refuses_handles_that_pass_for_someone_else_kindly(client, people, handle):
    response = _sign_up(client, handle)

    assert response.status_code == 200
    assert not User.objects.filter(handle=handle).exists()
    errors = " ".join(response.context["form"].errors["username"])
    assert "could mistake it for a staff account" in errors or "looks very like a handle" in errors
    suggested = re.search(r"How about (.+)\? Or choose", errors)
    assert suggested, errors
    # Every suggestion is itself free: signing up with the first one works.
    first = suggested.group(1).split(", ")[0]
    assert _sign_up(client, first).status_code == 302
    assert User.objects.filter(handle=first).exists()


@pytest.mark.parametrize("handle", ["model", "modest", "teamwork", "badminton", "quiet_fern2"])
def test_ordinary_handles_are_welcome(client, people, handle):
    response = _sign_up(client, handle)

    assert response.status_code == 302
    assert User.objects.get(handle=handle).handle_skeleton == handle_skeleton(handle)


def test_the_site_name_is_reserved_whatever_it_is(settings, db):
    settings.SITE_NAME = "Lantern"

    assert is_reserved_handle("lantern_team") and is_reserved_handle("Lantern")
    assert not is_reserved_handle("hearth_garden")


def test_a_free_handle_costs_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert handle_clash("gentle_owl") is None


def test_the_skeleton_follows_handle_changes(member):
    member.handle = "Quiet-Fern-2"
    member.save(update_fields=["handle"])

    assert User.objects.get(pk=member.pk).handle_skeleton == handle_skeleton("quietfern2")


def test_operators_cannot_rename_a_member_into_a_look_alike(client, people, operator, member):
    client.force_login(operator)
    url = reverse("admin:accounts_user_change", args=[member.pk])
    page = client.get(url)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key != "groups"
    }
    data.update(
        {
            "handle": "Iumen42",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
            "sanctions-TOTAL_FORMS": "0",
            "sanctions-INITIAL_FORMS": "0",
            "moderator_notes-TOTAL_FORMS": "0",
            "moderator_notes-INITIAL_FORMS": "0",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "looks very like a handle" in str(response.context["adminform"].form.errors)
    member.refresh_from_db()
    assert member.handle == "quiet_fern"


def test_the_command_lists_handles_that_collide(people, capsys):
    UserFactory(handle="river-mod")
    UserFactory(handle="Iumen42")
    UserFactory(handle="moderator1")

    with pytest.raises(SystemExit) as exit_status:
        call_command("handle_collisions")

    out = capsys.readouterr().out
    assert exit_status.value.code == 1
    assert "look alike: river_mod, river-mod" in out
    assert "look alike: lumen42, Iumen42" in out
    assert "reads as staff or the site: moderator1" in out
    assert "river_mod\n" not in out.split("reads as staff")[-1]
