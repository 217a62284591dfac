"""Spam patterns written for Hearth: promotion, engagement bait, scams. Bump VERSION."""

from __future__ import annotations

VERSION = "spam-2026.12.2"

URL = (
    r"\b(?:https?://|www\.)\S+|(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\s?\.\s?(?:com|net|org|info|biz|ly|io|co|"
    r"me|tv|gg|xyz|site|online|shop|store|club|top|link|click|us|uk|de|ru)\b(?:/\S*)?|"
    r"\bwatch\?v=\S+"
)

_ME = r"(?:my|our|me|mine)"
_MEDIA = (
    r"(?:channel|chanel|page|video|vid|vids|videos|profile|website|site|blog|music|songs?|"
    r"stuff|mixtape|album|track|cover|covers|account|stream|playlist|store|shop|app|band|"
    r"art|work|content|podcast|youtube|yt|rap|beats?|instagram|insta|twitter|tiktok|feed)"
)

_SUB = r"(?:s[uo]b?s?c?s?c?ri[bp](?:e|ers?|ing|tion)|subs)"

# (rule_id, weight, pattern)
PATTERNS: tuple[tuple[str, float, str], ...] = (
    (
        "promo.check_out",
        0.7,
        rf"\b(?:check|chek|chk|look|peep|go)\s*(?:out|at)?\s+{_ME}\s+(?:\w+\s+){{0,2}}?{_MEDIA}\b|"
        rf"\b(?:check|chek)\s*(?:it\s+)?out\s*[:!]|\bcheck (?:out )?(?:this|the) (?:channel|"
        r"page|website|site|link|blog|profile|app)\b",
    ),
    (
        "promo.check_this",
        0.55,
        rf"\b(?:come |go |pls |please |plz )?check(?:ing)? (?:out )?(?:this|these|our|my|mah|"
        rf"some of my) (?:\w+ )?(?:{_MEDIA}|parody|mix|trailer|poster|page|game|book)\b",
    ),
    (
        "promo.vote_download",
        0.5,
        r"\b(?:please |pls |plz )?vote (?:for )?(?:\w+ ){0,2}?(?:please|pls|daily|now|for me|"
        r"at)\b|\b(?:please|pls|plz) (?:look up|search|vote|download|install|join|click|open|"
        r"read|watch|follow|help)\b|\bdownload (?:it )?(?:now|free|for free|here)\b|"
        r"\bfollow (?:me|us|him|her|my)\b|\bhit me up\b",
    ),
    (
        "promo.subscribe",
        0.75,
        r"\b(?:subscribe|subscribing|subscriber|sub)\s+(?:to\s+)?(?:my|me|our|him|her|them|this|"
        r"the channel)\b|\bsub\s*(?:4|for)\s*sub\b|\bsubscribe\s*(?:please|pls|plz|!|and)|"
        r"\bplease\s+(?:\w+\s+)?subscribe\b|\bsubscribe\b(?=[^.!?]{0,40}(?:channel|thanks|back))",
    ),
    (
        "promo.subscribe_any",
        0.7,
        rf"\b{_SUB}\W*(?:to\W+)?(?:my|me|our|him|her|us|this channel|\w+'?s channel)\b|"
        rf"\b{_SUB}\W*(?:please|pls|plz|thx|thanks|and|like|comment|share|!)|"
        rf"\b(?:please|pls|plz)\W+{_SUB}\b|\b(?:get|reach|hit|have|over|gain) (?:\w+ )?\d+ "
        rf"{_SUB}\b|\b\d+ {_SUB}\b(?= (?:by|before|and|i will|i'?ll))",
    ),
    (
        "promo.my_channel",
        0.55,
        r"\b(?:my|our) (?:\w+ )?(?:youtube |yt |gaming |music |new |first |little )?(?:channel|"
        r"chanel|vids|vidios|videos|covers|mixtape)\b|\b(?:made|started|start|opened) (?:a|my) "
        r"(?:\w+ )?(?:channel|youtube)\b",
    ),
    (
        "promo.check_me",
        0.4,
        r"\bcheck (?:me|them|it|this|us|mine) out\b|\bcheck(?:ing)? out (?:my|our)\b|"
        r"\b(?:add|join|friend) me (?:on|here|at)\b|\bjoin (?:me|us) (?:on|at)\b",
    ),
    (
        "promo.fundraise",
        0.5,
        r"\b(?:gofundme|indiegogo|kickstarter|patreon|paypal\.me|ko-fi|cash\.?app|venmo|"
        r"petition|fundraiser|donate)\b",
    ),
    (
        "promo.visit",
        0.65,
        rf"\b(?:visit|view|watch|listen to|hear|see|follow|support)\s+{_ME}\s+"
        rf"(?:\w+\s+)?{_MEDIA}\b|"
        r"\bfollow me (?:on|@)\b|\bfollow (?:back|for follow|4 follow)\b",
    ),
    (
        "promo.please_support",
        0.35,
        r"\b(?:please|pls|plz|kindly)\s+(?:\w+\s+){0,2}?(?:share|like|support|give (?:me|it) a "
        r"(?:chance|listen|try)|take a (?:moment|minute|second|look)|help me (?:out|reach|get|"
        r"grow|achieve))\b",
    ),
    (
        "bait.like_comment",
        0.7,
        r"\b(?:like|thumbs up|upvote|share)\s+(?:this|my)\s+(?:\w+\s+)?(?:comment|post|pic|"
        r"photo)\b|\b(?:like|thumbs up|upvote) (?:this )?if\b|\bgive (?:this|me|my \w+) a "
        r"(?:like|thumbs up)\b",
    ),
    (
        "bait.promote_me",
        0.55,
        r"\b(?:i'?m an?|i am an?|im an?)\s+(?:\d+\s*(?:yr|year)s?\s*old\s+)?(?:(?:\w+\s+){0,2}?)"
        r"(?:rapper|singer|producer|artist|musician|youtuber|vlogger|gamer|streamer|dj|"
        r"songwriter|beatmaker|model)\b|\bmy (?:new|latest|first) (?:song|video|single|track|"
        r"mixtape|album|channel|music|cover)\b|\bhey guys,? (?:i|check|please|im|i'?m)\b",
    ),
    (
        "click.here",
        0.75,
        r"\b(?:click|tap|go to|visit|use|see|watch)\s+(?:on\s+)?(?:here|this link|the link|my "
        r"link|the link below|link in (?:my )?bio|below)\b|\blink in (?:my )?bio\b",
    ),
    (
        "money.make_money",
        0.85,
        r"\b(?:make|making|earn|earning|earned|get|win)\s+(?:\w+\s+){0,2}?(?:money|cash|\$\s?\d+|"
        r"\d+\s?(?:\$|dollars|usd|bucks|euros?))\b|\bwork (?:from|at) home\b|\bextra (?:money|"
        r"income|cash)\b|\bfree (?:money|cash|gift ?cards?|iphone|ipad|followers|likes|subs|"
        r"robux|v-?bucks|coins|giveaway|samples?)\b|\bpassive income\b|\bper (?:day|hour|"
        r"week|month) from home\b|\bincome opportunity\b",
    ),
    (
        "money.crypto",
        0.7,
        r"\b(?:bitcoin|btc|crypto(?:currency)?|ethereum|eth|forex|nft|binary options|usdt|"
        r"trading signals?|invest(?:ment)? (?:plan|opportunity|platform)|account manager)\b",
    ),
    (
        "sell.buy",
        0.6,
        r"\b(?:buy|order|shop|purchase)\s+(?:now|today|here|cheap|online|yours|it now)\b|"
        r"\b(?:cheap|discount(?:ed)?|wholesale|best price|lowest price|price:\s?\$)\b|"
        r"\b(?:promo|coupon|discount|referral|invite|voucher)\s?codes?\b|\buse (?:my )?code\b|"
        r"\b\d{1,2}\s?% off\b|\blimited (?:time )?offer\b|\bfree shipping\b",
    ),
    (
        "contact.dm_for",
        0.7,
        r"\b(?:dm|pm|inbox|message|text|whatsapp|contact)\s+(?:me|us)\s+(?:for|to (?:order|buy|"
        r"get|join|learn|know more)|now|today|on whatsapp)\b|\bwhats ?app\s*(?:me|us)?\s*"
        r"(?:on|at|:|\+)\s*\+?\d|\b(?:call|text)\s+(?:us|now)\b[^.]{0,20}\d{3}",
    ),
    (
        "adult.scam",
        0.85,
        r"\b(?:hot singles|sexy (?:girls|singles)|xxx (?:videos?|movies?|sex|cams?)|porn|casino|"
        r"betting tips|viagra|cialis|"
        r"weight loss pills|lose \d+ ?(?:lbs|pounds|kg) in|hack(?:ed)? (?:account|generator)|"
        r"generator (?:no survey|free)|no survey)\b",
    ),
    (
        "engagement.views",
        0.35,
        r"\b(?:who(?:'?s| is)? (?:still )?(?:watching|listening)|anyone (?:watching|"
        r"listening)) (?:this )?(?:in|on)\s+(?:\d{4}|20\d\d)\b|\bif (?:you(?:'?re| are)|ur|u r) "
        r"(?:watching|listening)\b",
    ),
    # --- intent: prize and claim scams, premium shortcodes, "text X to", loans -------------
    # Written from how SMS and messaging scams are put; a post naming a helpline is never
    # caught by these (see HELPLINE_CONTEXT).
    (
        "intent.prize",
        0.7,
        r"\b(?:you(?:'?ve| have)? (?:won|been (?:selected|chosen|awarded))|"
        r"(?:claim|collect|redeem) (?:your |ur |a )?(?:\w+ )?(?:prize|reward|cash|award|voucher|"
        r"bonus|gift)|(?:guaranteed|free) (?:cash|prize|entry|award|reward|gift|vouchers?|"
        r"holiday|ringtones?|camera phone)|to claim\b|\bwinner!|"
        r"(?:£|\$|€)\s?\d[\d,]{2,} (?:cash|prize|award|reward|bonus))",
    ),
    (
        "intent.shortcode",
        0.8,
        r"\b(?:text|txt|send|reply|sms)\s+(?:\w+\s+){0,2}?(?:to|2|on)\s+\d{5}\b|"
        r"\b\d+(?:\.\d\d)?p?\s?(?:/|per|a)\s?(?:msg|min|minute|message|txt|wk|week)\b|"
        r"\b(?:£|\$)\d+(?:\.\d\d)?\s?(?:/|per)\s?(?:msg|min|wk|week|txt)\b|"
        r"\b(?:reply|send|txt|text) stop\b|\bto (?:opt ?out|unsubscribe)\b",
    ),
    (
        "intent.call_number",
        0.65,
        r"\b(?:call|ring|dial|phone)\s+(?:now\s+|today\s+|free\s+)?(?:on\s+)?"
        r"\+?\d[\d ]{9,13}\d\b|\b0(?:8[047]|9\d)\d{7,8}\b",
    ),
    (
        "intent.urgent_offer",
        0.35,
        r"\b(?:urgent!|valid (?:for )?\d+ ?(?:hrs|hours|days)|offer (?:ends|expires)|"
        r"limited time|act now|last chance|final (?:attempt|notice) to (?:contact|reach))\b",
    ),
    (
        "intent.loan",
        0.6,
        r"\b(?:loans?|credit|debts?) (?:\w+ ){0,4}?(?:approved|guaranteed|instantly|today|"
        r"no credit check|bad credit|written off|apply now)\b",
    ),
)

# Posts that pass on a helpline ("text HOME to 741741", "call 116 123") are help, not spam.
HELPLINE_CONTEXT = (
    r"\b(?:crisis|helpline|hotline|lifeline|samaritans|suicide|prevention|emergency|"
    r"988|741741|support line|text line|mental health|therapist|counsell?or|gp)\b"
)
