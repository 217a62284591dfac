"""Crisis phrase set written for Hearth: weighted patterns over normalised text.

Each entry is (rule_id, label, weight, subject, pattern). `subject` says how first person
is established: "self" means the phrase is first person by itself ("kill myself", "my
note"); "clause" means the nearest subject earlier in the clause decides (I -> first
person, he/she/my friend -> concern for other, you -> support-giving, none -> first person,
since posters usually drop "I"). Weights combine by noisy-OR into a 0..1 score. Patterns
run on casefolded text with unified apostrophes; "'" is optional because people skip it.
Bump VERSION on every change: verdicts record it.
"""

from __future__ import annotations

from .risk_lexicon import AWAY_NOT_GONE, NOT_A_DRUG

VERSION = "crisis-2026.12.4"

# Building blocks, substituted into patterns as {NAME}.
MACROS: dict[str, str] = {
    "ADV": (
        r"(?:(?:really|just|honestly|seriously|genuinely|truly|literally|kinda|kind of|sort of|"
        r"so|still|sometimes|often|always|actually|only|fucking|constantly|now|almost|already|"
        r"even|also|definitely|probably|badly|desperately|simply|ever|then|finally|all|"
        r"quietly|peacefully|secretly|want to|wanna|fuckin|freaking|very|too|more|much)\s+){0,3}"
    ),
    # After "wake up": what makes it a morning, not a life ("…wake up late", "…the baby").
    "WAKE_ROUTINE": (
        r"(?! (?:late|early|on time|with|to|too|before|at|during|in the middle|in a|"
        r"the (?!next\b)|my|her|his|him|them|us|everyone|anyone|anybody|everybody)\b)"
    ),
    "WANT": (
        r"(?:want|wanna|wanted|wish|wished|need|needed|would like|'?d like|would rather|"
        r"'?d rather|would love|'?d love|long|longing|crave|craving|deserve|should|hope|"
        r"can'?t wait|cannot wait|tempted|prefer|pray|praying)"
    ),
    "GOING": (
        r"(?:(?:am|'?m) (?:going|gonna|about|planning|ready|preparing|trying)|going|gonna|"
        r"will|'?ll|plan|planning|intend|decided|'?ve decided|have decided|ready|prepared|"
        r"about)"
    ),
    "DIE": (
        r"(?:die|be dead|kill myself|end (?:it|it all|my life|everything|things|this|my own "
        r"life|myself){NOT_A_LIFE}|unalive myself|off myself|take my (?:own )?life|"
        r"stop (?:existing|living|breathing)|cease to exist|commit suicide|"
        r"not (?:exist|be alive|be here|wake up|live|be around)|disappear forever|be gone|"
        r"sleep forever|never wake up|just disappear|vanish|hurt myself|cut myself|"
        r"harm myself|go to sleep forever|(?:never|not) (?:have )?(?:been born|existed)|"
        r"fade away|disappear for good|"
        r"disappear from (?:this|the) (?:world|earth|planet)|leave this (?:world|earth|life)|"
        r"be gone (?:forever|for good)|not be alive anymore|be put out of my misery)"
        r"(?!\s+than\b)"
    ),
    # After "end it / things / this": a relationship or a task, not a life ("end it with my
    # boyfriend", "end things between us", "end this friendship").
    "NOT_A_LIFE": (
        r"(?! (?:with|between)\b| (?:friendship|relationship|conversation|chat|chapter|streak|"
        r"cycle|habit|semester|term|project|marriage|engagement|contract|lease|call|meeting|"
        r"thread|discussion|debate|argument|fight|feud|drama|subscription|job|course|"
        r"tenancy|diet|game|season|series|book)s?\b)"
    ),
    "LIVE": (
        r"(?:live|be alive|exist|be here|wake up|go on|keep going|continue|be around|"
        r"keep living|stay alive|survive|do this anymore|try anymore|see tomorrow|"
        r"see another day|be on this earth|be in this world|keep on living|carry on|"
        r"carry on living|face (?:another day|tomorrow)|be alive anymore|exist anymore)"
        r"(?!\s+(?:a|an|in|out|with|near|there|on|at|under|together|alone|by|without|close|"
        r"like that|the|my|as|for|through|up)\b)"
    ),
    "MEANS": (
        r"(?:pills|tablets|rope|noose|gun|pistol|rifle|shotgun|razors?|blades?|bullets?|"
        r"sleeping pills|painkillers|tylenol|paracetamol|acetaminophen|ibuprofen|insulin|"
        r"helium|pentobarbital|antifreeze|bleach|meds|medication|oxy\w*|xanax|opioids)"
    ),
    "HEIGHT": r"(?:bridge|building|roof|rooftop|cliff|balcony|overpass|tower|parking garage)",
    "OTHER": (
        r"(?:he|she|they|friend|sister|brother|sibling|mom|mum|mother|dad|father|son|"
        r"daughter|kid|child|partner|boyfriend|girlfriend|bf|gf|wife|husband|cousin|"
        r"roommate|classmate|coworker|colleague|student|uncle|aunt|fiance|fiancee|ex)"
    ),
    "REFL3": r"(?:himself|herself|themselves|themself)",
}

_ = "self"
C = "clause"

# (rule_id, label, weight, subject, pattern)
FIRST_PERSON: tuple[tuple[str, str, float, str, str], ...] = (
    # --- ideation -----------------------------------------------------------------------
    (
        "ideation.want_die",
        "crisis.ideation",
        0.85,
        C,
        r"\b{WANT}(?:ing)? (?:to )?{ADV}(?:\w+ or )?{DIE}\b",
    ),
    (
        "ideation.want_death",
        "crisis.ideation",
        0.8,
        C,
        r"\b(?:want|wish|crave|welcome|pray for|long for|hope for) (?:for )?(?:death|to be dead)\b",
    ),
    (
        "ideation.all_i_want",
        "crisis.ideation",
        0.85,
        _,
        r"\b(?:all|only thing|the one thing) i (?:\w+ )?(?:want|wanna|need|wish for|think about)"
        r" (?:\w+ )?(?:is|was) (?:to )?(?:die|death|to be dead|to disappear|to end it|"
        r"to not exist|to kill myself|to sleep forever|not to wake up|to never wake up)\b",
    ),
    (
        "ideation.dont_want_live",
        "crisis.ideation",
        0.8,
        C,
        r"\b(?:don'?t|do not|doesn'?t|no longer|never|dont) {ADV}(?:want|wanna|wish|feel like|"
        r"care|deserve|see (?:a |the )?(?:point|reason)|see myself|have (?:the )?(?:will|strength|"
        r"energy|reason)|see why i (?:should|would|need to)) (?:to )?(?:{ADV}){LIVE}\b",
    ),
    (
        "ideation.kill_myself",
        "crisis.ideation",
        0.85,
        _,
        r"\b(?:kill(?:ing|ed)?|(?:to|gonna|wanna|'ll|will|should|just|might|could) off|"
        r"unaliv(?:e|ing)|end(?:ing)?|hang(?:ing)?|shoot(?:ing)?|shot|drown(?:ing)?|"
        r"poison(?:ing)?|yeet(?:ing)?|delete|deleting|rope|roping|suffocat(?:e|ing)|gas(?:sing)?|"
        r"set|setting|throw|throwing) myself(?: on fire)?\b"
        r"(?!\s+(?:doing|working|at work|over|trying|for|to get|to make|to finish|to pay|"
        r"with work|studying|at the gym|in the gym|laughing)\b)",
    ),
    (
        "ideation.kms",
        "crisis.ideation",
        0.8,
        _,
        r"\b(?:kms|kmsl|unalive|unaliving|ctb|sewerslide|self[- ]?delet(?:e|ing|ion)|"
        r"(?:gonna|going to|want to|wanna|will) rope)\b",
    ),
    (
        "ideation.end_my_life",
        "crisis.ideation",
        0.85,
        _,
        r"\b(?:end(?:ing)?|take|taking|took|finish(?:ing)?) (?:my own|my) (?:life|existence)\b",
    ),
    (
        "ideation.end_it_all",
        "crisis.ideation",
        0.65,
        C,
        r"\b(?:end(?:ing)? (?:it all|everything|it for good|it once and for all|things for good|"
        r"the pain for good|my suffering|this life)|check(?:ing)? out for good)\b",
    ),
    (
        "ideation.end_it",
        "crisis.ideation",
        0.5,
        C,
        r"\b(?:end(?:ing)? it|end(?:ing)? things)(?: (?:tonight|tomorrow|soon|this "
        r"week|today|now|finally))\b|\bdo(?:ing)? it tonight\b",
    ),
    (
        "ideation.suicidal_self",
        "crisis.ideation",
        0.85,
        _,
        r"\b(?:i'?m|i am|i feel|i'?ve been|i have been|i was|i get|i got|i became|feeling|"
        r"i'?m feeling|i'?m getting|i feel very|i'?m so|i'?m really|i keep feeling|been|"
        r"makes me|making me|made me|make me|left me|leaves me)"
        r" (?:(?!not\b|never\b|no\b|n'?t\b)\w+ ){0,3}?suicidal\b",
    ),
    (
        "ideation.suicidal_thoughts",
        "crisis.ideation",
        0.8,
        _,
        r"\b(?:i|my|i'?m|i'?ve|me)\b[^.!?\n]{0,40}?\b(?:suicidal|suicide) (?:thoughts?|ideation|"
        r"feelings?|urges?|tendencies|plans?|thinking)\b",
    ),
    (
        "ideation.thinking_suicide",
        "crisis.ideation",
        0.8,
        C,
        r"\b(?:think|thinking|thought|thoughts|dream|dreaming|fantasi[sz]e|fantasi[sz]ing|"
        r"obsess(?:ed|ing)?|consider|considering|contemplat(?:e|ing)) (?:\w+ )?(?:about|of)? ?"
        r"(?:suicide|killing myself|ending (?:it|my life|things|it all)|taking my (?:own )?life|"
        r"not existing|not being here|not waking up)\b(?! (?:with|between|off)\b)",
    ),
    ("ideation.suicide_mention", "crisis.ideation", 0.45, C, r"\b(?:suicide|suicidal)\b"),
    (
        "ideation.no_reason_live",
        "crisis.ideation",
        0.7,
        C,
        # "a reason to live" helps; "no reason", "can't find a reason", "lost the will" do not
        r"\b(?:no|zero|not (?:a|one|any)|(?:(?:don'?t|do not|doesn'?t|never|can'?t|cannot|"
        r"couldn'?t|no longer|hardly) (?:\w+ )?(?:have|has|see|find|feel|think of|got|get)|"
        r"haven'?t (?:got|found)|lost|without|is there|"
        r"give me|need|looking for|searching for|find) (?:a|the|any|one)) "
        r"(?:single |good |real )?(?:reason|point|"
        r"purpose|will|motivation) (?:\w+ )?(?:to|in|of) (?:{ADV})(?:live|living|be alive|"
        r"being alive|keep going|go on|going on|stay|staying|exist|existing|wake up|waking up|"
        r"continue|continuing|keep living|be here|being here|stay alive|staying alive|"
        r"keep (?:on )?existing|keep on (?:living|going))\b",
    ),
    (
        "ideation.nothing_to_live_for",
        "crisis.ideation",
        0.7,
        C,
        r"\b(?:nothing|no one|nobody|no ?thing) (?:left )?(?:to live for|worth living for)\b",
    ),
    (
        "ideation.life_not_worth",
        "crisis.ideation",
        0.6,
        C,
        r"\b(?:life|living|my life|existence|it) (?:is|isn'?t|is not|'?s not|s not|feels|seems|"
        r"will never be|was never|just isn'?t|has never been|doesn'?t seem) (?:\w+ )?(?:not )?"
        r"(?:worth (?:living|it anymore|continuing|the pain|the effort|the struggle)|pointless|"
        r"meaningless)\b|\b(?:life|living|my life) (?:just |really |simply |honestly )?"
        r"(?:isn'?t|is not|'?s not|ain'?t) (?:\w+ )?worth it\b",
    ),
    (
        "ideation.better_off",
        "crisis.ideation",
        0.75,
        _,
        r"\b(?:better off (?:dead|without me|if i (?:was|were|wasn'?t|weren'?t|died|never|"
        r"had never|didn'?t|disappeared|was gone|were gone)|with me gone|when i'?m gone)|"
        r"(?:happier|easier|better) (?:without me|if i (?:was|were) (?:gone|dead|not here)|"
        r"if i (?:died|disappeared|never existed)))",
    ),
    (
        "ideation.burden",
        "crisis.ideation",
        0.35,
        _,
        r"\bi(?:'?m| am) (?:\w+ )?(?:a|such a|just a|nothing but a) (?:\w+ )?burden\b",
    ),
    (
        "ideation.wish_never_born",
        "crisis.ideation",
        0.75,
        _,
        r"\bi (?:\w+ )?wish(?:ed)? i (?:was|were|had|would|could|'?d|wouldn'?t|didn'?t|"
        r"won'?t|would not|did not|had never|never|was never|were never) (?:\w+ )?(?:been born|"
        r"dead|born|alive|here|gone|wake up|woke up|existed|exist|die|died|disappear|"
        r"sleep forever|stop existing|cease to exist|not wake up)\b",
    ),
    (
        "ideation.sleep_never_wake",
        "crisis.ideation",
        0.7,
        C,
        r"\b(?:sleep|asleep|close my eyes|go to bed) and (?:never|not|don'?t|wouldn'?t|won'?t) "
        r"(?:\w+ )?(?:wake|open|come back)\b",
    ),
    (
        "ideation.want_it_all_to_end",
        "crisis.ideation",
        0.7,
        C,
        r"\b{WANT} (?:it all|everything|all of this|all of it|this life|my life|it to all|"
        r"life) to (?:just )?(?:end|be over)\b",
    ),
    (
        "ideation.want_it_to_end",
        "crisis.ideation",
        0.45,
        C,
        r"\b{WANT} (?:the pain|it|this|the suffering|everything|it all|all of this) to (?:just )?"
        r"(?:end|stop|be over|go away)\b",
    ),
    (
        "ideation.tired_of_living",
        "crisis.ideation",
        0.55,
        C,
        r"\b(?:tired|sick|exhausted|done) (?:of|with) (?:living|being alive|life|existing|"
        r"this life|my life|being here|waking up|breathing)\b(?! (?:in|with|like|at|on)\b)",
    ),
    (
        "ideation.tired_of_everything",
        "crisis.ideation",
        0.3,
        C,
        r"\b(?:tired|sick|exhausted|done) (?:of|with) (?:it all|everything|trying|fighting)\b",
    ),
    (
        "ideation.done",
        "crisis.ideation",
        0.4,
        C,
        r"\bi(?:'?m| am) (?:\w+ )?(?:done|finished|over it|ready to go|at the end of my rope|"
        r"at my limit|at the end)\b(?!\s+(?:with (?:work|school|class|my|the|this (?!life|world|"
        r"existence|pain|planet|earth|place)\w+)|eating|washing|talking))",
    ),
    (
        "ideation.cant_go_on",
        "crisis.ideation",
        0.35,
        C,
        r"\b(?:can'?t|cannot|can not|don'?t think i can|unable to) (?:\w+ )?(?:do this|take it|"
        r"take this|go on|keep going|handle (?:this|it|life)|(?:keep )?living like this|"
        r"live like this|cope|keep doing "
        r"this|carry on|hold on|be here|continue) ?(?:anymore|any more|any longer|much longer|"
        r"for much longer)?\b",
    ),
    (
        "ideation.give_up",
        "crisis.ideation",
        0.3,
        C,
        r"\b(?:give|giving|gave|given) up(?: (?:on )?(?:life|living|everything|on myself|"
        r"on it all|hope|all hope))?\b",
    ),
    (
        "ideation.hopeless",
        "crisis.ideation",
        0.15,
        C,
        r"\b(?:hopeless|worthless|no hope|no future|no way out|pointless|trapped|empty inside|"
        r"numb|hate myself|hate my life|hate being alive|nothing matters|no point)\b",
    ),
    (
        "ideation.death_thoughts",
        "crisis.ideation",
        0.45,
        C,
        r"\b(?:think|thinking|thoughts?) (?:about|of) (?:death|dying|being dead)\b",
    ),
    (
        "ideation.dont_deserve_live",
        "crisis.ideation",
        0.75,
        C,
        r"\b(?:deserve to die|don'?t deserve (?:to live|life|to be alive|to exist)|"
        r"should(?:n'?t)? (?:just )?(?:die|be dead|not exist|be alive|exist|have been born))\b",
    ),
    (
        "ideation.only_thing_stopping",
        "crisis.ideation",
        0.7,
        _,
        r"\b(?:the )?only (?:thing|reason|person|one|things|reasons|people) (?:that )?(?:\w+ )?"
        r"(?:stopping|keeping|holding|stops|keeps|holds|kept|stopped|held) me (?:from|back|alive|"
        r"here|going|around|on this earth)\b|\bonly reason (?:that |why )?i(?:'?m| am) (?:still )?"
        r"(?:alive|here|breathing|living)\b",
    ),
    (
        "ideation.die_by_suicide",
        "crisis.ideation",
        0.6,
        C,
        r"\b(?:die|died|dying|end up) (?:by|from|of) suicide\b",
    ),
    (
        "ideation.hurts_to_exist",
        "crisis.ideation",
        0.5,
        C,
        r"\b(?:hurts|painful|exhausting|too much|too hard|unbearable) to (?:exist|be alive|live|"
        r"breathe|keep living|wake up|keep going)\b(?!\s+(?:with|in|near|there|here))",
    ),
    (
        "ideation.would_be_over",
        "crisis.ideation",
        0.35,
        C,
        r"\b(?:it|everything|all of this|the pain) (?:would|could|will) (?:all )?(?:have been|be) "
        r"over\b|\bhow much longer i can (?:take|do|last|keep|hold|handle)\b",
    ),
    (
        "ideation.let_me_die",
        "crisis.ideation",
        0.6,
        _,
        r"\b(?:let me die|just let me go|why am i (?:still )?(?:alive|here)|why (?:do|should) i "
        r"(?:even )?(?:bother (?:living|staying)|keep (?:living|going|trying)|stay alive|live|"
        r"exist)|why was i born)\b",
    ),
    (
        "ideation.scared_of_self",
        "crisis.ideation",
        0.6,
        _,
        r"\b(?:scared|afraid|terrified|worried) (?:that )?(?:of what )?i(?:'?ll| will| might| may|"
        r"'?m going to| am going to) (?:\w+ )?(?:do|hurt myself|kill myself|do something)\b"
        r"(?! (?:until|till|for|about|with|next|now|if|when|after|without|in|at|on|tomorrow)\b)",
    ),
    (
        "ideation.something_drastic",
        "crisis.ideation",
        0.4,
        C,
        r"\bdo (?:something|anything) (?:stupid|drastic|dangerous|permanent|i can'?t take back)\b",
    ),
    (
        "ideation.not_make_it",
        "crisis.ideation",
        0.35,
        C,
        r"\b(?:won'?t|not going to|not gonna|don'?t think i(?:'?ll| will)) (?:make it|last|"
        r"survive|be around|be here) (?:much longer|long|another|through|to|past|till|until|for|"
        r"enough|the (?:night|week|year))\b",
    ),
    (
        "ideation.do_it_euphemism",
        "crisis.ideation",
        0.55,
        C,
        r"\b(?:think(?:ing)? about|thought about|courage to|nerve to|guts to|strength to|close "
        r"to|almost|tempted to|urges? to|temptation to|scared to|afraid to) (?:actually |just |"
        r"finally |really )?(?:do(?:ing)? it|end(?:ing)? it|go(?:ing)? through with it)\b",
    ),
    (
        "ideation.passive_wish",
        "crisis.ideation",
        0.7,
        _,
        r"\b(?:i (?:\w+ )?(?:wish|hope|pray)|hopefully) (?:\w+ ){0,4}?(?:kills? me|hits? me|"
        r"runs? me over|would kill me|"
        r"i (?:just )?(?:die|died)(?! (?:my|her|his|their|it|them)\b)|"
        r"i (?:just )?(?:get hit|get cancer|get killed|was killed|crash)|"
        r"i (?:just )?(?:don'?t|never|wouldn'?t) wake up{WAKE_ROUTINE})\b",
    ),
    (
        "ideation.nobody_miss",
        "crisis.ideation",
        0.65,
        _,
        r"\b(?:no ?one|nobody|no body|who) (?:would|will|'?d|'?ll) (?:even |really |actually )?"
        r"(?:care|notice|miss me|cry|be sad) (?:\w+ )?(?:if|when) i (?:\w+ )?(?:die|died|was "
        r"gone|were gone|disappeared|killed myself|left|am gone|'?m gone|was dead)\b|"
        r"\b(?:no ?one|nobody) (?:would|will) (?:even )?miss me\b",
    ),
    (
        "ideation.no_future",
        "crisis.ideation",
        0.35,
        C,
        r"\bnot sure (?:if|whether) i(?:'?m| am|'?ll| will) (?:still )?(?:going to |gonna )?"
        r"(?:live|be (?:alive|here|around))\b|"
        r"\b(?:can'?t|cannot|couldn'?t|don'?t|do not) (?:see|picture|imagine|envision) (?:a|any|my|"
        r"myself (?:in|at|living|being alive|getting better|with a)) ?(?:\w+ )?(?:future|years|"
        r"older|old|better)\b|\bnothing (?:will|is going to|is ever going to) (?:ever )?"
        r"(?:get|change|be) better\b|\b(?:it|things|life) (?:will|is going to) never get better",
    ),
    (
        "ideation.hate_being_alive",
        "crisis.ideation",
        0.45,
        C,
        r"\b(?:hate|despise|loathe) (?:being alive|existing|living|my existence|waking up)\b"
        r"(?! (?:here|there|in|with|at|near|alone|like this|on|under)\b)",
    ),
    (
        "ideation.whats_the_point",
        "crisis.ideation",
        0.3,
        C,
        r"\b(?:what'?s|whats|what is) the (?:point|use)(?: (?:of|in) (?:anything|living|life|it "
        r"all|going on|trying|being here|being alive|waking up))?\b",
    ),
    # --- added in crisis-2025.11.2: general constructions of passive ideation ----------
    (
        "ideation.not_wanting_live",
        "crisis.ideation",
        0.75,
        C,
        r"\bnot (?:wanting|want|wishing) to (?:live|be alive|exist|be here|wake up|go on|"
        r"keep living|be on this earth)\b(?!\s+(?:with|in|near|there|like that)\b)",
    ),
    (
        "ideation.feel_like_dying",
        "crisis.ideation",
        0.6,
        C,
        r"\bfeel(?:s|ing)? like (?:dying|killing myself|ending it(?: all)?|ending my life|"
        r"i (?:should|need to|want to|have to) (?:die|end it|kill myself|disappear)|"
        r"i shouldn'?t (?:be (?:here|alive)|exist))\b",
    ),
    (
        "ideation.dont_care_if_die",
        "crisis.ideation",
        0.6,
        C,
        r"\b(?:don'?t|do not|wouldn'?t|would not|won'?t) (?:even |really )?(?:care|mind) "
        r"(?:if|whether) i (?:die(?!\s+(?:my|the|it|them|this)\b)|"
        r"died(?!\s+(?:my|her|his|their|it|them)\b)|"
        r"live or die|lived or died|(?:don'?t|didn'?t|never) wake up{WAKE_ROUTINE}|was dead|"
        r"were dead|get hit by|got hit by)\b",
    ),
    (
        "ideation.suicide_option",
        "crisis.ideation",
        0.75,
        C,
        r"\b(?:suicide|death|dying|killing myself|ending it) (?:is|seems|feels|looks|sounds) "
        r"(?:like )?(?:(?!(?:not|never|no)\b)\w+ ){0,2}?(?:my |the )?(?:only|best|last|easiest|"
        r"right) (?:option|way out|"
        r"answer|solution|choice|escape|resort|way)\b|\b(?:only|best|last) (?:option|way out|"
        r"solution|choice|escape) (?:left |i have )?(?:is|would be) (?:to )?(?:suicide|death|"
        r"to die|dying|to kill myself|to end it|ending it)\b",
    ),
    (
        "ideation.my_suicide",
        "crisis.ideation",
        0.65,
        _,
        r"\b(?:my|plan(?:ning)? my|before my|after my) (?:own )?(?:suicide|death wish)\b"
        r"(?! (?:prevention|hotline|helpline|awareness|risk assessment)\b)",
    ),
    (
        "ideation.whats_the_point_living",
        "crisis.ideation",
        0.5,
        C,
        r"\b(?:what'?s the|whats the|what is the|there'?s no|there is no|i see no|"
        r"i don'?t see the|i don'?t see any) (?:{ADV})"
        r"(?:point|use|reason) (?:of|in|to) (?:living|life|being alive|going on|waking up|"
        r"staying alive|existing|carrying on|living anymore|keep living|keep going)\b",
    ),
    (
        "ideation.give_up_life",
        "crisis.ideation",
        0.55,
        C,
        r"\b(?:give|giving|gave|given) up on (?:life|living|being alive|staying alive)\b",
    ),
    (
        "ideation.waiting_to_die",
        "crisis.ideation",
        0.65,
        C,
        r"\b(?:waiting|wait|counting down) (?:to die|for (?:death|my death|the end|the day i die|"
        r"it all to end|the courage|the nerve))\b",
    ),
    (
        "ideation.should_i",
        "crisis.ideation",
        0.7,
        _,
        r"\b(?:should i|why shouldn'?t i) (?:just )?(?:end it(?: all)?|end my life|die|"
        r"go through with it|kill myself|commit suicide|off myself)\b",
    ),
    (
        "ideation.burden_to",
        "crisis.ideation",
        0.45,
        C,
        r"\b(?:i(?:'?m| am)|i feel like|i'?ve become|i have become) (?:\w+ )?(?:a|such a|"
        r"just a|nothing but a) (?:\w+ )?(?:burden (?:to|on|for) (?:everyone|everybody|my|the|"
        r"people|those|all)|waste of (?:space|oxygen|air|skin|life))\b",
    ),
    (
        "ideation.when_im_gone",
        "crisis.ideation",
        0.4,
        _,
        r"\b(?:when|once|after) i(?:'?m| am) (?:dead|gone)\b(?!\s+(?:to|for|from)\b)",
    ),
    (
        "ideation.wont_live_long",
        "crisis.ideation",
        0.5,
        _,
        r"\bi(?:'?ll| will) (?:probably |likely |soon |just |most likely )?(?:be dead|end up "
        r"(?:dead|killing myself)) (?:soon|by|before|in (?:a|the)|within)\b",
    ),
    (
        "means.research",
        "crisis.means",
        0.8,
        C,
        r"\b(?:research(?:ed|ing)?|look(?:ed|ing)? up|googl(?:e|ed|ing)|search(?:ed|ing)?(?: for)?)"
        r" (?:\w+ )?(?:ways|methods|how) to (?:die|kill myself|end (?:it|my life)|commit suicide|"
        r"overdose|hang myself)\b|\b(?:painless|quick|quickest|easy|easiest|best|surest|most "
        r"effective) (?:ways?|methods?) (?:to|of) (?:die|dying|kill(?:ing)? myself|suicide|"
        r"commit(?:ting)? suicide|end(?:ing)? (?:it|my life))\b",
    ),
    (
        "goodbye.apology",
        "crisis.goodbye",
        0.75,
        _,
        r"\b(?:sorry|forgive me) for (?:what i'?m about to do|what i am about to do|"
        r"leaving you(?: like this)?|leaving like this|doing this to you|not being strong enough "
        r"to stay)\b",
    ),
    # --- intent and plans ---------------------------------------------------------------
    (
        "intent.going_to",
        "crisis.intent",
        0.9,
        C,
        r"\b{GOING} (?:to )?{ADV}(?:kill myself|end (?:it|it all|my life|things|everything)|"
        r"take my (?:own )?life|commit suicide|go through with it|attempt (?:it|suicide|again)|"
        r"overdose|"
        r"hang myself|jump off|say goodbye (?:to everyone|for good|forever))\b",
    ),
    (
        "intent.do_it",
        "crisis.intent",
        0.4,
        C,
        r"\b{GOING} (?:to )?{ADV}(?:do it|jump|attempt it|try again|use (?:it|them))\b",
    ),
    (
        "intent.follow_through",
        "crisis.intent",
        0.55,
        C,
        r"\b(?:follow through|go through with it|went through with it|going through with it|"
        r"pull the trigger|do it this time|finish (?:the job|it this time))\b",
    ),
    (
        "plan.planning_die",
        "crisis.plan",
        0.85,
        C,
        r"\bplann?(?:ed|ing)? (?:on|to) (?:die|dying|kill(?:ing)? myself|end(?:ing)? (?:it|my "
        r"life|things)|tak(?:e|ing) my (?:own )?life|suicide|commit(?:ting)? suicide|not "
        r"(?:coming back|waking up|being here))\b",
    ),
    (
        "plan.find_body",
        "crisis.plan",
        0.75,
        C,
        r"\b(?:find|found|finding|discover|discovers) my (?:dead |lifeless )?body\b",
    ),
    (
        "intent.tonight",
        "crisis.plan",
        0.8,
        _,
        r"\b(?:tonight(?:'?s| is) the night|today(?:'?s| is) the day|(?:this is|it'?s) my last "
        r"(?:day|night|week|birthday|christmas)|"
        r"last (?:day|night) (?:of my life|alive|on earth))\b",
    ),
    (
        "plan.have_plan",
        "crisis.plan",
        0.85,
        C,
        r"\b(?:have|made|make|making|got|'?ve got|came up with|worked out|figured out) "
        r"(?:a|the|my|an exit|an) (?:\w+ )?(?:plan|date|method|way out) (?:to (?:die|end|kill|"
        r"do it|take my)|for (?:my suicide|ending|killing|when i die|how i|how to die))",
    ),
    (
        "plan.set_date",
        "crisis.plan",
        0.8,
        _,
        # A date set for something named ("for the wedding", "with the landlord") is everyday
        # life; "for it", "for this" or "for when" keep their weight.
        r"\b(?:set|picked|chose|chosen|decided on) (?:a|the) (?:date|day|time)\b"
        r"(?! (?:for|with|of|to (?:meet|see|visit|move|start|go|get))\b"
        r"(?! (?:it|this|that|when|my (?:death|suicide|exit|last))\b))",
    ),
    (
        "plan.note",
        "crisis.plan",
        0.9,
        _,
        r"\b(?:wr(?:ote|ite|iting|itten)|draft(?:ed|ing)?|left|leave|leaving|finished) "
        r"(?:(?:my|a|the) (?:suicide|goodbye|final|last) (?:note|letter)s?|my note)"
        r"(?! (?:for|to|about|on) (?:class|work|school|the|my|a)\b)\b",
    ),
    ("plan.suicide_note", "crisis.plan", 0.85, C, r"\b(?:suicide|goodbye) (?:note|letter)s?\b"),
    (
        "plan.attempt",
        "crisis.plan",
        0.6,
        C,
        r"\b(?:attempt(?:ed|ing)? (?:suicide|to (?:kill|end|take|hang|overdose|die))|"
        r"(?:my|another|next|last|first|second|third|failed) (?:suicide )?attempt"
        r"(?!s|\w| (?:at|to|of|in|with|on|for|and|was (?:a )?success\w*)\b)|"
        r"(?:suicide|failed) attempts?|"
        r"tried to (?:kill|end|take|hang|overdose|drown|off|unalive))\b",
    ),
    # --- means --------------------------------------------------------------------------
    (
        "means.have_means",
        "crisis.means",
        0.45,
        C,
        r"\b(?:have|had|has|own|kept|pick(?:ing|ed)? up|got|'?ve got|bought|buy|buying|saved|"
        r"saving|stockpil\w*|hoard\w*|"
        r"collect(?:ed|ing)?|ordered|order|found|get|getting|counted|counting|hidden|hid|"
        r"hiding|keep|stashed|stash(?:ing)?) (?:\w+ ){0,3}?{MEANS}\b",
    ),
    (
        "means.take_pills",
        "crisis.means",
        0.8,
        C,
        r"\b(?:down|downing|downed|swallow(?:ed|ing)?|took|take|taking|drank|drink|drinking|"
        r"popped|pop|popping) (?:\w+ ){0,4}?(?:all (?:of )?(?:my|the|these|those) |a (?:whole "
        r"|full )?(?:bottle|bunch|handful|box|pack|packet) of |\d+ |the (?:whole |entire )?"
        r"(?:bottle|box|pack) of |every |these |whatever )(?:\w+ )?(?:pills|tablets|meds|"
        r"medication|sleeping pills|painkillers|antidepressants|bottle)\b",
    ),
    (
        "means.means_to",
        "crisis.means",
        0.85,
        C,
        r"\b(?:the )?means to (?:end it|die|kill myself|do it|end my life|end things)\b|"
        r"\b(?:bought|ordered|got|have|has arrived) (?:some |the )?(?:sn|sodium nitrite)\b",
    ),
    (
        "means.ready",
        "crisis.means",
        0.9,
        C,
        r"\b{MEANS} (?:are |is )?(?:ready|lined up|in front of me|counted|set up|tied|"
        r"in my hand|next to me|on the table|waiting)\b",
    ),
    (
        "means.how_many",
        "crisis.means",
        0.85,
        _,
        r"\bhow (?:many|much) (?:\w+ ){0,3}?(?:would it take|does it take|would kill|to (?:die|"
        r"kill|overdose|od|end)|is (?:a )?lethal|is fatal)\b",
    ),
    (
        "means.lethal",
        "crisis.means",
        0.75,
        C,
        rf"\b(?:lethal dose|fatal dose|overdos(?:e|ed|ing){NOT_A_DRUG}|od(?:ing|'?d)? on|"
        r"painless (?:way|death|method)|quick(?:est)? way to die|easiest way to die|"
        r"best way to (?:die|kill))\b",
    ),
    (
        "means.jump",
        "crisis.means",
        0.8,
        C,
        r"\b(?:jump(?:ing)?|throw(?:ing)? myself|step(?:ping)?) (?:off|from|in front of) "
        r"(?:a|the|this|that|my)? ?(?:\w+ )?(?:{HEIGHT}|train|bus|car|truck|traffic)\b",
    ),
    (
        "means.noose",
        "crisis.means",
        0.8,
        _,
        r"\b(?:tie|tied|tying|made|making) (?:a|the|my) noose|slit(?:ting)? my (?:wrists?|throat)|"
        r"(?:cut|slice|slit)(?:ting)? (?:too |really |so )?deep\b",
    ),
    # --- goodbyes -----------------------------------------------------------------------
    (
        "goodbye.last_post",
        "crisis.goodbye",
        0.85,
        _,
        r"\b(?:this|it) (?:is|will be|'?s|might be) (?:\w+ )?my (?:last|final) (?:post|message|"
        r"words|goodbye|entry|time (?:posting|writing|here))\b",
    ),
    (
        "goodbye.goodbye_all",
        "crisis.goodbye",
        0.6,
        _,
        r"\b(?:good ?bye|farewell|bye) (?:everyone|everybody|all|world|guys|friends|forever|"
        r"cruel world|for good|y'?all)\b",
    ),
    (
        "goodbye.by_time",
        "crisis.goodbye",
        0.85,
        _,
        r"\bby the time (?:you|anyone|someone|people|they) (?:\w+ )?(?:reads?|sees?|finds?) "
        r"(?:this|me)\b",
    ),
    (
        "goodbye.wont_be_here",
        "crisis.goodbye",
        0.7,
        _,
        r"\bi (?:won'?t|will not|wont) be (?:here|around|alive) (?:much longer|anymore|tomorrow|"
        rf"for long|by|next)\b{AWAY_NOT_GONE}",
    ),
    (
        "goodbye.thanks_everything",
        "crisis.goodbye",
        0.3,
        _,
        r"\b(?:thank you|thanks) (?:all |everyone |guys )?for everything\b",
    ),
    (
        "goodbye.tell_family",
        "crisis.goodbye",
        0.5,
        _,
        r"(?<!i )(?<!always )(?<!often )\b(?:tell|let) my (?:family|mom|mum|dad|parents|kids|"
        r"wife|husband|friends|sister|"
        r"brother) (?:that )?i (?:love|loved|am sorry|'?m sorry)\b",
    ),
    # --- self-harm ----------------------------------------------------------------------
    (
        "self_harm.myself",
        "crisis.self_harm",
        0.7,
        _,
        r"\b(?:cut(?:ting)?|burn(?:ing|ed|t)?|harm(?:ing|ed)?|scratch(?:ing|ed)?|carv(?:e|ing|ed)|"
        r"starv(?:e|ing|ed)|punish(?:ing|ed)?|bleed(?:ing)?|mutilat(?:e|ing|ed)) myself\b",
    ),
    (
        "self_harm.hurt_myself",
        "crisis.self_harm",
        0.45,
        _,
        r"\b(?:hurt(?:ing)?|hit(?:ting)?|punch(?:ing|ed)?|bang(?:ing|ed)?|injur(?:e|ing|ed)) "
        r"myself\b",
    ),
    (
        "self_harm.mention",
        "crisis.self_harm",
        0.55,
        C,
        r"\b(?:self[- ]?harm(?:ing|ed)?|self[- ]?injur(?:y|ing|ed)|self[- ]?mutilat\w*|"
        r"cutting again|relaps(?:e|ed|ing) (?:on|into|with|to)? ?(?:cutting|self[- ]?harm|sh)|"
        r"urges? to (?:cut|self[- ]?harm|sh|hurt myself|burn)|my (?:fresh |new )?(?:cuts|scars)"
        r" (?:are|were|keep|won'?t|bleed))\b",
    ),
)

# Third-person crisis: someone else is at risk. The person posting is not.
CONCERN_FOR_OTHER: tuple[tuple[str, str, float, str, str], ...] = (
    (
        "concern.refl",
        "crisis.concern_for_other",
        0.8,
        _,
        r"\b(?:kill|end|hurt|cut|harm|off|hang|shoot)(?:s|ing)? {REFL3}\b",
    ),
    (
        "concern.their_life",
        "crisis.concern_for_other",
        0.8,
        _,
        r"\b(?:end|take|ending|taking)s? (?:his|her|their) (?:own )?life\b",
    ),
    (
        "concern.is_suicidal",
        "crisis.concern_for_other",
        0.8,
        _,
        r"\b{OTHER}(?:'s| is| are|'re| was| has been| have been| seems?| sounds?| seemed| "
        r"became| got| feels?) (?:\w+ )?(?:suicidal|self[- ]?harming)\b",
    ),
    (
        "concern.wants_die",
        "crisis.concern_for_other",
        0.8,
        _,
        r"\b{OTHER} (?:\w+ ){0,3}?(?:wants|wanted|want|is going|threaten(?:s|ed|ing)?|"
        r"talks? about|keeps? (?:saying|talking about)|said|says|told me|texted|"
        r"tried|tries|attempted|is planning|plans|mentioned) (?:\w+ ){0,3}?(?:to die|to kill "
        r"{REFL3}|suicide|to end it|to end (?:his|her|their) life|killing {REFL3}|"
        r"ending it|not wanting to live|(?:he|she|they) (?:wants|want) to die)\b",
    ),
    (
        "concern.worried",
        "crisis.concern_for_other",
        0.6,
        _,
        r"\b(?:worried|scared|afraid|terrified) (?:that )?(?:\w+ ){0,3}?(?:he|she|they|{OTHER}) "
        r"(?:\w+ ){0,2}?(?:will|might|may|is going to|could) (?:\w+ )?(?:hurt|kill|harm|end) "
        r"(?:{REFL3}|it|(?:his|her|their) life)\b",
    ),
)

# Cues checked in the clause before a match (window of a few words).
NEGATION = (
    r"\b(?:not|don'?t|dont|do not|never|no longer|won'?t|wont|wouldn'?t|would never|"
    r"didn'?t|doesn'?t|isn'?t|aren'?t|ain'?t|nor|neither|no|stop(?:ped)? (?:myself )?from|"
    r"without|instead of|rather than|nobody|no one|less)\b[\w' ]{0,18}$"
)
PAST = (
    r"\b(?:used to|use to|when i was|back when|back then|years ago|in the past|at (?:the )?age"
    r"|as a (?:kid|teen|teenager|child)|in (?:high school|middle school|college|my teens)"
    r"|once(?! again| more)|before i (?:got|found|started))\b"
)
PAST_AFTER = (
    r"^[^.!?\n]{0,60}\b(?:years? ago|months ago|in the past|back then|in high school|"
    r"as a (?:kid|teen|teenager)|when i was (?:younger|a kid|a teen|\d+)|but (?:now|today|"
    r"these days|things are|i'?m (?:better|okay|ok|fine|doing better))|and now i'?m)\b"
)
SUPPORT = (
    r"\b(?:you|u|ur|your|you'?re|yourself|if anyone|anyone who|anyone that|people who|"
    r"someone who|those who|how it feels|what it'?s like|it'?s okay to|it'?s ok to|"
    r"don'?t ever|please don'?t|never ever)\b"
)
FIGURATIVE_AFTER = (
    r"^\W{0,3}(?:(?:of|from|with) (?:embarrassment|laughter|cringe|shame|boredom|cuteness|"
    r"jealousy|envy|happiness)|lol|lmao|lmfao|rofl|haha\w*|hehe\w*|xd|jk|jkjk|"
    r"just kidding|kidding|😂|🤣|💀|😆|😅)"
)
FIGURATIVE_BEFORE = (
    r"\b(?:dying to|could die|just die(?:d)? (?:a little)?|jokingly|joking|meme|lyrics?|"
    r"song|movie|film|book|character|game|episode|series|show|told me to|tells me to|"
    r"telling me to|said to|want(?:ed|s)? me to)\b[\w' ]{0,30}$"
)
REPORTED = r"\b(?:told me to|tells me to|telling me to|said i should|wants? me to|want me to)\b"
# Subject words for clause-level first-person resolution.
SUBJECT = (
    r"\b(?:(?P<first>i|i'm|im|i've|ive|i'd|i'll|me|my|myself|mine)|"
    r"(?P<second>you|u|ur|your|you're|youre|you'd|youd|you'll|youll|you've|youve|yourself|"
    r"ya|y'all|yall)|"
    r"(?P<third>he|she|they|him|her|them|his|their|he's|she's|they're|friend|friends|"
    r"sister|brother|sibling|mom|mum|mother|dad|father|son|daughter|kid|child|partner|"
    r"boyfriend|girlfriend|bf|gf|wife|husband|cousin|roommate|coworker|colleague|people|"
    r"someone|somebody|person|everyone|anyone|who|character|patient|client|student))\b"
)
