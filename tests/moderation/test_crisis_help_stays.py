"""Help that stays, in the member's country, and the conversation with "the moderators"."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.exporting import member_data
from core import crypto
from moderation import services
from moderation.demo import seed_helplines
from moderation.enums import ActionKind
from moderation.helplines import COUNTRY_COOKIE, country_for_member
from moderation.models import Case, SiteSettings, SupportMessage
from moderation.services.crisis import reach_out_text_for
from moderation.services.support import support_message_text
from notifications.models import Notification
from tests.factories import ThreadFactory, UserFactory
from tests.moderation.test_crisis_story import drain

PLAN = "I have a plan. I am going to take all my tablets tonight, I have been saving them up."
WANT_TO_DIE = "I want to die, I cannot go on like this anymore."


@pytest.fixture
def helplines(db):
    seed_helplines()


@pytest.fixture
def berliner(db):
    return UserFactory(handle="spree_walker", trust_level="member", timezone="Europe/Berlin")


@pytest.fixture
def post_reply(client, django_capture_on_commit_callbacks):
    """Reply as the logged-in member, running the screening the reply enqueues."""

    def reply(thread, body):
        # The tasks are called, not sent: with REDIS_URL set (as in CI) sending would only
        # queue them for a worker that is not there.
        url = reverse("forums:reply", kwargs={"pk": thread.pk})
        response, _ran = drain(
            django_capture_on_commit_callbacks,
            lambda: client.post(url, {"body": body}, follow=True),
        )
        return response

    return reply


def test_panel_stays_above_the_post_and_puts_the_emergency_number_first_for_a_plan(
    client, forum, berliner, helplines, post_reply
):
    thread = ThreadFactory(forum=forum, author=berliner, body="Evening, everyone.")
    client.force_login(berliner)

    post_reply(thread, PLAN)
    again = client.get(thread.get_absolute_url()).content.decode()  # reloaded: still there

    assert "You don’t have to carry it alone" in again
    emergency, crisis_line, talk = (
        again.index('href="tel:112"'),
        again.index("TelefonSeelsorge"),
        again.index("Talk to someone"),
    )
    assert emergency < crisis_line < talk
    assert again.index("crisis-support") < again.index(PLAN[:20])  # above their post
    assert "988" not in again  # not the US line for a member in Berlin


def test_without_a_plan_the_crisis_line_comes_first_and_the_emergency_number_last(
    client, forum, member, helplines, post_reply
):
    member.country = "GB"
    member.save()
    thread = ThreadFactory(forum=forum, author=member, body="Evening, everyone.")
    client.force_login(member)

    page = post_reply(thread, WANT_TO_DIE).content.decode()

    assert page.index("Samaritans") < page.index("Talk to someone") < page.index("tel:999")


def test_the_bar_follows_the_member_to_every_page_until_hidden_or_the_window_ends(
    client, forum, member, other_member, helplines, post_reply
):
    thread = ThreadFactory(forum=forum, author=member, body="Evening, everyone.")
    client.force_login(member)
    post_reply(thread, WANT_TO_DIE)

    index = client.get(reverse("forums:index")).content.decode()
    assert "crisis-help-bar" in index and "Get help now" in index
    client.force_login(other_member)
    assert "crisis-help-bar" not in client.get(reverse("forums:index")).content.decode()
    client.logout()
    assert "crisis-help-bar" not in client.get(reverse("forums:index")).content.decode()

    client.force_login(member)
    client.post(reverse("moderation:help_bar_hide"), {"next": "/"})
    assert "crisis-help-bar" not in client.get(reverse("forums:index")).content.decode()

    client.logout()
    client.force_login(member)  # a new session: the bar is back
    assert "crisis-help-bar" in client.get(reverse("forums:index")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        assert "crisis-help-bar" not in client.get(reverse("forums:index")).content.decode()


def test_operators_set_the_window(client, forum, member, helplines, post_reply):
    site = SiteSettings.load()
    site.crisis_help_hours = 2
    site.save()
    thread = ThreadFactory(forum=forum, author=member, body="Evening, everyone.")
    client.force_login(member)
    post_reply(thread, WANT_TO_DIE)

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert "crisis-help-bar" not in client.get(reverse("forums:index")).content.decode()


def test_the_country_falls_back_from_setting_to_time_zone_to_language_to_default(
    client, member, helplines
):
    client.force_login(member)  # UTC, no country
    assert "Samaritans" in client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "Outside these countries" in client.get("/help/").content.decode()
    site = SiteSettings.load()
    site.default_country = "AU"
    site.save()
    assert "Lifeline" in client.get("/help/").content.decode()
    member.timezone = "Europe/Berlin"
    member.save()
    assert "TelefonSeelsorge" in client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    member.country = "IE"
    member.save()
    assert "Samaritans Ireland" in client.get("/help/").content.decode()
    assert country_for_member(member) == ("IE", "profile")


def test_an_operator_default_that_is_not_a_country_is_refused(operator):
    site = SiteSettings.load()
    site.default_country = "XX"
    with pytest.raises(Exception, match="Choose a country"):
        site.full_clean()


def test_visitors_choose_a_country_on_help_and_it_is_remembered_in_a_cookie(client, helplines):
    picked = client.get("/help/", {"country": "DE"}).content.decode()
    assert "Remember Germany for me" in picked and "kept in a cookie" in picked

    response = client.post(reverse("moderation:help_country"), {"country": "DE"})

    assert response.cookies[COUNTRY_COOKIE].value == "DE"
    assert response.cookies[COUNTRY_COOKIE]["httponly"]
    remembered = client.get("/help/").content.decode()
    assert "TelefonSeelsorge" in remembered and "remembered on this device" in remembered
    client.post(reverse("moderation:help_country"), {"country": ""})
    assert "TelefonSeelsorge" not in client.get("/help/").content.decode()


def test_outreach_template_uses_the_members_own_lines(forum, berliner, helplines):
    ThreadFactory(forum=forum, author=berliner, body="Hi")
    services.crisis_check_in_request(member=berliner)
    case = Case.objects.get(member=berliner)

    text = reach_out_text_for(case)

    assert "TelefonSeelsorge" in text and "call 112" in text
    assert "988" not in text


def test_outreach_is_a_conversation_the_member_answers_and_the_claimer_hears_of(
    client, berliner, global_moderator, helplines
):
    case = services.crisis_check_in_request(member=berliner)
    client.force_login(berliner)
    assert "A moderator has seen your post" not in client.get("/").content.decode()

    services.crisis_reach_out(
        case=case, acting_user=global_moderator, text="Hi, we are here. How are you tonight?"
    )
    inbox = client.get(reverse("conversations:list")).content.decode()
    assert "The moderators" in inbox and "1 new" in inbox
    conversation = client.get(reverse("moderation:support")).content.decode()
    assert "How are you tonight?" in conversation
    assert global_moderator.handle not in conversation
    assert "A moderator has seen your post" in client.get("/").content.decode()

    client.post(reverse("moderation:support"), {"text": "Thank you. Not great, but safe."})

    mine = SupportMessage.objects.get(is_from_moderators=False)
    assert mine.case == case and mine.member == berliner
    assert b"safe" not in bytes(mine.ciphertext)  # encrypted at rest
    assert (
        crypto.decrypt(mine.ciphertext, key_id=mine.key_id, message_id=mine.pk, conversation_id=0)
        == "Thank you. Not great, but safe."
    )
    assert case.actions.filter(kind=ActionKind.MEMBER_REPLY).count() == 1
    notice = Notification.objects.get(recipient=global_moderator)
    assert notice.link == reverse("admin:moderation_case_change", args=[case.pk])
    assert "safe" not in notice.text

    client.force_login(global_moderator)
    case_page = client.get(notice.link).content.decode()
    assert "Not great, but safe." in case_page


def test_an_empty_reply_is_refused_and_a_member_never_written_to_gets_404(
    client, member, global_moderator
):
    client.force_login(member)
    assert client.get(reverse("moderation:support")).status_code == 404
    case = services.crisis_check_in_request(member=member)
    services.crisis_reach_out(case=case, acting_user=global_moderator, text="We are here.")

    response = client.post(reverse("moderation:support"), {"text": "   "})

    assert response.status_code == 200
    assert "Write your reply first." in response.content.decode()
    assert SupportMessage.objects.filter(is_from_moderators=False).count() == 0


def test_the_conversation_with_the_moderators_is_in_the_export(member, global_moderator):
    case = services.crisis_check_in_request(member=member)
    services.crisis_reach_out(case=case, acting_user=global_moderator, text="We are here.")
    services.support_reply(member=member, text="Thanks.")

    exported = member_data(member)["conversation_with_moderators"]

    assert [(row["from"], row["text"]) for row in exported] == [
        ("the moderators", "We are here."),
        ("you", "Thanks."),
    ]
    assert global_moderator.handle not in str(exported)


def test_key_rotation_reencrypts_the_conversation_with_the_moderators(
    settings, member, global_moderator, capsys
):
    case = services.crisis_check_in_request(member=member)
    services.crisis_reach_out(case=case, acting_user=global_moderator, text="We are here.")
    old_key = settings.MESSAGES_ENCRYPTION_KEYS[0]
    new_key = crypto.generate_key()
    settings.MESSAGES_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_message_keys")

    assert "Re-encrypted 1 message(s)" in capsys.readouterr().out
    settings.MESSAGES_ENCRYPTION_KEYS = [new_key]  # the old key can now go
    assert support_message_text(SupportMessage.objects.get()) == "We are here."


def test_the_member_can_reply_from_the_panel_above_their_post(
    client, forum, member, global_moderator, helplines, post_reply
):
    thread = ThreadFactory(forum=forum, author=member, body="Evening, everyone.")
    client.force_login(member)
    post_reply(thread, PLAN)
    case = Case.objects.get(member=member)
    services.crisis_reach_out(case=case, acting_user=global_moderator, text="We are here.")

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Reply to them here" in page
    client.post(reverse("moderation:support"), {"text": "Thanks, I am safe for now."})

    assert SupportMessage.objects.get(is_from_moderators=False).case == case
