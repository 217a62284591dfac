import re

import pytest
from django.urls import reverse

from accounts.models import User


def crawl(client, start_paths: list[str], limit: int = 200) -> dict[str, str]:
    """Follow every same-site link from the start pages; return {path: html}."""
    seen: dict[str, str] = {}
    queue = list(start_paths)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or path.startswith(("/accounts/logout", "/static/")):
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[path] = ""
            continue
        html = response.content.decode()
        seen[path] = html
        for link in re.findall(r'href="(/[^"#]*)"', html):
            if link not in seen:
                queue.append(link)
    return seen


@pytest.mark.django_db
def test_no_page_seen_by_another_member_contains_a_members_email(client, member, other_member):
    client.force_login(other_member)

    pages = crawl(client, ["/", f"/members/{member.handle}/", "/settings/", "/help/"])

    assert len(pages) > 8
    for path, html in pages.items():
        assert member.email not in html, path
        assert member.email.split("@")[0] not in html, path


@pytest.mark.django_db
def test_public_profile_shows_the_handle_and_join_month_only(client, member):
    response = client.get(reverse("accounts:profile", kwargs={"handle": member.handle}))

    page = response.content.decode()
    assert member.handle in page
    assert member.date_joined.strftime("%B %Y") in page
    assert member.email not in page


@pytest.mark.django_db
def test_profile_url_with_other_letter_case_redirects_to_the_handle(client, member):
    response = client.get(f"/members/{member.handle.upper()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/members/{member.handle}/"


@pytest.mark.django_db
def test_unknown_profile_is_a_friendly_404(client):
    response = client.get("/members/nobody_here/")
    assert response.status_code == 404
    assert "couldn’t find that page" in response.content.decode()


@pytest.mark.django_db
def test_moderators_see_members_in_the_console_without_their_email(client, member, moderator):
    client.force_login(moderator)

    response = client.get(reverse("admin:accounts_user_change", args=[member.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert member.handle in page
    assert member.email not in page
    assert "argon2" not in page


@pytest.mark.django_db
def test_operators_see_member_emails_in_the_console(client, member, operator):
    client.force_login(operator)

    response = client.get(reverse("admin:accounts_user_change", args=[member.pk]))

    assert member.email in response.content.decode()
    assert "argon2" not in response.content.decode()


@pytest.mark.django_db
def test_email_change_requires_verifying_the_new_address(member_client, member, mailoutbox):
    response = member_client.post(
        reverse("account_email"), {"action_add": "", "email": "new.private@example.org"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "fern.private@example.org"
    assert mailoutbox[-1].to == ["new.private@example.org"]
    assert (
        User.objects.get(pk=member.pk)
        .emailaddress_set.filter(email="new.private@example.org", verified=False)
        .exists()
    )
