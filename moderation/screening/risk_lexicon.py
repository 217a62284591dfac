"""Risk-tier phrases written for Hearth, aligned with the C-SSRS categories.

The crisis lexicon finds ideation, intent, plans, means and goodbyes; these patterns add what
it lacks or down-weights: method research, rehearsal, dated plans and countdowns, attempts under
way, past attempts (behaviour, not stories), self-harm in everyday words, ideation said
implicitly (passive wishes, death as a relief or the better option, nothing left to live for,
slang), and distress. Each
entry is (kind, tier, weight, keeps_past, pattern): `keeps_past` says the phrase keeps its weight
in the past tense (a past attempt is behaviour, however long ago). Patterns run on the same
normalised text as the crisis lexicon, with its {MACROS}. Written from the C-SSRS wording and
how people commonly put these things, not taken from any evaluation set.
"""

from __future__ import annotations

VERSION = "risk-2026.12.9"

TIERS: tuple[str, ...] = ("none", "distress", "ideation", "behaviour", "imminent")
TIER_RANK: dict[str, int] = {tier: rank for rank, tier in enumerate(TIERS)}

# After "overdosed": a treat or a show, said in jest ("overdosed on sugar at the party").
# Caffeine stays: caffeine pills are a real overdose.
NOT_A_DRUG = (
    r"(?! on (?:coffee|sugar(?![- ]free)|chocolate|candy|sweets|netflix|tv|cuteness|carbs|"
    r"cake|pizza|memes|anime)\b)"
)
# After "I won't be here tomorrow": away, not gone ("…, I'm flying to Spain for a week").
AWAY_NOT_GONE = (
    r"(?![^.!?\n]{0,60}\b(?:flying|fly|travel\w*|trip|holiday|vacation|be back|back on|off to|"
    r"camping|visiting|no wifi|no signal|offline|at work|on shift|night shift|wedding|surgery|"
    r"operation)\b)"
)
_NUM = r"(?:\d+|a|one|two|three|four|five|six|seven|a few|few|couple of|a couple of)"
_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
    r"this weekend|next week|my birthday|new year'?s?|christmas|the (?:\d+)(?:st|nd|rd|th)?)"
)
# Medicines people overdose on, by name ("I took 40 sertraline"): the pattern's words and its
# anchors.
DRUG_NAMES: tuple[str, ...] = (
    "pills", "tablets", "capsules", "meds", "sertraline", "citalopram", "fluoxetine", "prozac",
    "amitriptyline", "paracetamol", "acetaminophen", "tylenol", "ibuprofen", "advil", "aspirin",
    "codeine", "tramadol", "oxycodone", "xanax", "valium", "diazepam", "lorazepam", "zopiclone",
    "quetiapine", "seroquel", "lithium", "benadryl", "painkillers", "antidepressants",
    "sleeping pills",
)  # fmt: skip
_DRUGS = "(?:" + "|".join(DRUG_NAMES) + ")"
# Said of an overdose: it was just now, or the writer feels it now.
_JUST_NOW = (
    r"\b(?:(?:an?|\d+|few|couple of) (?:minutes?|mins?|hours?|hrs?) ago|tonight|right now|"
    r"just now|now|feeling|i feel|i'?m (?:scared|dizzy|shaking|sorry|feeling))\b"
)
# Told as a story: "…and woke up in hospital", "…when I was 15", "…years ago".
_NOT_A_STORY = (
    r"(?![^.!?\n]{0,80}\b(?:(?:years?|months?|weeks?|days?) (?:ago|later|before)|woke up|"
    r"in hospital|when i was|back in|as a (?:kid|teen|teenager)|in (?:19|20)\d\d)\b)"
)
# A method said as what one will do: with a time, a plan as much as "end it" is.
_ACT = (
    r"(?:overdose|od|hang myself|slit my wrists|jump off (?:a|the|that) (?:bridge|building|roof|"
    r"cliff|balcony|car park|parking garage|tower)|take (?:all|every one|the rest) (?:of )?"
    r"(?:my|the|these|those) (?:pills|tablets|meds|sleeping pills|painkillers)|take (?:the|a) "
    r"whole (?:bottle|box|packet|pack) of (?:my )?(?:pills|tablets|meds|sleeping pills|"
    r"painkillers|paracetamol))"
)
_END = (
    r"(?:do it|end it|end (?:it all|my life|things)|kill myself|die|be gone|be dead|go through "
    rf"with it|take my (?:own )?life|not be here|say goodbye|{_ACT})"
)
_METHOD = (
    r"(?:pills?|tablets|overdos\w*|od|hang(?:ing)?|noose|rope|jump(?:ing)?|bridge|gun|"
    r"cut(?:ting)?|wrists?|bleed(?:ing)? out|carbon monoxide|helium|poison\w*|drown\w*)"
)

# (kind, tier, weight, keeps_past, pattern)
RULES: tuple[tuple[str, str, float, bool, str], ...] = (
    # --- imminent: a plan with a time, a goodbye, an attempt under way ----------------------
    (
        "dated_plan",
        "imminent",
        0.9,
        False,
        rf"\b(?:on|by|before|after|this|next|until|till) {_DAY}\b[^.!?\n]{{0,40}}"
        rf"\b(?:i(?:'?ll| will| am going to|'?m going to|'?m gonna| plan to)) {{ADV}}{_END}\b|"
        rf"\bi(?:'?ll| will|'?m going to|'?m gonna| plan to) {{ADV}}{_END} "
        rf"(?:on|by|before|this|next|after) {_DAY}\b|"
        # a plan for tonight or tomorrow, said in words that are never everyday ("do it" is)
        r"\bi(?:'?ll| will|'?m going to|'?m gonna| plan to|'?m planning (?:on|to)| am "
        r"planning to) {ADV}(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my life|it)|"
        r"tak(?:e|ing) my (?:own )?life|go(?:ing)? through with it|commit(?:ting)? suicide|"
        rf"{_ACT}) (?:tonight|tomorrow|today)\b(?! with\b)",
    ),
    (
        "countdown",
        "imminent",
        0.85,
        False,
        rf"\b{_NUM} (?:more )?(?:days?|nights?|hours?|weeks?) (?:left|to go)\b[^.!?\n]{{0,40}}"
        r"\b(?:before i (?:go|do it|end it|die)|until i (?:go|do it|end it|die|am gone)|"
        r"to live|alive|on this earth)\b|"
        r"\b(?:my )?(?:last|final) (?:\w+ )?(?:days?|nights?|hours?) (?:alive|on (?:this )?earth|"
        r"of my life)\b|\bcount(?:ing)? down (?:the days|to (?:the end|my last))\b",
    ),
    (
        "goodbye",
        "imminent",
        0.9,
        False,
        r"\b(?:this is|it'?s) (?:my|the) (?:last|final) (?:post|message|time (?:i'?ll|i will|"
        r"you'?ll)|goodbye)\b|\bgoodbye (?:everyone|all|world|forever|for good|cruel world)\b|"
        r"\bby the time (?:you|anyone|someone) (?:reads?|sees?|finds?) this\b|"
        r"\bi won'?t be (?:here|around|alive) (?:tomorrow|by morning|much longer|after tonight)\b"
        rf"{AWAY_NOT_GONE}|"
        # "this is goodbye", not "…goodbye to my old flat" or "…goodbye for now"
        r"\b(?:this is|it'?s) goodbye\b(?! (?:to|for now|party|card|gift|present|song|for a "
        r"(?:while|bit|few))\b)|\bgood ?night forever\b|"
        r"\b(?:tell|let) my (?:\w+ ){0,2}(?:i (?:love|loved)|i'?m sorry)\b|"
        # goodbyes said to everyone, not to someone who died ("…to grandma")
        r"\b(?:i'?ve|i have|i) (?:already |just |now )?said (?:all )?my (?:last |final )?"
        r"goodbyes?\b(?! to (?!everyone|you all|all of you|the world|everybody)\w)",
    ),
    (
        "attempt_under_way",
        "imminent",
        0.95,
        True,
        r"\bi(?:'?ve| have)? (?:just |already )(?:took|taken|swallowed|downed) "
        r"(?:\w+ ){0,3}(?:pills|tablets|meds|bottle)\b|"
        # "I've taken all my pills": done now (not "…for today", "…as prescribed")
        r"\bi(?:'?ve| have) (?:taken|swallowed|downed) (?:all|every one|the rest|the whole|a whole)"
        r" (?:bottle |box |packet |pack )?(?:of )?(?:my |the |these |those )?(?:\w+ )?(?:pills|"
        r"tablets|meds|medication|painkillers|paracetamol|antidepressants)\b(?! (?:for (?:today|"
        r"the day|the week|this morning|tonight)|today|this morning|on time|as prescribed|like)\b)|"
        # an overdose taken just now: a count or a handful (with "just" or a moment after it:
        # "I took 40 pills and woke up in hospital" is a past attempt, behaviour), everything
        # in the cabinet, "them all" (unless the sentence tells it as a story)
        r"\b(?:(?:just|already) (?:took|swallowed|downed)|(?:took|swallowed|downed)(?="
        rf"[^.!?\n]{{0,60}}{_JUST_NOW})) (?:like |about |around |over )?(?:[1-9]\d+|twenty|"
        rf"thirty|forty|fifty|a hundred) (?:of )?(?:my |her |his |the )?{_DRUGS}\b|"
        r"\b(?:(?:just|already) (?:took|swallowed|downed)|(?:took|swallowed|downed)(?="
        rf"[^.!?\n]{{0,60}}{_JUST_NOW})) (?:a (?:bunch|handful|load|lot|heap|pile)|handfuls|"
        rf"loads) of (?:my |the |her |his )?(?:\w+'?s )?(?:\w+ )?{_DRUGS}\b|"
        r"\b(?:took|swallowed|downed) (?:everything in the (?:medicine )?(?:cabinet|cupboard|"
        r"drawer|box)\b|them all\b(?! (?:to|out|home|with|back|in|for|at|on|off|down|up|"
        rf"along)\b)){_NOT_A_STORY}|"
        # a cut that will not stop bleeding, the means in hand, written from the place
        r"\b(?:cut|cuts|cutting|wound|wrists?|arm|leg|thigh)\b[^.!?\n]{0,40}\b(?:won'?t|"
        r"will not|doesn'?t|does not|isn'?t|is not|can'?t get it to) stop(?:ping)? bleeding\b|"
        r"\bi (?:have|'?ve got|am holding|'?m holding) (?:the|a|my) (?:gun|pills|rope|noose|"
        r"knife|blade|razor) (?:in my (?:lap|hands?|mouth)|next to me|beside me|"
        r"in front of me)\b|"
        r"\b(?:writing|posting|typing) (?:this )?(?:from|on) (?:the|a) (?:roof|rooftop|bridge|"
        r"ledge|cliff|tracks|balcony|top of (?:the|a) (?:building|car park|parking garage))\b"
        r"(?! (?:terrace|garden|bar|party|deck|pool|restaurant|cafe)\b)|"
        # a method with the moment: "jump when the train comes"
        r"\bi'?m (?:going to|gonna|about to) (?:jump|step) (?:in front of (?:the |a )?"
        r"(?:train|bus|truck|lorry)|(?:off|from) (?:the|a|this) {HEIGHT}|when the (?:train|bus) "
        r"comes)\b|"
        r"\b(?:going to|gonna|will) do it (?:tonight|today|now)\b[^.!?\n]{0,40}\b(?:no ?one|"
        r"nobody|nothing) (?:will|can|is going to|could) stop me\b(?! from)|"
        # a car's engine running in a closed garage
        r"\bgarage\b[^.!?\n]{0,50}\bengine (?:is |still )?running\b|"
        r"\bengine (?:is |still )?running\b[^.!?\n]{0,50}\bgarage\b|"
        r"\bi'?m (?:standing|sitting) on (?:the|a) (?:edge|ledge|bridge|roof|railing)\b|"
        r"\bthe (?:pills|rope|noose|gun) (?:is|are) (?:in (?:my hand|front of me)|next to me|"
        r"ready)\b|\b(?:i'?m|i am) bleeding (?:a lot|out|and (?:can'?t|won'?t))\b",
    ),
    # --- behaviour: preparation, method research, rehearsal, self-harm, past attempts -------
    (
        "method_research",
        "behaviour",
        0.8,
        True,
        r"\b(?:research(?:ed|ing)?|look(?:ed|ing)? up|googl(?:ed|ing)|search(?:ed|ing)?(?: for)?|"
        r"read(?:ing)? up on|watch(?:ed|ing) videos (?:on|about)) (?:\w+ ){0,3}?"
        r"(?:how to (?:die|kill myself|end it|overdose|hang|od)|(?:suicide )?methods?|"
        r"(?:ways|how) to (?:die|end (?:it|my life)|kill myself)|lethal dos\w*|"
        r"how many (?:\w+ ){0,2}?(?:pills|tablets)|painless (?:ways?|death)|overdos\w*|"
        r"suicide)\b|"
        r"\b(?:what'?s|what is|which is) (?:the )?(?:most )?(?:painless|quickest|fastest|"
        r"surest|easiest) (?:way|method) to (?:die|go|end it|kill myself)\b|"
        r"\bhow many (?:\w+ ){0,2}?(?:pills|tablets|mg) (?:(?:would|does|do|will) it take "
        r"(?:to|for)|it(?:'?d| would| will) take)\b|"
        r"\b(?:lethal|fatal) dose of\b|\bhow long (?:does|would) it take to (?:die|bleed out)\b",
    ),
    (
        "rehearsal",
        "behaviour",
        0.85,
        True,
        r"\b(?:practi[cs](?:ed|ing)|rehears(?:ed|ing)|tested|test(?:ing)?) "
        r"(?:\w+ ){0,3}?(?:tying|the knot|the noose|the rope|how (?:it|the)|hanging|"
        r"whether (?:it|the rope))\b|"
        r"\b(?:tied|tying|made|making) (?:a|the) noose\b|"
        r"\b(?:put|had|held|pressed) (?:a|the|my) (?:rope|belt|noose|cord|knife|blade|razor|"
        r"gun) (?:around|to|against) my (?:neck|wrists?|throat|head|arm)\b|"
        r"\b(?:stood|was standing|sat|went) (?:on|at|to) (?:the|a) (?:edge|ledge|bridge|roof|"
        r"railing|tracks|cliff)\b[^.!?\n]{0,50}\b(?:jump|end it|do it|die|think(?:ing)? about)\b|"
        r"\bgave away (?:my|all my) (?:\w+ ){0,2}?(?:things|stuff|belongings|possessions|"
        r"cat|dog|pets?)\b|\b(?:counted|lined up|sorted) (?:out )?(?:the |my |all )?"
        r"(?:pills|tablets)\b",
    ),
    (
        "preparation",
        "behaviour",
        0.8,
        True,
        r"\b(?:bought|ordered|saved up|stockpil\w*|hoard\w*|collect(?:ed|ing)|sav(?:ed|ing)) "
        r"(?:\w+ ){0,3}?(?:pills|tablets|rope|a gun|sleeping pills|painkillers|razor blades)\b"
        r"[^.!?\n]{0,60}\b(?:for when|to (?:die|do it|end it|kill myself|overdose)|just in case|"
        r"in case|enough to)\b|"
        r"\b(?:wrote|written|writing|drafted) (?:my )?(?:will|letters to (?:everyone|my))\b|"
        # medication kept back and hoarded: no purpose needs saying
        r"\b(?:stockpil\w*|hoard(?:ed|ing)|sav(?:ed|ing) up|sav(?:ed|ing) back) (?:up )?(?:all )?"
        r"(?:of )?my (?:\w+ )?(?:pills|tablets|meds|medication|antidepressants|painkillers|"
        r"sleeping pills|insulin)\b|"
        r"\b(?:prepar(?:e|ed|ing)|get(?:ting)? ready|plan(?:ned|ning)?|arrang(?:e|ed|ing)) "
        r"(?:\w+ )?for my (?:own )?(?:death|funeral|suicide|exit|last day)\b",
    ),
    (
        "past_attempt",
        "behaviour",
        0.85,
        True,
        r"\bi(?: have| had|'?ve|'?d)? (?:already |actually |once |even |also |twice )?"
        r"(?:attempted|tried) (?:suicide|to (?:kill myself|"
        r"end (?:it|my life|things)|take my (?:own )?life|commit suicide|overdose|"
        r"hang myself|od|die))\b|"
        r"\bmy (?:first|second|third|last|previous|most recent|suicide|failed) "
        r"(?:suicide )?attempts?\b(?! (?:at|to|of) (?:a|the|make|get|find|be)\b)|"
        r"\b(?:survived|after|since) (?:my|an|a|the|two|three|several) (?:suicide )?attempts?\b|"
        rf"\bi (?:overdosed|od'?d|o\.d\.'?d)\b{NOT_A_DRUG}|\bi slit my wrists?\b|"
        r"\bi(?:'?ve| have)? attempted (?:\w+ )?(?:before|twice|once|(?:\d+|two|three|four|"
        r"several|many|multiple) times)\b|\bi(?:'?ve| have)? tried (?:killing myself|"
        r"ending my life|hanging|overdosing|od'?ing|"
        r"drowning|jumping|slitting|suffocating|to hang)\b|"
        r"\b(?:got|had) my stomach pumped\b|"
        r"\bi (?:took|swallowed|downed) (?:over |about |around |like |almost )?(?:\d{2,}|"
        r"a (?:whole )?bottle of|a handful of|all (?:of )?my|a bunch of|a box of)\b[^.!?\n]{0,40}"
        r"\b(?:pills|tablets|meds|medication|capsules|pain ?killers|sleeping|tylenol|paracetamol|"
        r"acetaminophen|ibuprofen|aspirin|xanax|insulin|antidepressants|over the counter)\b"
        r"[^.!?\n]{0,60}\b(?:and|but|then) (?:i )?(?:failed|survived|woke up|threw (?:it )?up|"
        r"ended up in (?:the )?(?:hospital|er|a&e|icu))\b|"
        r"\bi (?:was|got) (?:hospitali[sz]ed|admitted|put in (?:the|a) psych ward|sectioned) "
        r"(?:after|for|because) (?:i |my |an? )?(?:attempt\w*|tried|overdos\w*|suicid\w*)",
    ),
    (
        "self_harm",
        "behaviour",
        0.8,
        True,
        # An accident told as one ("I accidentally cut my arm", "I scratched my arm on a
        # nail", "cut my leg while shaving") is not self-harm; "with a lighter", "on purpose"
        # and "again" are.
        r"\bi (?!(?:\w+ )?accidentally )(?:\w+ ){0,2}?(?:cut|cutting|burn(?:ed|t|ing)?|"
        r"scratch(?:ed|ing)?|carv(?:ed|ing)) (?:myself|my (?:arms?|wrists?|thighs?|legs?|skin|"
        r"stomach|hips?))\b(?! by accident| accidentally| (?:on|against) (?:a|an|the|some) "
        r"(?:\w+ )?(?:nail|fence|stove|oven|pan|iron|kettle|radiator|wire|branch|thorns?|bush|"
        r"tin|can|rock|door|hedge|bramble|grater|blender)s?\b| while (?:shaving|cooking|"
        r"gardening|baking|climbing|hiking|chopping|cleaning|fixing|moving))|"
        r"\b(?:started|start|went back to|back to|relapsed(?: into| on)?|relapse) "
        r"(?:self[- ]?harm\w*|sh|cutting)(?: again)?\b(?! (?:back|down|out|off|up|corners|"
        r"class|classes|school|carbs|sugar|costs|calories|the|my|his|her|their)\b)|"
        r"\b(?:cutting|self[- ]?harm(?:ing)?) (?:again|every (?:day|night))\b|"
        # An urge with nothing cut but the writer: "I want to cut tonight", "need to cut so
        # bad" (not "want to cut back", "cut my hair", "cut carbs": those name what is cut).
        r"\bi (?:really |just |so |still |kinda |badly )?(?:(?:want|need) to|wanna|'?m (?:craving|"
        r"itching) to) (?:cut|burn|sh)(?= *(?:$|[.!?,;\n]|"
        r"(?:again|so bad|so badly|badly|really bad|tonight|right now|rn)\b))|"
        r"\bi(?:'?ve| have)? (?:been |still |started )?(?:self[- ]?harm(?:ed|ing)?|sh'?ing)\b|"
        r"\bmy (?:self[- ]?harm |sh )?(?:scars|cuts|wounds) (?:are|were|from|on)\b|"
        # Urges named as such: "my sh urges are bad tonight", "fighting self-harm urges".
        # (the look back for "beat my…" runs only where "my" was found: at every position it
        # cost 6% of this screener's instructions)
        r"\b(?:my(?<!beat my)(?<!overcame my)(?<!ignored my)(?<!through my)|having|fighting|"
        r"resisting|battling|i have|i'?ve got|i'?m having) (?:really "
        r"bad |strong |bad |the )?(?:sh|self[- ]?harm|cutting) urges?\b|"
        r"\b(?:\d+|a few|two|three) (?:days|weeks|months) (?:clean )?(?:since i|without) "
        r"(?:cut|cutting|self[- ]?harm\w*)\b",
    ),
    (
        # the same, told in everyday words: its own kind, so it is scanned only around its
        # own anchors
        "self_harm_story",
        "behaviour",
        0.8,
        True,
        r"(?<!if )(?<!whether )\bi(?:'?ve| have| had)? (?:\w+ )?(?:tried|started|began|begun|"
        r"been|was|stopped|quit) "
        r"(?:\w+ and )?(?:cutting|self[- ]?harming|burning myself|hurting myself)\b"
        r"(?! (?:back|down|out|off|up|in|into|through|across|corners|ties|class|classes|school|"
        r"carbs|sugar|meat|dairy|hair|costs|calories|the|(?:a|an)(?! (?:few|couple|lot|bit|"
        r"little)\b)|my|his|her|their|people|him|them|"
        r"wood|paper|grass|onions|vegetables|it close|loose)\b)|"
        r"\bthe cutting (?:makes|made|helps|helped|is|was)\b|"
        r"\bi (?:\w+ ){0,2}?(?:scratch|dig|pick|claw|bite|bit|pinch|hit|punch)\w* (?:\w+ ){0,4}?"
        r"my (?:own )?(?:skin|arms?|legs?|wrists?|thighs?|hands?|face|head)\b[^.!?\n]{0,40}"
        r"\b(?:until|till) (?:i|it|they) (?:start (?:to )?|starts (?:to )?)?bleed\w*",
    ),
    (
        "plan",
        "behaviour",
        0.6,
        False,
        r"\bi (?:have|'?ve got|made|worked out|came up with) (?:a|the|my) (?:\w+ )?plan\b|"
        r"\bmy plan (?:is|was) to (?:\w+ ){0,2}?(?:die|end|kill|overdose|hang|jump|take)\b",
    ),
    (
        "means",
        "behaviour",
        0.6,
        False,
        r"\b(?:the |my |all the |enough )?(?:pills|tablets|rope|noose|gun|blades?|razors?) "
        r"(?:is |are )?(?:counted(?: out)?|ready|lined up|hidden|in (?:the|my) (?:drawer|bag|car|"
        r"room|pocket|cupboard))\b",
    ),
    # --- ideation said implicitly: death as the answer, no fight or point left ------------
    (
        "ideation",
        "ideation",
        0.65,
        False,
        r"\bi(?:'?ve| have| had)? (?:(?!(?:never|not|hardly|barely)\b)\w+ )?(?:considered|"
        r"contemplated|been contemplating|been considering) (?:\w+ )?(?:suicide|killing myself|"
        r"ending (?:it|it all|my life|things)|taking my (?:own )?life|not being (?:here|alive))\b",
    ),
    (
        "ideation",
        "ideation",
        0.65,
        False,
        r"\b(?:death|dying|suicide|ending (?:it|it all|my life)|not being here) "
        r"(?:\w+ ){0,2}?(?:seems|is|feels|looks|sounds) (?:like |to me like |to be |more and "
        r"more like |(?:(?!(?:not|never|no)\b)\w+ ){1,2}?)?(?:a|the|my) (?:much |far )?"
        r"(?:better|best|only|easiest|easier|logical|obvious|real) (?:solution|option|answer|"
        r"choice|way out|escape|way to go)\b",
    ),
    (
        "ideation",
        "ideation",
        0.75,
        False,
        r"\b(?:rather|prefer to) (?:\w+ )?(?:die|be dead|not exist|not be alive|not be here|"
        r"kill myself|end it) than (?:to )?(?:live(?! (?:a|an|as)\b)|go on|"
        r"keep (?:living|going)|carry on|wake up|exist|spend another|face another|"
        r"feel (?:like )?this)\b",
    ),
    (
        "ideation",
        "ideation",
        0.55,
        False,
        r"\b(?:isn'?t|is not|not|no longer|wouldn'?t be|won'?t be|'?s not|s not|"
        r"(?:don'?t|do not) (?:think|feel like|believe) (?:\w+ ){0,8}?(?:is|it'?s|would be|"
        r"will be)) (?:\w+ )?worth (?:fighting|fighting for|the fight|going on|carrying on|"
        r"staying alive|sticking around|staying around) (?:anymore|any more|any longer)\b",
    ),
    (
        "ideation",
        "ideation",
        0.7,
        False,
        r"\b(?:everything|everyone|all|the only (?:thing|person|one)|whatever) i (?:had|have|"
        r"ever had) (?:left )?to live for (?:is|was|has|have) (?:\w+ )?(?:gone|dead|left|over)\b|"
        r"\bi(?:'?ve| have)? (?:(?!(?:never|not)\b)\w+ )?lost (?:my|the|every|any) (?:only )?"
        r"(?:reason|will|desire|wish) to (?:live|go on|keep going|be alive)\b",
    ),
    (
        "ideation",
        "ideation",
        0.6,
        False,
        r"\b(?:scared|afraid|terrified|frightened) of (?:myself|what i (?:might|could|would|"
        r"will|'?ll|may) do(?: to myself)?)\b(?! (?:in (?:an?|the) (?:interview|exam|meeting|"
        r"fight|argument)|at (?:work|school)|when i'?m (?:angry|drunk)))",
    ),
    (
        "ideation",
        "ideation",
        0.8,
        False,
        # British and Australian slang for killing oneself
        r"\b(?:{WANT}|{GOING}|think(?:ing)? (?:about|of)|urge to|tempted to) (?:to )?{ADV}"
        r"(?:neck|top) myself\b(?! (?:up|off|with)\b)|"
        r"\bi'?m (?:\w+ )?worth more (?:to (?:\w+ ){1,2})?dead than alive\b",
    ),
    (
        "ideation",
        "ideation",
        0.45,
        False,
        r"\bi (?:just |really |honestly )?(?:don'?t|do not|can'?t|cannot) see the point"
        r"(?: anymore| any more)?(?= ?[.!?\n]|$)|"
        r"\b(?:not (?:even )?sure|don'?t know if) i (?:want to|can) (?:do this|keep going|go on|"
        r"keep doing this|carry on) (?:anymore|any more|any longer)\b|"
        r"\bmy life (?:has|holds) no (?:meaning|purpose)\b|\bno (?:meaning|purpose) (?:in|to) "
        r"my life\b",
    ),
    # --- passive wishes: not waking up, disappearing, not minding death ----------------------
    (
        "ideation",
        "ideation",
        0.55,
        False,
        r"\b(?:want|wanna|wish|need|would like|'?d like|would love|'?d love|long) (?:to )?"
        r"(?:\w+ ){0,2}?disappear\b(?! (?:into|for (?:a|the|an)|from (?:social|facebook|"
        r"instagram|the internet|work|school|class)|under|when|whenever|every time)\b)|"
        r"\b(?:feel(?:ing)? like|think(?:ing)? (?:about|of)|dream(?:ing)? (?:about|of)) "
        r"disappearing (?:forever|for good|permanently|from (?:this|the) (?:world|earth))\b",
    ),
    (
        "ideation",
        "ideation",
        0.7,
        False,
        r"\b(?:fine|okay|ok|happy|glad|relieved|at peace|grateful|content|alright) if i "
        r"(?:didn'?t|don'?t|never|wouldn'?t|did not|do not) (?:\w+ )?wake up\b|"
        r"\b(?:not|never) wak(?:e|ing) up (?:again |ever again )?(?:sounds|seems|would be|feels) "
        r"(?:\w+ )?(?:nice|good|great|peaceful|like a relief|appealing|tempting|better|lovely)\b|"
        r"\bi (?:wouldn'?t|would not|don'?t|do not) (?:\w+ )?mind (?:dying|being dead|not waking "
        r"up|not existing|never waking up|if i died(?! (?:my|her|his|their|it|them)\b))\b",
    ),
    (
        "ideation",
        "ideation",
        0.7,
        False,
        r"\b(?:happier|easier|better|simpler|lighter|a relief) (?:for (?:\w+ ){1,2})?if i "
        r"(?:just )?(?:wasn'?t|weren'?t|was not|were not) (?:\w+ )?(?:around|here|alive|"
        r"in the picture)\b(?! (?:on|at|for|today|tomorrow|tonight|this|next|when|during|in)\b)|"
        r"\b(?:easier|better|simpler|a relief) (?:for (?:\w+ ){1,2})?if i (?:just )?(?:died|"
        r"was dead|were dead|didn'?t exist|never existed|was gone|were gone)\b|"
        r"\bif i died (?:\w+ ){0,2}i'?d (?:be|feel) (?:\w+ )?(?:relieved|glad|happy|fine|okay|"
        r"at peace)\b|"
        r"\bdeath (?:would|will|'?d) (?:\w+ )?be (?:a |such a )?(?:relief|mercy|welcome|"
        r"blessing|release|gift)\b",
    ),
    (
        "ideation",
        "ideation",
        0.65,
        False,
        r"\bnothing (?:left )?to (?:keep going|go on|keep living|stay|stay alive|wake up|"
        r"get up) for\b|"
        r"\b(?:can'?t|cannot|don'?t|do not) (?:\w+ )?(?:see|imagine|picture) myself "
        r"(?:making it|living|being alive|being around|being here|getting) (?:to|past|"
        r"until|beyond|through) (?:\d+|thirty|forty|twenty|next (?:year|month)|the end of)\b|"
        r"\b(?:had enough|have enough|'ve had enough) of (?:life|living|being alive|existing|"
        r"this life|my life)\b(?! (?:being|getting|run|with|at|in)\b)",
    ),
    (
        "ideation",
        "ideation",
        0.45,
        False,
        r"\bwhat'?s (?:even |really )?the point (?:anymore|any more|of (?:any of )?(?:this|it "
        r"all|anything)|in anything)\b|\bwhy (?:even )?bother (?:anymore|any more|living|"
        r"trying anymore|existing)\b",
    ),
    # --- the C-SSRS's first questions in members' words (hoping not to wake up is in the crisis
    # lexicon): not caring whether one dies, wishing not to be alive, thinking of ways, not
    # planning to be around
    (
        "ideation",
        "ideation",
        0.7,
        False,
        # "I wouldn't care if a car hit me", not "…if I died my hair"
        r"\bi (?:\w+ )?(?:wouldn'?t|would not|won'?t|will not|don'?t|do not) (?:\w+ )?(?:mind|"
        r"care) (?:if|when) (?:i (?:died|was dead|were dead|didn'?t wake up|never woke up|"
        r"got hit|got killed|was killed|stopped existing)|(?:a|the) (?:car|bus|truck|lorry|"
        r"train) (?:hit|hits|ran over|runs over|killed|kills) me|something killed me)\b"
        r"(?! (?:my|her|his|their|its|it|them)\b)|"
        r"\bif i (?:died|was to die|were to die|didn'?t wake up)(?: \w+){0,2},? i (?:honestly |"
        r"really |truly )?(?:wouldn'?t|would not|won'?t|don'?t) (?:\w+ )?(?:mind|care)\b|"
        # "wish I wasn't alive", "wish i wasnt here anymore" (the "anymore" makes it a life)
        r"\bwish(?:ed)? i (?:wasn'?t|weren'?t|was not|were not) (?:\w+ )?(?:alive|on this "
        r"earth|in this world)\b|"
        r"\bwish(?:ed)? i (?:wasn'?t|weren'?t|was not|were not) (?:\w+ )?(?:here|around) "
        r"(?:anymore|any more|any longer)\b"
        r"(?! (?:at|in) (?:this|the|my) (?!world\b|earth\b|life\b))",
    ),
    (
        "ideation",
        "ideation",
        0.75,
        False,
        # thinking of a way is the C-SSRS's ideation with a method; "end it with him" is not
        r"\b(?:think|thinking|thought|wondering|wondered) (?:\w+ )?(?:of|about) (?:\w+ )?"
        r"(?:ways|how) to (?:end (?:it all|my life|myself|things)|end it\b(?! (?:with|between|"
        r"for (?:him|her|them|us)))|kill myself|take my (?:own )?life|die)\b|"
        r"\bi (?:don'?t|do not) (?:plan|intend|expect) (?:on |to )?(?:be|being) (?:around|here|"
        r"alive) (?:for )?(?:much )?(?:longer|long)\b(?! (?:at|in|with|on) (?:this|the|my)\b)",
    ),
    (
        # Giving one's things away is a warning sign, not a wish: alone it is distress (a
        # resource link); beside ideation it adds to it.
        "preparation",
        "behaviour",
        0.45,
        False,
        r"\b(?:giv(?:e|ing)|gave|given) (?:away (?:all |most |some )?(?:of )?my (?:things|"
        r"stuff|belongings|possessions|valuables)|(?:all |most |some )?(?:of )?my (?:things|"
        r"stuff|belongings|possessions|valuables) away)\b(?! (?:to (?:a )?charity|"
        r"before (?:i|we) (?:move|moving|leave)|because (?:i'?m|we'?re) moving|since (?:i'?m|"
        r"we'?re) moving|to make room|to declutter)\b)",
    ),
    # --- distress: risk language without ideation --------------------------------------------
    (
        "distress",
        "distress",
        0.6,
        False,
        r"\b(?:i feel|i'?m|i am|feeling|i'?ve been|i have been) {ADV}(?:so )?(?:hopeless|"
        r"worthless|empty|numb|broken|alone|lonely|depressed|miserable|overwhelmed|exhausted|"
        r"lost|trapped|helpless|desperate|like a failure|like a burden|falling apart)\b|"
        r"\bi (?:can'?t|cannot) (?:cope|handle (?:it|this)|take (?:it|this|much more)|"
        r"keep doing this|breathe)\b|\b(?:panic attacks?|breakdown|crying (?:every|all|myself))\b|"
        r"\bi hate (?:myself|my life|everything about me)\b",
    ),
)

# Support-giving: phrases people use to help someone else through it.
SUPPORT_PHRASES = (
    r"\bplease (?:don'?t|do not) (?:do it|give up|hurt yourself|kill yourself|go|leave|do this|"
    r"do anything)\b|\byou(?:'re| are) not alone\b|\breach(?:ing)? out\b|"
    r"\b(?:call|text|contact|ring) (?:a |the |your )?(?:local )?(?:hotline|crisis|lifeline|"
    r"helpline|suicide|samaritans|emergency|988|911|999|doctor|therapist)\b|"
    r"\bwhat helped me\b|\b(?:when|while) i was (?:suicidal|in your (?:shoes|position)|at my "
    r"lowest|going through (?:this|that|something similar))\b|\bi(?:'?ve| have) been (?:there|"
    r"where you are|in your shoes|through (?:this|that|the same|similar))\b|"
    r"\bi'?m (?:here|always here) (?:for you|if you)\b|\byou deserve\b|\bit (?:does |will )?"
    r"gets? better\b|\bhang in there\b|\bsending (?:you )?(?:love|hugs|hope|strength)\b|"
    r"\byou can (?:do|get through) (?:this|it)\b|\b(?:talk|speak) to (?:a|your|someone|"
    r"somebody)\b|\bstay safe\b|\byou matter\b|\b(?:i|we) hope you\b|\bi'?m (?:so )?sorry "
    r"(?:you|that you|to hear)\b|\bhave you (?:tried|thought about|considered|talked)\b|"
    r"\byou (?:should|could|might) (?:try|consider|talk|see|reach|get)\b|"
    r"\bfeel free to (?:message|pm|dm|talk)\b|\b(?:pm|dm|message) me\b"
)
SECOND_PERSON = r"\b(?:you|your|you'?re|you'?d|you'?ll|you'?ve|yourself|u|ur)\b"
FIRST_PERSON = r"\b(?:i|i'?m|im|i'?ve|me|my|myself|i'?d|i'?ll)\b"

# Key words people misspell, and the real words within one edit of them (never corrected).
FUZZY_TERMS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "myself",
    "overdose",
    "overdosed",
    "attempted",
    "hopeless",
    "worthless",
    "goodbye",
    "anymore",
)
# Edit distance allowed by length: short words are too close to other real words.
FUZZY_MIN_LEN = 6
# Real words one edit away from a key term: they are never read as a misspelling.
REAL_NEIGHBOURS = frozenset(
    {
        "overdone",
        "attempts",
        "tempted",
        "yourself",
        "himself",
        "herself",
        "itself",
        "selfie",
        "suicides",
        "goodbyes",
        "hopeful",
        "attempt",
        "attempted",
        "overdoes",
    }
)

# Key words written with digits or symbols for letters ("k!ll", "su1cidal", "s3lf h4rm") are
# read as the word when what the symbols stand for spells one of these; a "*" stands for any
# one letter only in the long ones ("s*icide": "f*ck" and "c*t" stay as written).
LEET_TERMS: tuple[str, ...] = (
    "kill", "killing", "die", "dying", "dead", "death", "suicide", "suicidal", "myself", "self",
    "harm", "overdose", "hang", "hanging", "unalive", "cut", "cutting", "pills",
)  # fmt: skip
LEET_WILDCARD_MIN_LEN = 6

# Literals at least one of which occurs in every match of a rule: a kind's rules run only on
# posts with one of its anchors, and in long posts only around them. Keep in step with RULES:
# every alternative of a rule needs one of its anchors (a date written as "the 12th" has none:
# the dated-plan rules run on every post under LONG_TEXT characters, and find it there only).
ANCHORS: dict[str, tuple[str, ...]] = {
    "dated_plan": (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "tomorrow", "tonight", "today", "weekend", "next week", "birthday", "new year",
        "christmas",
    ),
    "countdown": ("before i", "until i", "till i", "to live", "alive", "earth", "count"),
    "goodbye": (
        "last post", "final post", "last message", "final message", "last time", "final time",
        "last goodbye", "final goodbye", "goodbye", "by the time", "won't be", "wont be",
        "night forever",
        "tell my", "let my",
    ),
    "attempt_under_way": (
        "pills", "tablets", "meds", "bottle", "edge", "bridge", "roof", "railing", "rope",
        "noose", "gun", "bleeding", "medication", "garage", *DRUG_NAMES, "everything in",
        "them all", "knife", "blade", "razor", "writing this", "writing from", "writing on",
        "posting this", "posting from", "posting on", "typing this", "typing from", "typing on",
        "jump", "step in", "step off", "step from", "step when", "stop me", "stop bleeding",
        "stopping bleeding",
    ),
    "method_research": (
        "how to", "method", "ways to", "lethal", "fatal", "how many", "painless", "overdos",
        "suicide", "quickest", "fastest", "surest", "easiest", "how long",
    ),
    "rehearsal": (
        "tying", "knot", "noose", "rope", "how it", "how the", "hanging", "whether", "belt",
        "cord", "knife", "blade", "razor", "gun", "edge", "bridge", "roof", "railing", "tracks",
        "cliff", "gave away", "pills", "tablets",
    ),
    "preparation": (
        "pills", "tablets", "rope", "gun", "painkillers", "blades", "wrote", "written",
        "writing", "drafted", "for my death", "for my funeral", "for my suicide", "for my exit",
        "for my last", "for my own", "give away", "giving away", "gave away", "given away",
        "things away", "stuff away", "belongings away", "possessions away", "valuables away",
        "meds", "medication", "antidepressants", "insulin",
    ),
    "past_attempt": (
        "attempt", "tried", "tried suicide", "overdosed", "i od", "o.d.", "slit", "i took",
        "i swallowed", "i downed",
        "stomach pumped", "hospitali", "admitted", "psych ward", "sectioned",
    ),
    "self_harm": ("cut", "burn", "scratch", "carv", "harm", " sh", "scars", "wounds"),
    "self_harm_story": (
        "cutting", "self harm", "self-harm", "selfharm", "hurting myself", "burning myself",
        "bleed",
    ),
    "ideation": (
        "scared of", "afraid of", "terrified of", "frightened of", "rather", "prefer to",
        "considered", "contemplat", "considering", "death", "dying", "suicide", "ending it",
        "ending my", "not being here", "worth", "to live for", "reason to", "will to",
        "desire to", "wish to", "disappear", "wake up", "waking up", "mind dying", "mind being",
        "mind if", "mind not", "mind never", "if i just", "if i was", "if i were", "if i died",
        "if i didn", "if i never", "relief", "mercy", "welcome", "blessing", "release", "gift",
        "nothing left to", "nothing to", "see myself", "imagine myself", "picture myself",
        "enough of", "the point", "bother", "neck myself", "top myself", "dead than alive",
        "not sure i", "not even sure i", "know if i", "no meaning", "no purpose", "care if",
        "care when", "mind when", "if i was to", "if i were to", "wish i wasn", "wish i weren",
        "wish i was not", "wish i were not", "wished i", "ways to", "how to", "be around",
        "being around", "be here", "being here", "be alive", "being alive",
    ),
    "plan": ("plan",),
    "means": ("pills", "tablets", "rope", "noose", "gun", "blade", "razor"),
    "distress": (
        "hopeless", "worthless", "empty", "numb", "broken", "alone", "lonely", "depressed",
        "miserable", "overwhelmed", "exhausted", "lost", "trapped", "helpless", "desperate",
        "failure", "burden", "falling apart", "cope", "handle it", "handle this", "take it",
        "take this", "take much", "keep doing", "breathe", "panic attack", "breakdown",
        "crying", "i hate",
    ),
}  # fmt: skip
