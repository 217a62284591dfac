"""Crisis phrases added in crisis-2026.11.3, by C-SSRS category, and their required substrings.

Same shape as crisis_lexicon.FIRST_PERSON: (rule_id, label, weight, subject, pattern), with
{MACROS} from crisis_lexicon. Written from how suicidal ideation is commonly put into words:
tense and spelling variants of existing constructions, method and lethality questions,
timing and readiness, goodbyes and closure, regret at surviving, prior attempts, and
first-person statements framed as questions to others ("does anyone else ..."). Weights
below 0.5 never flag alone; they count as evidence together with other cues.
"""

from __future__ import annotations

_ = "self"
C = "clause"

FIRST_PERSON: tuple[tuple[str, str, float, str, str], ...] = (
    # --- wish to be dead / passive ideation ---------------------------------------------
    (
        "ideation.ended_my_life",
        "crisis.ideation",
        0.8,
        _,
        r"\b(?:ended|end(?:ing)?) (?:my own|my) (?:life|existence)\b",
    ),
    (
        "ideation.reason_not_to",
        "crisis.ideation",
        0.8,
        _,
        r"\breasons? (?:not to|to not|why i shouldn'?t) (?:\w+ )?"
        r"(?:end (?:my life|it(?: all)?)|kill myself|die|commit suicide)\b",
    ),
    (
        "ideation.only_reason_havent",
        "crisis.ideation",
        0.8,
        _,
        r"\b(?:only|main) (?:reason|thing) (?:why |that )?i (?:haven'?t|have not|didn'?t|don'?t|"
        r"won'?t|am not|'?m not|can'?t) (?:\w+ ){0,2}?(?:ended|end|killed|kill|done it|do it|"
        r"gone through|go through|tried|try|jumped|jump)\b",
    ),
    (
        "ideation.rather_not_exist",
        "crisis.ideation",
        0.75,
        C,
        r"\b(?:much|really|honestly) rather (?:just )?(?:not exist|be dead|die|not be alive|"
        r"not be here|disappear)\b",
    ),
    (
        "ideation.give_up_and_die",
        "crisis.ideation",
        0.75,
        C,
        r"\b(?:give up|lie down|lay down|curl up|crawl (?:into a hole|away)|fall asleep|go to "
        r"sleep) and (?:just )?die\b",
    ),
    (
        "ideation.not_meant_to_exist",
        "crisis.ideation",
        0.5,
        C,
        r"\b(?:not|never|wasn'?t|weren'?t) meant to (?:exist|be alive|be born|live|"
        r"survive)\b(?!\s+(?:in|with|like|there|on|at|near|alone|together|this)\b)|"
        r"\b(?:failures?|people like me|someone like me) (?:shouldn'?t|should not|"
        r"don'?t deserve to) (?:live|exist|be alive|be here)\b",
    ),
    (
        "ideation.regret_surviving",
        "crisis.ideation",
        0.7,
        _,
        r"\b(?:should(?:'?ve| have) (?:just )?(?:died|killed myself|ended it|gone through "
        r"with it)|wish (?:i|that i) (?:had )?(?:\w+ )?(?:to death|succeeded|died)|"
        r"regret (?:not|never) (?:ending|killing|doing it|going through|dying|succeeding))\b",
    ),
    (
        "ideation.wishing_to_die",
        "crisis.ideation",
        0.7,
        _,
        r"\b(?:wishing|hoping|praying) (?:that )?(?:i (?:would|could|will|'?d) (?:\w+ ){0,4}?die|"
        r"(?:\w+ ){0,3}?(?:kills?|takes?|snatch(?:es)?|hits?) me)\b|\bwish (?:a|the|some) "
        r"(?:disease|illness|sickness|car|bus|truck|train|cancer|accident|virus) (?:would )?"
        r"(?:\w+ ){0,2}?(?:kills?|takes?|snatch(?:es)?|hits?) me\b",
    ),
    (
        "ideation.why_still_alive",
        "crisis.ideation",
        0.55,
        _,
        r"\bwhy i(?:'?m| am) still (?:alive|here|breathing|living|around)\b|\bwhy i (?:even )?"
        r"(?:bother|keep) (?:living|staying alive|trying to live)\b",
    ),
    (
        "ideation.dont_want_wake",
        "crisis.ideation",
        0.45,
        C,
        r"\b(?:don'?t|do not|never) (?:\w+ )?want to wake up (?:in the morning|tomorrow|again|"
        r"ever again|anymore)\b",
    ),
    (
        "ideation.cant_stand_living",
        "crisis.ideation",
        0.45,
        C,
        r"\b(?:can'?t|cannot) (?:bear|stand|handle|take) (?:to (?:live|be alive|exist|keep "
        r"living)|(?:this|my) life|living|being alive|existing) (?:anymore|any more|any longer)\b",
    ),
    (
        "ideation.edge_of",
        "crisis.ideation",
        0.75,
        C,
        r"\b(?:on the (?:edge|verge|brink) of|close to|so close to) (?:suicide|killing myself|"
        r"ending it|ending my life|taking my (?:own )?life)\b",
    ),
    (
        "ideation.struggling_with_suicide",
        "crisis.ideation",
        0.7,
        C,
        r"\b(?:struggl\w+|dealing|battl\w+|fight\w*|coping|living) with (?:suicid\w+|"
        r"thoughts of (?:suicide|death|dying|killing myself|ending it))\b|"
        r"\bsuicid\w* (?:toughts|thougts|thots|urges)\b",
    ),
    (
        "ideation.misspelled_suicide",
        "crisis.ideation",
        0.45,
        C,
        r"\b(?:sucide|suicde|suiside|sucidal|suicdal|suisidal|sewer slide)\b",
    ),
    (
        "ideation.off_the_table",
        "crisis.ideation",
        0.4,
        C,
        r"\b(?:haven'?t|have not|not) ruled (?:it|suicide|that) out\b|\b(?:suicide|it|death|that) "
        r"(?:is|isn'?t|'?s|is not) (?:still |not )?(?:on|off) the table\b",
    ),
    (
        "ideation.want_out",
        "crisis.ideation",
        0.35,
        _,
        r"\bi (?:\w+ )?(?:(?:want|need) (?:out|to go|an end)|wanna (?:go|out))"
        r"(?= *(?:[.!\n]|$| now| of (?:this life|life|here|existence)))",
    ),
    (
        "ideation.destined",
        "crisis.ideation",
        0.6,
        C,
        r"\b(?:destined|doomed|going) to (?:die|end up) (?:by|from|of) (?:my own hand|suicide)\b",
    ),
    # --- active ideation with method / lethality questions ----------------------------
    (
        "means.how_many_will",
        "crisis.means",
        0.8,
        _,
        r"\bhow (?:many|much) (?:of (?:my|these|the|those|his|her) )?(?:\w+ )?(?:{MEANS}|mg|"
        r"milligrams|grams|capsules|benadryl|diphenhydramine|aspirin|lithium|antidepressants|"
        r"sleeping \w+) (?:\w+ ){0,3}?(?:will it take|would it take|would i need|do i need|"
        r"to take to|would be (?:lethal|fatal|enough)|is enough|to overdose|to od|to die|"
        r"does it take)\b",
    ),
    (
        "means.how_to",
        "crisis.means",
        0.8,
        C,
        r"\bhow (?:to|do i|can i|should i|would i|do you|can you|does one|could i) "
        r"(?:\w+ )?(?:commit suicide|kill (?:myself|yourself|my self)|end (?:my|your) life|"
        r"overdose|hang (?:myself|yourself))\b|\bhow (?:hard|easy) is it to (?:actually )?"
        r"(?:kill (?:yourself|myself)|commit suicide|die)\b",
    ),
    (
        "means.easy_way",
        "crisis.means",
        0.7,
        C,
        r"\b(?:least painful|most painless|painless|quickest|fastest|surest|most reliable|"
        r"peaceful) (?:way|method|option)s? (?:to go|out|to do it|of going|to commit suicide|"
        r"to end (?:it|my life|things))\b|\bfind (?:a|the) way to end (?:it|my life|things)\b",
    ),
    (
        "means.easy_way_out",
        "crisis.means",
        0.4,
        C,
        r"\b(?:easy|easiest|best|only|quick) way out\b"
        r"(?! (?:of|from) (?:the|this|that|my|a|debt)\b)",
    ),
    (
        "means.height",
        "crisis.means",
        0.7,
        C,
        r"\b(?:high|tall|far) enough to (?:die|kill|end it|not survive)\b|\bhow (?:high|far) "
        r"(?:would|do|does|should) (?:i|you|one|it) (?:need|have) to (?:fall|jump|be)\b|"
        r"\b(?:stories|storeys|floors) (?:high )?(?:enough|to die)\b|"
        r"\bjump(?:ing)? off (?:of )?(?:my|the|a|this) (?:\w+ )?(?:balcony|roof|bridge|building|"
        r"cliff|overpass|window|ledge)\b",
    ),
    (
        "means.courage",
        "crisis.means",
        0.55,
        C,
        r"\b(?:courage|nerve|guts|balls) to (?:jump|pull the trigger|take the pills|step off|"
        r"swallow them|use it)\b",
    ),
    (
        "means.option_for_suicide",
        "crisis.means",
        0.6,
        C,
        r"\b(?:option|method|place|spot|bridge|way) (?:for|to commit) suicide\b",
    ),
    (
        "means.gas",
        "crisis.means",
        0.6,
        C,
        r"\b(?:hydrogen sulfide|hydrogen sulphide|carbon monoxide|exit bag|chlorine gas|"
        r"charcoal burning|sodium nitrite|car exhaust)\b",
    ),
    # --- intent, plan, preparatory behaviour ---------------------------------------------
    (
        "plan.date_set",
        "crisis.plan",
        0.7,
        _,
        r"\b(?:got|have|'?ve) (?:my|the|a) (?:date|day) (?:all )?set\b|\bthe (?:date|day) i "
        r"(?:set|picked|chose)\b(?! for (?:the|my|our|a|an)\b)",
    ),
    (
        "plan.my_note",
        "crisis.plan",
        0.85,
        _,
        r"\b(?:this is|here is|here'?s) my (?:suicide |goodbye |final |last )?note\b|"
        r"\b(?:gave|give|giving|sent|showed|hid) my (?:suicide |goodbye |final )?(?:note|letter) "
        r"to (?:my )?(?:family|mom|mum|dad|parents|wife|husband|friends?|partner|therapist)\b|"
        r"\b(?:started|start|begun|began|been) writ(?:ing|e) (?:my )?(?:suicide |goodbye |final )?"
        r"(?:notes|letters) (?:to|for) (?:my|everyone|people|the people)\b",
    ),
    (
        "plan.not_coming_back",
        "crisis.plan",
        0.7,
        _,
        r"\b(?:not (?:planning|going|intending) (?:on|to) (?:be )?(?:coming|come) back|"
        r"won'?t be (?:coming back|returning)|don'?t plan on (?:coming back|living (?:more|past|"
        r"beyond|much))|not planning on (?:living|being here|being alive))\b",
    ),
    (
        "intent.going_through",
        "crisis.intent",
        0.75,
        C,
        r"\b(?:decided|desided|made (?:the|my) decision|settled|made up my mind) (?:on|to) "
        r"(?:end|ending|kill|killing|die|dying|take|taking) (?:it|my|myself|things)\b",
    ),
    (
        "intent.easy_to_end",
        "crisis.intent",
        0.55,
        C,
        r"\b(?:so |too |really )?(?:easy|easier|tempting|simple) to (?:just )?(?:end it(?: all)?|"
        r"kill myself|end my life|die|let go|step off|jump)\b(?! (?:with|between|off|in|into|at|"
        r"on|over)\b)",
    ),
    (
        "plan.have_a_plan",
        "crisis.plan",
        0.4,
        _,
        r"\bi (?:have|'ve got|got|made|'ve made) a plan(?= *(?:[.!\n]|$|now|already|ready))",
    ),
    (
        "intent.ready",
        "crisis.intent",
        0.45,
        _,
        r"\bi (?:think|guess|reckon|feel like|know) (?:i'?m ready|i am ready|it'?s time|it is time)"
        r"(?= *(?:[.!\n]|$|now|to go|for me to go))|\b(?:reckon|think) it'?s (?:almost |nearly )?"
        r"time (?:soon|now)\b|\bi'?m ready to (?:go|leave this world|die|let go)\b"
        r"(?!\s+(?:to|back|home|out|on|for|with|and|of|there|shopping|through)\b)",
    ),
    (
        "plan.attempt_failed",
        "crisis.plan",
        0.7,
        C,
        r"\b(?:attempt|overdose|od) (?:failed|didn'?t work|did not work)\b|"
        r"\bsurvived (?:my|an|the|another) (?:attempt|overdose)\b",
    ),
    # --- goodbyes and closure --------------------------------------------------------------
    (
        "goodbye.other_side",
        "crisis.goodbye",
        0.7,
        _,
        r"\bsee (?:you|y'?all|everyone) (?:all )?(?:on the other side|in the next life|next time "
        r"around|in another life|in heaven)\b",
    ),
    (
        "goodbye.lost_battle",
        "crisis.goodbye",
        0.45,
        _,
        r"\b(?:lost|losing) (?:the|my) (?:battle|fight)\b(?! (?:with|against|for|over|to get|at)\b)"
        r"|\bit was (?:a )?(?:fun|good|nice|wild) ride\b",
    ),
    (
        "goodbye.sorry_everyone",
        "crisis.goodbye",
        0.45,
        _,
        r"\b(?:i'?m |i am )?sorry to (?:everyone|all of you|everybody|my family|those) who "
        r"(?:tried|cared|loved)\b|\b(?:the|a) final good ?bye\b|\bsay(?:ing)? my (?:last |final )?"
        r"good ?byes\b",
    ),
)

NEEDS: dict[str, tuple[str, ...]] = {
    "ideation.ended_my_life": ("life", "existence"),
    "ideation.reason_not_to": ("reason",),
    "ideation.only_reason_havent": ("only reason", "only thing", "main reason", "main thing"),
    "ideation.rather_not_exist": ("rather",),
    "ideation.give_up_and_die": ("and die", "and just die"),
    "ideation.not_meant_to_exist": ("meant to", "failure", "like me"),
    "ideation.regret_surviving": ("should've", "should have", "shouldve", "wish", "regret"),
    "ideation.wishing_to_die": ("wishing", "hoping", "praying", "wish"),
    "ideation.why_still_alive": ("why i",),
    "ideation.dont_want_wake": ("wake up",),
    "ideation.cant_stand_living": ("anymore", "any more", "any longer"),
    "ideation.edge_of": ("edge", "verge", "brink", "close to"),
    "ideation.struggling_with_suicide": ("suicid",),
    "ideation.misspelled_suicide": ("sucid", "suicd", "suisid", "suicde", "suiside", "sewer"),
    "ideation.off_the_table": ("ruled", "table"),
    "ideation.want_out": (
        "want out",
        "need out",
        "want to go",
        "need to go",
        "want an end",
        "need an end",
        "wanna go",
        "wanna out",
    ),
    "ideation.destined": ("destined", "doomed", "going to"),
    "means.how_many_will": ("how many", "how much"),
    "means.how_to": (
        "how to ",
        "how do ",
        "how can ",
        "how should ",
        "how would ",
        "how does ",
        "how could ",
        "how hard",
        "how easy",
    ),
    "means.easy_way": ("way to", "ways to", "way out", "ways out", "way of", "method", "option"),
    "means.easy_way_out": ("way out",),
    "means.courage": ("courage", "nerve", "guts", "balls"),
    "means.height": ("enough", "how high", "how far", "stories", "storeys", "floors", "jump"),
    "means.option_for_suicide": ("for suicide", "to commit suicide"),
    "means.gas": (
        "sulfide",
        "sulphide",
        "monoxide",
        "exit bag",
        "chlorine",
        "charcoal",
        "nitrite",
        "exhaust",
    ),
    "plan.date_set": (
        "date set",
        "day set",
        "date all set",
        "day all set",
        "date i set",
        "date i picked",
        "date i chose",
        "day i set",
        "day i picked",
        "day i chose",
    ),
    "plan.my_note": ("note", "letter"),
    "plan.not_coming_back": (
        "coming back",
        "come back",
        "returning",
        "on living",
        "on being",
    ),
    "intent.going_through": ("decided", "desided", "decision", "settled", "made up my mind"),
    "intent.ready": ("ready", "it's time", "its time", "it is time"),
    "intent.easy_to_end": ("easy to", "easier to", "tempting to", "simple to"),
    "plan.have_a_plan": ("a plan",),
    "plan.attempt_failed": ("attempt", "overdose", "od ", "survived"),
    "goodbye.other_side": ("see you", "see y'all", "see yall", "see everyone"),
    "goodbye.lost_battle": ("lost the", "lost my", "losing the", "losing my", " ride"),
    "goodbye.sorry_everyone": ("sorry to", "final good", "final bye", "goodbyes", "good byes"),
}
