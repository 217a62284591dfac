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
NOT_SPAM_EVERYDAY = [
    "If you are in danger tonight, text HOME to 741741 or call the crisis line.",
    "My sister won a prize at school today and I'm so proud.",
    "Call me later? My number changed, I'll message you.",
    "I need to text my landlord about the rent again.",
]


@pytest.mark.parametrize("text", SPAM_BY_INTENT)
def test_scams_and_premium_offers_are_spam_without_any_link(text):
    assert screen_spam(normalize(text), ScreeningContext(author_trust="new"))


@pytest.mark.parametrize("text", NOT_SPAM_EVERYDAY)
def test_helplines_and_everyday_texts_are_not_spam(text):
    assert not screen_spam(normalize(text), ScreeningContext(author_trust="new"))


# Written for Hearth: posts members write that share words with spam (winning, claiming,
# free, money, crypto, loans, gambling, helpline text lines), and spam written the way it
# arrives, often with no link at all.
MEMBER_POSTS_SHARING_SPAM_WORDS = [
    "I won a small battle today and got out of bed",
    "Text SHOUT to 85258 if you can't talk out loud",
    "My doctor gave me a free sample of the new cream",
    "I claimed my PIP benefits today after months",
    "The crisis line is free and open 24/7",
    "I cashed my first paycheck at the new job",
    "I lost £200 to a crypto scam and I feel stupid",
    "Congratulations on 100 days clean!!",
    "Click the link in the pinned post for the helpline list",
    "Text HOME to 85258 any time, day or night, it's free",
    "Call NHS 111 or text SHOUT to 85258, both are free",
    "I'm trying to earn enough money to move out of my parents' house",
    "My mum keeps saying I should get a job and earn my own money",
    "Extra money worries this month, the car broke down again",
    "Working from home has been a lifesaver for my anxiety, but I miss people",
    "My brother keeps trying to get me to invest in bitcoin and it's stressing me out",
    "A debt charity helped me get some of my debts written off and I can finally breathe",
    "Has anyone had loans approved and then regretted it? The interest is crushing me",
    "The casino ads on TV make it so hard to stay off gambling",
    "I'm 40 days without betting and I deleted every casino app",
    "I got a £500 bonus at work and I still feel like a failure",
    "I feel so cheap and used after what he did",
    "My work gave me a voucher code for six free counselling sessions",
    "I try to follow my therapist's advice but some days I can't",
    "I'm a singer in a small choir and it's the only thing that calms me",
    "I'm an artist and I haven't been able to paint for months",
    "Please vote in the poll about the new meeting times",
    "I get so many spam texts that I just reply STOP to all of them now",
    "You've won me over, I'll try the breathing exercise tonight",
    "I won £20 on a scratch card and bought my mum flowers",
    "Samaritans are on 116 123, it's free to call from any phone",
    "I finally rang the number on the leaflet and booked a call back",
    "Please help, I don't know what to do anymore",
    "Hey guys, I'm new here and a bit nervous to post",
    "Day 30 without porn and the urges are finally easing",
    "I used to take weight loss pills every day and my heart would race",
    "If you ever want to talk, DM me",
    "Call CALM on 0800 58 58 58, it's free and they're lovely",
    "Citizens Advice helped me claim PIP, their number is 0800 144 8848",
    "I work from home now and it gets really lonely",
]

SPAM_BY_INTENT_WITHOUT_LINKS = [
    (
        "WINNER!! As a valued customer you have been selected for a £900 reward. Call 09061 now "
        "to claim, valid 12 hours"
    ),
    "Call 09061 now to claim your prize",
    "Free entry into our weekly draw to win concert tickets. Text WIN to 87121 to enter",
    "You have 1 new voicemail waiting. Please call 08719 181 513 to listen",
    "Your number has been credited with a £500 bonus, txt CLAIM to 81010 now. 150p/msg",
    "DM me to earn $500/day from your phone",
    (
        "Need a loan? Get up to £5000 in your account within 24 hours, bad credit OK, text LOAN "
        "to 60300"
    ),
    "I made $12,000 in two weeks trading bitcoin, message Mr James on WhatsApp +44 7700 900123",
    "Double your crypto in 7 days with guaranteed returns. Contact my account manager",
    "Hi I'm Sarah, I trade forex for people and they earn weekly profits. Inbox me",
    "Congratulations! You've been chosen for a £250 supermarket gift card. Reply YES to claim",
    "Get 10 new ringtones every week! Txt TONE to 85555. £3/wk, reply STOP to end",
    "Sexy local singles want to chat tonight, text DATE to 69866",
    (
        "Struggling with debt? A new government scheme can write off up to 80% of what you owe. "
        "Call 0800 043 2211 free today"
    ),
    "Payday loans approved in minutes, no credit checks, apply now",
    "Want to earn £300 a week from home? Message me on WhatsApp for details",
    "Bitcoin doubler: send 0.1 BTC and get 0.2 BTC back instantly",
    (
        "Your mobile was picked in our monthly draw and you are due a £2,000 cash award. Ring "
        "09050 001 295 before midnight"
    ),
    (
        "Lost money to a crypto scam? I am a certified recovery agent and can get your funds "
        "back, contact me on telegram"
    ),
    "Lonely tonight? Chat to real girls for only 75p per minute, call 0909 871 2204",
    "Final notice: your prize of £800 is still waiting. Call our claims team on 0871 277 8810",
    "Make money online with my simple system, I made £4k last month, DM for info",
    (
        "Anyone struggling with money, I can get you a quick loan today, no questions asked, text"
        " me on 07700 900456"
    ),
    "Join my investment group and make 30% profit every week, guaranteed",
    "Text CASH to 89070 now to get your free £50 voucher",
    "You are the lucky winner of our iPhone 15 giveaway! Reply with your address to receive it",
    "Feeling low? I sell herbal anxiety pills that cured me, WhatsApp 07911 123456 to order",
    "Guaranteed approval for cash loans up to £1000, call 0330 123 4567",
    "Mental health tips every day! Text CALM to 88055, £4.50/week, reply STOP to end",
    "Hey guys, I earn £200 a day doing online surveys, message me and I'll show you how",
    "Cheap Xanax and Valium, no prescription needed, next day delivery, WhatsApp +44 7418 552210",
    "Claim your free £100 betting credit now, text BET to 64400",
]


@pytest.mark.parametrize("trust", ["new", "member"])
@pytest.mark.parametrize("text", MEMBER_POSTS_SHARING_SPAM_WORDS)
def test_member_posts_that_share_words_with_spam_are_not_spam(text, trust):
    assert not screen_spam(normalize(text), ScreeningContext(author_trust=trust)), text


@pytest.mark.parametrize("text", SPAM_BY_INTENT_WITHOUT_LINKS)
def test_spam_by_intent_from_new_accounts_is_flagged(text):
    assert screen_spam(normalize(text), NEW), text
