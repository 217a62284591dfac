"""Spam screener: links from new accounts, repeated posts, promotion patterns."""

import pytest

from moderation.screening import ScreeningContext, normalize, text_fingerprint
from moderation.screening.spam import screen_spam

NEW = ScreeningContext(author_trust="new")
MEMBER = ScreeningContext(author_trust="member")
TRUSTED = ScreeningContext(author_trust="trusted")

SPAM = [
    "check out my channel!!! subscribe please",
    "FREE MONEY: earn $500 per day working from home, dm me for details",
    "click here http://bit.ly/xyz to win a free iphone",
    "Best crypto investment plan, whatsapp me on +1 555 010 9999",
    "http://cheap-pills.example.com",
    "like this comment if you are reading this in 2025",
    "use promo code SAVE20 for 20% off",
    "sub4sub anyone? my channel is new",
]

NOT_SPAM = [
    "I found the breathing exercise in the pinned post really helpful",
    "Does anyone have tips for sleeping better?",
    "Thank you all, I feel less alone tonight",
    "My therapist recommended a book about anxiety, has anyone read it?",
    "I like this community a lot",
    "I got a free trial of a meditation app and it actually helped",
]


@pytest.mark.parametrize("text", SPAM)
def test_spam_from_new_members_is_flagged(text):
    assert screen_spam(normalize(text), NEW), text


@pytest.mark.parametrize("text", NOT_SPAM)
def test_ordinary_posts_are_not_spam(text):
    assert screen_spam(normalize(text), NEW) == [], text


def test_trust_lowers_the_weight_of_links():
    text = "Here is the leaflet I mentioned: https://www.example.org/sleep-guide.pdf"
    new = screen_spam(normalize(text), NEW)
    trusted = screen_spam(normalize(text), TRUSTED)
    assert new and not trusted


def test_repeated_long_post_by_same_author_is_flagged():
    text = "Hello everyone, I am selling handmade candles, message me for prices and colours."
    ctx = ScreeningContext(author_trust="member", recent_text_hashes=(text_fingerprint(text),))
    labels = {s.label for s in screen_spam(normalize(text), ctx)}
    assert "spam.repeated" in labels


def test_fingerprint_ignores_case_spacing_and_invisible_characters():
    assert text_fingerprint("Hello   World!") == text_fingerprint("hello w\u200borld")
    assert text_fingerprint("hello world") != text_fingerprint("hello there")


SPAM_BY_INTENT = [
    "Congratulations! You have won a 1000 pound prize. To claim call 09012345678 now.",
    "URGENT! Your mobile number has been selected for a free holiday. Text WIN to 80123.",
    "Get the best ringtones every week, 150p per msg, reply STOP to end.",
    "Bad credit? Loans approved today, no credit check. Call now on 0800 123 4567.",
]
NOT_SPAM = [
    "If you are in danger tonight, text HOME to 741741 or call the crisis line.",
    "My sister won a prize at school today and I'm so proud.",
    "Call me later? My number changed, I'll message you.",
    "I need to text my landlord about the rent again.",
]


@pytest.mark.parametrize("text", SPAM_BY_INTENT)
def test_scams_and_premium_offers_are_spam_without_any_link(text):
    assert screen_spam(normalize(text), ScreeningContext(author_trust="new"))


@pytest.mark.parametrize("text", NOT_SPAM)
def test_helplines_and_everyday_texts_are_not_spam(text):
    assert not screen_spam(normalize(text), ScreeningContext(author_trust="new"))
