import pytest
import redis
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory, enrol_totp
from tests.totp import totp_code

LOGIN_URL = reverse("account_login")
RESET_URL = reverse("account_reset_password")


def all_cache_keys() -> list[str]:
    """Every key in the cache, whether it is local memory (dev) or Redis (CI, production)."""
    if settings.REDIS_URL:  # config.cache.RedisCache
        return [key.decode() for key in redis.Redis.from_url(settings.REDIS_URL).keys("*")]
    backend = cache._cache
    return list(backend.keys())


def current_totp(secret: str) -> str:
    return totp_code(secret)


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, member):
    known = client.post(RESET_URL, {"email": member.email})
    unknown = client.post(RESET_URL, {"email": "nobody-here@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The unknown address is told no account exists *by email*, never on the page.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, "nobody-here@example.org"]
    )


@pytest.mark.django_db
def test_failed_login_message_does_not_say_whether_the_account_exists(client, member):
    wrong_password = client.post(LOGIN_URL, {"login": member.handle, "password": "wrong-one"})
    no_such_member = client.post(LOGIN_URL, {"login": "nobody_here", "password": "wrong-one"})

    assert wrong_password.status_code == no_such_member.status_code == 200
    assert wrong_password.context["form"].errors == no_such_member.context["form"].errors
    assert 'value="nobody_here"' in no_such_member.content.decode()


@pytest.mark.django_db
def test_repeated_failed_logins_for_one_account_get_the_friendly_429_page(client, member):
    statuses = [
        client.post(LOGIN_URL, {"login": member.handle, "password": f"wrong-{attempt}"}).status_code
        for attempt in range(6)
    ]

    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    response = client.post(LOGIN_URL, {"login": member.handle, "password": "again"})
    assert "Please take a short pause" in response.content.decode()
    assert f'value="{member.handle}"' in response.content.decode()


@pytest.mark.django_db
def test_failed_logins_from_one_address_are_limited_across_accounts(client):
    statuses = [
        client.post(LOGIN_URL, {"login": f"someone{n}", "password": "wrong"}).status_code
        for n in range(12)
    ]
    assert 429 in statuses


@pytest.mark.django_db
def test_console_login_is_rate_limited(client, time_machine):
    # Within one clock minute: the limit counts per fixed window, and a run that crossed a
    # minute's end started counting again.
    time_machine.move_to("2026-03-14 02:00:05+00:00", tick=False)
    statuses = [client.get("/console/login/").status_code for _ in range(25)]
    assert statuses[0] == 302
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_rate_limit_cache_keys_hold_no_raw_ip_address(client, member):
    for attempt in range(3):
        client.post(
            LOGIN_URL,
            {"login": member.handle, "password": f"wrong-{attempt}"},
            REMOTE_ADDR="203.0.113.77",
        )
    client.get("/console/login/", REMOTE_ADDR="203.0.113.77")

    keys = all_cache_keys()
    assert keys, "the rate limits should have stored something"
    assert not any("203.0.113.77" in key for key in keys)


@pytest.mark.django_db
def test_staff_without_two_factor_cannot_open_the_console(client):
    staff = UserFactory(handle="new_mod", is_staff=True)
    client.force_login(staff)

    response = client.get("/console/", follow=True)

    hops = [url for url, _status in response.redirect_chain]
    assert reverse("mfa_activate_totp") in hops
    assert not any(url.startswith("/console/") and "login" not in url for url in hops)
    assert "Set up two-factor authentication" in response.content.decode()


@pytest.mark.django_db
def test_members_are_not_shown_the_console(member_client):
    response = member_client.get("/console/", follow=True)
    assert response.status_code == 404


@pytest.mark.django_db
def test_staff_log_in_with_a_totp_code_before_reaching_the_console(client):
    staff = UserFactory(handle="calm_mod", is_staff=True, is_superuser=True)
    secret = enrol_totp(staff)

    response = client.post(
        f"{LOGIN_URL}?next=/console/", {"login": "calm_mod", "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/console/").status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp(secret)})
    assert response.status_code == 302
    assert client.get("/console/").status_code == 200


@pytest.mark.django_db
def test_security_headers_are_present(client):
    response = client.get("/", secure=True)

    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response["Strict-Transport-Security"]


def test_production_cookies_are_secure_httponly_and_samesite():
    from config import settings

    # The suite runs with DEBUG off, i.e. the production values.
    assert settings.SESSION_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    from config import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    user = User.objects.create_user("argon_check", email="a@example.org", password="x" * 12)

    assert user.password.startswith("argon2")


@pytest.mark.django_db
def test_pages_link_only_to_our_own_static_files(client):
    page = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in page
    assert "https://" not in page and "http://" not in page
