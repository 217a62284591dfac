"""The private safety plan: the member's alone, encrypted at rest, editable, printable, at the
top of the help panel, in the export, gone with erasure."""

import json

from django.conf import settings
from django.db import connection
from django.urls import reverse

from accounts import services
from accounts.enums import ErasureMode
from accounts.exporting import member_data
from accounts.models import SafetyPlan
from accounts.selectors import safety_plan_for
from accounts.services.data import account_erase, erasure_request, export_build, export_request
from accounts.services.peer import safety_plan_save, safety_plans_reencrypt
from core import crypto
from moderation.demo import seed_helplines
from moderation.standing import CRISIS_SUPPORT_SESSION_KEY
from tests.factories import UserFactory

REASON = "CANARY-reasons-my-cat-Juniper"
SIGN = "CANARY-sign-I-stop-answering-texts"


def _plan(user, **sections) -> SafetyPlan:
    values = {"warning_signs": SIGN, "reasons_for_living": REASON, **sections}
    return safety_plan_save(user=user, sections=values)


def _raw_plans() -> list[bytes]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM accounts_safetyplan")
        return [bytes(row[0]) for row in cursor.fetchall()]


def test_the_stored_plan_holds_no_plaintext_and_the_member_reads_it(member_client, member):
    _plan(member)
    raw = _raw_plans()
    assert raw and all(REASON.encode() not in blob and SIGN.encode() not in blob for blob in raw)
    page = member_client.get(reverse("accounts:safety_plan"))
    assert REASON in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


def test_a_plan_cannot_be_moved_to_another_member(member, other_member):
    _plan(member)
    _plan(other_member, reasons_for_living="theirs")
    mine = SafetyPlan.objects.get(user=member)
    SafetyPlan.objects.filter(user=other_member).update(sealed=mine.sealed, key_id=mine.key_id)
    assert safety_plan_for(other_member)["is_unreadable"] is True
    assert safety_plan_for(member)["values"]["reasons_for_living"] == REASON


def test_writing_the_plan_starts_from_the_members_helplines(member_client, member):
    seed_helplines()
    services.user_set_country(user=member, country="GB")
    form = member_client.get(reverse("accounts:safety_plan_edit")).content.decode()
    assert "Samaritans" in form
    response = member_client.post(
        reverse("accounts:safety_plan_edit"),
        {"warning_signs": SIGN, "professionals": "My GP, Dr Rowan", "reasons_for_living": REASON},
    )
    assert response.status_code == 302
    plan = safety_plan_for(member)
    assert plan["values"]["professionals"] == "My GP, Dr Rowan"
    assert plan["values"]["reasons_for_living"] == REASON


def test_too_long_a_section_is_refused_with_the_text_kept(member_client, member):
    long_text = "x" * 2001
    response = member_client.post(
        reverse("accounts:safety_plan_edit"),
        {"warning_signs": long_text, "reasons_for_living": REASON},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "under 2000 characters" in page
    assert REASON in page
    assert not SafetyPlan.objects.exists()


def test_the_plan_is_editable_any_time_and_deletable(member_client, member):
    _plan(member)
    member_client.post(reverse("accounts:safety_plan_edit"), {"reasons_for_living": "new reasons"})
    assert safety_plan_for(member)["values"]["reasons_for_living"] == "new reasons"
    assert safety_plan_for(member)["values"]["warning_signs"] == ""
    member_client.post(reverse("accounts:safety_plan_delete"))
    assert safety_plan_for(member) is None


def test_the_page_has_a_print_stylesheet_and_no_inline_script(member_client, member):
    _plan(member)
    page = member_client.get(reverse("accounts:safety_plan")).content.decode()
    assert "<script" not in page.split("</header>")[1]
    css = (settings.BASE_DIR / "static" / "css" / "hearth.css").read_text()
    assert "@media print" in css and ".safety-plan" in css


def test_visitors_are_sent_to_log_in_and_other_members_see_only_their_own(client, member):
    _plan(member)
    response = client.get(reverse("accounts:safety_plan"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory(handle="someone_else"))
    page = client.get(reverse("accounts:safety_plan")).content.decode()
    assert REASON not in page and "Write my safety plan" in page


def test_moderators_and_operators_cannot_see_plans_in_the_console(client, member, operator):
    _plan(member)
    client.force_login(operator)
    assert client.get("/console/accounts/safetyplan/").status_code == 404
    assert client.get(f"/console/accounts/safetyplan/{member.pk}/change/").status_code == 404
    member_page = client.get(reverse("admin:accounts_user_change", args=[member.pk]))
    assert member_page.status_code == 200
    assert REASON not in member_page.content.decode()
    assert "safety plan" not in client.get("/console/").content.decode().lower()


def test_the_plan_is_at_the_top_of_the_help_panel_after_a_crisis_post(member_client, member):
    _plan(member)
    session = member_client.session
    session[CRISIS_SUPPORT_SESSION_KEY] = True
    session.save()
    page = member_client.get("/").content.decode()
    panel = page.split('class="crisis-support')[1]
    assert panel.index("Your safety plan") < panel.index("Ask a moderator to check in with me")
    assert REASON in panel
    # Shown once, as the panel is.
    assert "Your safety plan" not in member_client.get("/").content.decode()


def test_the_help_page_shows_the_plan_or_offers_to_write_one(member_client, member):
    assert "Write a safety plan" in member_client.get(reverse("moderation:help")).content.decode()
    _plan(member)
    page = member_client.get(reverse("moderation:help")).content.decode()
    assert REASON in page


def test_the_plan_is_in_the_members_export(member):
    _plan(member)
    export = export_request(user=member)[0]
    data = member_data(member)
    assert data["safety_plan"]["sections"]["Reasons for living"] == REASON
    assert data["peer_supporter"] == []
    export_build(export_id=export.pk)
    other = UserFactory(handle="exporter_two")
    assert member_data(other)["safety_plan"] is None
    assert REASON not in json.dumps(member_data(other), default=str)


def test_erasure_removes_the_plan(member):
    _plan(member)
    erasure = erasure_request(user=member, mode=ErasureMode.ANONYMISE)
    assert account_erase(erasure_id=erasure.pk)
    assert not SafetyPlan.objects.exists()


def test_plans_are_resealed_with_the_newest_key(settings, member):
    old_key = settings.MESSAGES_ENCRYPTION_KEYS[0]
    _plan(member)
    new_key = crypto.generate_key()
    settings.MESSAGES_ENCRYPTION_KEYS = [new_key, old_key]
    assert safety_plans_reencrypt() == 1
    settings.MESSAGES_ENCRYPTION_KEYS = [new_key]
    assert safety_plan_for(member)["values"]["reasons_for_living"] == REASON


def test_a_plan_under_a_missing_key_reads_as_unreadable_not_an_error(
    settings, member_client, member
):
    _plan(member)
    settings.MESSAGES_ENCRYPTION_KEYS = [crypto.generate_key()]
    page = member_client.get(reverse("accounts:safety_plan"))
    assert page.status_code == 200
    assert "cannot be read right now" in page.content.decode()
