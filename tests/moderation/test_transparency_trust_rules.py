from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import TrustLevel
from core.errors import PostingRefused
from moderation import services
from moderation.enums import ReportReason, SanctionKind, TargetKind
from moderation.models import RulesVersion
from tests.factories import PostFactory, UserFactory


def test_transparency_page_counts_actions_and_rules_without_identities(
    client, post, member, global_moderator, rules
):
    case = services.report_create(
        reporter=member, target_kind=TargetKind.POST, target=post, reason=ReportReason.HARASSMENT
    ).case
    services.post_remove_citing_rules(
        post=post,
        acting_user=global_moderator,
        rules=rules[:1],
        message="A private message",
        case=case,
    )

    page = client.get(reverse("moderation:transparency")).content.decode()

    assert "Removed a post" in page
    assert "1. Be kind, or be quiet" in page
    for secret in (
        member.handle,
        post.author.handle,
        global_moderator.handle,
        "You are not alone in this.",
        "A private message",
    ):
        assert secret not in page


def test_trust_levels_move_from_new_to_member_to_trusted(thread):
    newcomer = UserFactory(handle="newcomer", trust_level=TrustLevel.NEW)
    assert not services.trust_level_recompute(user=newcomer)

    newcomer.date_joined = timezone.now() - timedelta(days=5)
    newcomer.save()
    for _ in range(2):
        PostFactory(thread=thread, author=newcomer)
    assert services.trust_level_recompute(user=newcomer)
    assert newcomer.trust_level == TrustLevel.MEMBER

    newcomer.date_joined = timezone.now() - timedelta(days=90)
    newcomer.save()
    for _ in range(28):
        PostFactory(thread=thread, author=newcomer)
    services.trust_level_recompute(user=newcomer)
    assert newcomer.trust_level == TrustLevel.TRUSTED


def test_a_recent_sanction_keeps_a_member_from_trusted(thread, global_moderator, rules):
    veteran = UserFactory(handle="veteran", trust_level=TrustLevel.TRUSTED)
    veteran.date_joined = timezone.now() - timedelta(days=400)
    veteran.save()
    for _ in range(30):
        PostFactory(thread=thread, author=veteran)
    services.member_sanction(
        member=veteran,
        kind=SanctionKind.SILENCE,
        acting_user=global_moderator,
        rules=rules[:1],
        duration=timedelta(hours=1),
    )

    services.trust_level_recompute(user=veteran)

    assert veteran.trust_level == TrustLevel.MEMBER


def test_significant_rules_change_shows_a_banner_and_blocks_posting_until_accepted(
    client, thread, member
):
    RulesVersion.objects.create(number=1)
    services.rules_accept(user=member)
    RulesVersion.objects.create(number=2, is_significant=True, summary="New privacy rule")
    client.force_login(member)

    page = client.get("/").content.decode()
    assert "The community rules have changed" in page
    with pytest.raises(PostingRefused, match="rules"):
        PostFactory(thread=thread, author=member)

    client.post(reverse("moderation:rules_accept"), {"next": "/"})

    assert "The community rules have changed" not in client.get("/").content.decode()
    PostFactory(thread=thread, author=member)


BANNER = "The community rules have changed"


def test_rules_banner_follows_changes_at_once_although_it_is_cached(client, member):
    RulesVersion.objects.create(number=1, is_significant=True)
    services.rules_accept(user=member)
    client.force_login(member)
    assert BANNER not in client.get("/").content.decode()  # the answer is now cached

    minor = RulesVersion.objects.create(number=2, summary="Typo fixed")
    assert BANNER not in client.get("/").content.decode()

    minor.is_significant = True  # edited in the console after publishing
    minor.save()
    assert BANNER in client.get("/").content.decode()

    client.post(reverse("moderation:rules_accept"), {"next": "/"})
    assert BANNER not in client.get("/").content.decode()

    RulesVersion.objects.create(number=3, is_significant=True, summary="New privacy rule")
    assert BANNER in client.get("/").content.decode()

    RulesVersion.objects.filter(number=3).get().delete()
    assert BANNER not in client.get("/").content.decode()


def test_rules_banner_is_per_member(client, member):
    RulesVersion.objects.create(number=1, is_significant=True)
    other = UserFactory()
    services.rules_accept(user=other)
    client.force_login(other)
    assert BANNER not in client.get("/").content.decode()

    client.force_login(member)
    assert BANNER in client.get("/").content.decode()


def test_rules_banner_costs_no_query_once_cached(client, member):
    RulesVersion.objects.create(number=1, is_significant=True)
    client.force_login(member)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()

    assert BANNER in page
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "moderation_rulesversion" not in tables
    assert "accounts_consent" not in tables
