"""Words that name a helpline, shared by the screeners that must not mistake one for what they
look for: the spam screener (a post passing on a helpline is help, not an advert) and the PII
screener (a helpline's number is no one's personal number)."""

HELPLINE_WORDS = (
    r"(?:helplines?|hotlines?|lifelines?|crisis (?:text )?lines?|support lines?|text lines?|"
    r"infolines?|samaritans)"
)
