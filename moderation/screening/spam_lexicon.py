"""Spam patterns written for Hearth: promotion, engagement bait, scams. Bump VERSION."""

from __future__ import annotations

from .helpline_words import HELPLINE_WORDS

VERSION = "spam-2026.12.4"

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
    # "Please help", "please read", "please vote in the poll" and "follow my therapist's
    # advice" are everyday forum posts: below the emit threshold alone, and no "help",
    # "him", "her" or "my" (promo.visit covers "follow my channel").
    (
        "promo.vote_download",
        0.45,
        r"\b(?:please |pls |plz )?vote (?:for )?(?:\w+ ){0,2}?(?:please|pls|daily|now|for me|"
        r"at)\b|\b(?:please|pls|plz) (?:look up|search|vote|download|install|join|click|open|"
        r"read|watch|follow)\b|\bdownload (?:it )?(?:now|free|for free|here)\b|"
        r"\bfollow (?:me|us)\b|\bhit me up\b",
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
    # "I'm an artist", "hey guys, I'm new here": who a member is, not promotion by itself;
    # below the emit threshold so it needs a link or a request to count.
    (
        "bait.promote_me",
        0.45,
        r"\b(?:i'?m an?|i am an?|im an?)\s+(?:\d+\s*(?:yr|year)s?\s*old\s+)?(?:(?:\w+\s+){0,2}?)"
        r"(?:rapper|singer|producer|artist|musician|youtuber|vlogger|gamer|streamer|dj|"
        r"songwriter|beatmaker|model)\b|\bmy (?:new|latest|first) (?:song|video|single|track|"
        r"mixtape|album|channel|music|cover)\b|\bhey guys,? (?:i|check|please|im|i'?m)\b",
    ),
    (
        "click.here",
        0.75,
        r"\b(?:click|tap|go to|visit|use|see|watch)\s+(?:on\s+)?(?:here|this link|the link|my "
        r"link|the link below|link in (?:my )?bio|below)\b"
        # ...but not a pointer to the forum's own pinned post, sidebar or resources page.
        r"(?! in the (?:pinned|sidebar|side bar|rules|faq|resources|wiki|menu|first post))|"
        r"\blink in (?:my )?bio\b",
    ),
    # Money as an offer, not as a worry: "earn enough money", "earn my own money", "extra
    # money worries", "I work from home" and "a free sample" from the GP are members' lives.
    (
        "money.make_money",
        0.85,
        r"\b(?:make|making|earn|earning|earned|get|win)\s+(?:(?:some|real|easy|fast|quick|big|"
        r"serious|free|instant|extra)\s+){1,2}(?:money|cash)\b|"
        r"\b(?:make|making|earn|earning)\s+money\s+(?:online|from home|fast|quickly|easily|"
        r"now|today|daily|from your phone|while you sleep)\b|"
        r"\b(?:make|making|earn|earning|earned|get|win)\s+(?:\w+\s+){0,2}?(?:\$\s?\d+|"
        r"\d+\s?(?:\$|dollars|usd|bucks|euros?))\b|\b(?:earn|make|making|earning)\s+(?:up to\s+)?"
        r"[£$€]\s?\d[\d,.]*k?\+?\s?(?:a|per|/|every|each)\s?(?:day|week|month|hour|wk|hr)\b|"
        r"\bwork (?:from|at) home (?:and|to) (?:earn|make)\b|\bfree (?:money|cash|gift ?cards?|"
        r"iphone|ipad|followers|likes|subs|robux|v-?bucks|coins|giveaway)\b|\bpassive income\b|"
        r"\bper (?:day|hour|week|month) from home\b|\bincome opportunity\b",
    ),
    (
        "money.extra_income",
        0.45,
        r"\bextra (?:money|income|cash)\b",
    ),
    # Naming a coin is a topic ("I lost £200 to a crypto scam"); offering returns, signals
    # or an "account manager" is the scam.
    (
        "money.crypto",
        0.4,
        r"\b(?:bitcoin|btc|crypto(?:currency)?|ethereum|eth|forex|nft|usdt)\b",
    ),
    (
        "money.invest_offer",
        0.7,
        r"\b(?:binary options|trading signals?|invest(?:ment)? (?:plan|opportunity|platform)|"
        r"account manager|guaranteed (?:returns?|profits?|income)|double your (?:money|crypto|"
        r"bitcoin|btc|investment)|\d+ ?% (?:profit|returns?|roi|interest) (?:\w+ )?(?:per|a|"
        r"every|each) (?:day|week|month)|(?:send|deposit) [\d.]+ ?(?:btc|eth|usdt)|recover "
        r"(?:your |lost |stolen )+(?:funds|money|crypto|bitcoin|assets)|(?:funds?|crypto|asset) "
        r"recovery|recovery (?:agent|expert|specialist|hacker))\b",
    ),
    (
        "sell.buy",
        0.6,
        r"\b(?:buy|order|shop|purchase)\s+(?:now|today|here|cheap|online|yours|it now)\b|"
        # Not bare "cheap" ("I feel so cheap") or a "voucher code" for counselling.
        r"\b(?:cheap (?:prices?|deals?|pills|meds)|discount(?:ed)?|wholesale|best price|lowest "
        r"price|price:\s?\$)\b|\b(?:promo|coupon|discount|referral)\s?codes?\b|"
        r"\buse (?:my )?code\b|"
        r"\bno prescription (?:needed|required)\b|\b(?:next day|discreet) (?:delivery|shipping)\b|"
        r"\b\d{1,2}\s?% off\b|\blimited (?:time )?offer\b|\bfree shipping\b",
    ),
    (
        "contact.dm_for",
        0.7,
        r"\b(?:dm|pm|inbox|message|text|whatsapp|contact)\s+(?:me|us)\s+(?:for|to (?:order|buy|"
        r"get|join|learn|know more)|now|today|on whatsapp)\b|\bwhats ?app\s*(?:me|us)?\s*"
        r"(?:on|at|:|\+)?\s*\+?\d|\b(?:call|text)\s+(?:us|now)\b[^.]{0,20}\d{3}|"
        r"\b(?:contact|message|dm) (?:me|us) (?:on|via) (?:telegram|whatsapp|signal)\b",
    ),
    # "DM me" or "inbox me" on its own: a member offering to talk says it too, so it only
    # adds to other evidence.
    (
        "contact.dm_me",
        0.4,
        r"\b(?:dm|pm|inbox|message) (?:me|us)\b",
    ),
    (
        "adult.scam",
        0.85,
        r"\b(?:hot singles|sexy (?:girls|singles)|xxx (?:videos?|movies?|sex|cams?)|"
        r"betting tips|free spins|casino bonus|(?:no )?deposit bonus|"
        r"lose \d+ ?(?:lbs|pounds|kg) in \d+ days|hack(?:ed)? (?:account|generator)|"
        r"generator (?:no survey|free)|no survey)\b",
    ),
    # Porn, gambling and diet pills are what members in recovery talk about: a topic, not
    # an advert, so these only add to other evidence.
    (
        "adult.topic",
        0.35,
        r"\b(?:porn|casinos?|viagra|cialis|weight loss pills|diet pills)\b",
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
        # "You've won me over" and "you won a battle today" are encouragement: "won" counts
        # only before a prize-like word, a sum or "!".
        r"\b(?:you(?:'?ve| have)? (?:just )?won\b(?=\s*[!:]|\s+(?:a |an |the |our |this "
        r"week'?s |\w+ )?(?:\w+ )?(?:[£$€\d]|prize|cash|reward|award|voucher|holiday|trip|"
        r"tickets?|phone|iphone|gift|bonus|draw|jackpot|competition|guaranteed|free))|"
        r"you(?:'?ve| have)? been (?:selected|chosen|awarded)|lucky winner|"
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
        # Opt-out small print is spam; "I just reply STOP to all of them" is a member.
        r"\b(?:reply|send|txt|text) stop\b(?! to (?:all|them|every|each|any|those|these|the|my|"
        r"their|it)\b)|\bto (?:opt ?out|unsubscribe)\b",
    ),
    (
        "intent.call_number",
        0.65,
        r"\b(?:call|ring|dial|phone)\s+(?:now\s+|today\s+|free\s+)?(?:on\s+)?"
        r"\+?\d[\d ]{9,13}\d\b|\b0(?:8[047]|9\d)\d{7,8}\b|"
        # Premium-rate (09xx) and revenue-sharing (084x, 087x) numbers written with spaces;
        # not freephone 080x, which UK helplines use.
        r"\b0(?:9\d|8[47])\d(?: ?\d){6,7}\b",
    ),
    (
        "intent.urgent_offer",
        0.35,
        r"\b(?:urgent!|valid (?:for )?\d+ ?(?:hrs|hours|days)|offer (?:ends|expires)|"
        r"limited time|act now|last chance|final (?:attempt|notice) to (?:contact|reach))\b",
    ),
    # An offer of credit, not a member's debts: "loans approved and then regretted it" and
    # "my debts written off by a charity" are not adverts.
    (
        "intent.loan",
        0.6,
        r"\b(?:loans?|credit) (?:\w+ ){0,4}?(?:approved (?:in|within)|guaranteed|instantly|"
        r"apply now)\b|\bno credit checks?\b|\bbad credit (?:ok|welcome|accepted|no problem|"
        r"fine)\b|\bguaranteed (?:approval|loans?)\b|\bwrit(?:e|ten) off up to \d+ ?%|"
        r"\b(?:quick|fast|instant|same day|payday|cash) loans? (?:today|now|in minutes|"
        r"approved)\b|\b(?:get|give) you an? (?:quick |fast |instant )?loan\b",
    ),
)

# Posts that pass on a helpline ("text HOME to 741741", "call 116 123") are help, not spam.
HELPLINE_CONTEXT = (
    rf"\b(?:{HELPLINE_WORDS}|crisis|suicide|prevention|emergency|"
    r"988|741741|mental health|therapist|counsell?or|gp|"
    # Crisis text lines: Shout's 85258 and "text SHOUT/HOME/HELLO to" a short code.
    r"85258|(?:text|txt|message) (?:shout|home|hello|talk|connect) to \d{5,6})\b"
)

# A per-message or weekly charge: a post quoting one is selling a subscription, even if it
# also names a helpline or mental health ("tips every day, £4.50/week").
PREMIUM_CHARGE = (
    r"\b\d+(?:\.\d\d)?p\s?(?:/|per|a)\s?(?:msg|min|minute|message|txt|wk|week|day)\b|"
    r"(?:£|\$)\d+(?:\.\d\d)?\s?(?:/|per|a)\s?(?:msg|min|minute|message|txt|wk|week|day)\b"
)

# A phone number (ten or more digits, spaces allowed) and a selling word in the same post.
PHONE = r"(?<![\d.])\+?\d(?:[ -]?\d){9,12}(?![\d.])"
PROMO_CUE = (
    r"\b(?:sell|selling|order|buy|price|prices|delivery|loans?|earn|earning|profits?|invest|"
    r"prize|winner|offer|discount|deal)\b|[£$€]\s?\d"
)
