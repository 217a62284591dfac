"""PII screener: emails, phones, addresses, social handles, name + place, with spans."""

import pytest

from moderation.screening import ScreeningContext
from moderation.screening.pii import screen_pii

POSITIVE = [
    ("mail me at jo.bloggs+forum@example.co.uk ok", "pii.email", "jo.bloggs+forum@example.co.uk"),
    ("my email is jane (at) example (dot) com", "pii.email", None),
    ("call me on +44 20 7946 0958 tonight", "pii.phone", "+44 20 7946 0958"),
    ("ring 020 7946 0958 after six", "pii.phone", "020 7946 0958"),
    ("text (415) 555-0132 anytime", "pii.phone", "(415) 555-0132"),
    ("meine Nummer: +49 30 901820", "pii.phone", "+49 30 901820"),
    ("appelle-moi au 06 12 34 56 78", "pii.phone", "06 12 34 56 78"),
    ("whatsapp +91 98765 43210", "pii.phone", "+91 98765 43210"),
    ("I live at 221B Baker Street, London", "pii.address", "221B Baker Street"),
    ("Wir wohnen in der Hauptstraße 5 in Berlin", "pii.address", "Hauptstraße 5"),
    ("c'est au 12 rue de la Paix", "pii.address", "12 rue de la Paix"),
    ("follow instagram.com/jane_doe_99", "pii.social_handle", "instagram.com/jane_doe_99"),
    ("my insta is @jane.doe", "pii.social_handle", None),
    ("add me on discord: moonlight#4821", "pii.social_handle", None),
    ("join t.me/quietroom", "pii.social_handle", "t.me/quietroom"),
    ("My name is Jane Smith and I live in Leeds", "pii.name_place", None),
    # A member's own number beside a helpline's name is still theirs.
    ("The helpline was useless, call me on 07911 123456 instead", "pii.phone", "07911 123456"),
    ("Samaritans volunteer here, my mobile is 0800 689 5652", "pii.phone", "0800 689 5652"),
]

NEGATIVE = [
    "I was born on 12/05/1998 and moved in 2019",
    "I'm down to 89 lbs and it scares me",
    "rent went up to $1,250 this month",
    "it took 2019-2023 to get a diagnosis",
    "my appointment is at 10:30 on 2024-05-12",
    "I've been clean for 365 days",
    "the card ending 4111 1111 1111 1111 was charged",
    "server at 192.168.100.200 is down",
    "my SSN is 078-05-1120",  # a different kind of PII, not a phone number
    "I got 1200 views on my drawing",
    # A helpline's freephone, shared-cost or non-geographic number, given as the service's.
    "Call 0800 689 5652 for the CALM helpline (5pm to midnight).",
    "In the US you can call the lifeline on 1-800-273-8255 any time.",
    "Mind infoline: 0300 123 3393.",
    "Lifeline Australia 13 11 14 or 1300 659 467.",
]


@pytest.mark.parametrize(("text", "label", "expected"), POSITIVE)
def test_pii_is_found_with_its_span(text, label, expected):
    sigs = [s for s in screen_pii(text) if s.label == label]
    assert sigs, (text, screen_pii(text))
    for s in sigs:
        assert text[s.span[0] : s.span[1]] == s.matched
    if expected:
        assert any(s.matched == expected for s in sigs), [s.matched for s in sigs]


@pytest.mark.parametrize("text", NEGATIVE)
def test_dates_money_weights_ids_and_helpline_numbers_are_not_personal_phones(text):
    assert not [s for s in screen_pii(text) if s.label == "pii.phone"], text


def test_region_hint_is_tried_first():
    ctx = ScreeningContext(phone_regions=("NL",))
    sigs = screen_pii("bel me op 020 123 4567", ctx)
    assert [s.label for s in sigs] == ["pii.phone"]


def test_plain_at_mention_is_not_a_social_handle():
    assert screen_pii("thanks @moonlight for the advice") == []
