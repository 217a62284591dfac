"""The console's log-in sends staff only to addresses on this site, signed in or not."""

import time

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import MODERATORS
from tests.factories import TEST_PASSWORD, UserFactory, enrol_totp
from tests.totp import totp_code

CONSOLE_LOGIN = reverse("admin:login")
HOSTILE = [
    "https://evil.example/",
    "http://evil.example/console/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " https://evil.example/",
    "https://testserver@evil.example/",
    "http://testserver.evil.example/",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.fixture
def staff(db):
    user = UserFactory(handle="lake_mod", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    user.totp_secret = enrol_totp(user)
    return user


def _lands_on_this_site(location: str) -> bool:
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", HOSTILE)
def test_signed_in_staff_are_sent_to_the_dashboard_not_elsewhere(client, staff, target):
    client.force_login(staff)

    response = client.get(CONSOLE_LOGIN, {"next": target})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


@pytest.mark.parametrize("target", HOSTILE)
def test_signed_out_staff_are_not_handed_a_foreign_next(client, staff, target):
    response = client.get(CONSOLE_LOGIN, {"next": target})

    assert response.status_code == 302
    login_url, _, query = response["Location"].partition("?")
    assert login_url == reverse("account_login")
    assert "evil.example" not in query and "javascript" not in query.lower()
    assert "data%3A" not in query


@pytest.mark.parametrize("target", HOSTILE)
def test_logging_in_with_a_code_never_leaves_the_site(client, staff, target):
    response = client.post(
        reverse("account_login"),
        {"login": staff.handle, "password": TEST_PASSWORD, "next": target},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    # The clock stands still between computing the code and sending it: on a busy machine the
    # 30-second window could otherwise roll over in between.
    with time_machine.travel(time.time(), tick=False):
        code = totp_code(staff.totp_secret)
        response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert _lands_on_this_site(response["Location"])


def test_a_console_address_is_still_honoured(client, staff):
    client.force_login(staff)
    queue = reverse("admin:moderation_case_changelist") + "?queue=mine"

    response = client.get(CONSOLE_LOGIN, {"next": queue})

    assert response["Location"] == queue


def test_signed_out_staff_keep_their_console_address_through_the_login(client, staff):
    queue = reverse("admin:moderation_case_changelist")

    response = client.get(CONSOLE_LOGIN, {"next": queue})

    assert (
        response["Location"] == f"{reverse('account_login')}?next=%2Fconsole%2Fmoderation%2Fcase%2F"
    )
