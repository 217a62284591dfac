"""Regular expressions for the PII screener, written for Hearth. Bump VERSION on change."""

from __future__ import annotations

from .helpline_words import HELPLINE_WORDS

VERSION = "pii-2026.12.2"

EMAIL = (
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,24}\b"
)
EMAIL_OBFUSCATED = (
    r"\b[a-z0-9][a-z0-9._-]{1,40}\s*[\[(]\s*at\s*[\])]\s*[a-z0-9-]+\s*(?:[\[(]\s*dot\s*[\])]|"
    r"\.|\s+dot\s+)\s*[a-z]{2,10}\b"
)

# A run that may be a phone number: optional +/00 prefix, digits with the separators
# people type, and an optional extension.
PHONE_CANDIDATE = (
    r"(?<![\w+/.-])(?:\+|00)?\(?\d[\d \t().\-/]{4,22}\d"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w/]|-\d|\.\d)"
)
# Whole-candidate shapes that are not phone numbers.
NOT_PHONE_SHAPES = (
    r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})",  # 12/05/2024, 3.4.21
    r"\d{4}[./-]\d{1,2}[./-]\d{1,2}",  # 2024-05-12
    r"\d{3}-\d{2}-\d{4}",  # US SSN
    r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}",  # IPv4
    r"\d{4}\s?[-–]\s?\d{4}",  # year ranges 2019-2023
    r"(?:\d{4} ){3}\d{4}|\d{4}-\d{4}-\d{4}-\d{4}",  # card-like groups
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?",  # 1,200,000
    r"\d+\.\d{1,2}",  # 12.50
    r"\d{1,2}:\d{2}(?::\d{2})?",  # times
)
# Units or words right after a number: weights, money, counts, measures.
UNIT_AFTER = (
    r"\s?(?:lbs?|pounds?|kgs?|kilos?|st\b|stone|cal|kcal|calories|g\b|grams?|mg|ml|km|miles?|"
    r"cm|mm|ft|feet|inch|inches|%|percent|dollars?|usd|eur|euros?|gbp|bucks|k\b|m\b|years?|"
    r"yrs?|days?|hours?|minutes?|times|people|views|likes|subscribers|followers|words|"
    r"posts|steps|bpm|mph|degrees)"
)
MONEY_BEFORE = r"[$£€¥₹]\s?$"
# House numbers: "370 3911 Fourth Avenue", "Apt. 675 62314"; datetimes "2000-04-16 11:34".
ADDRESS_AFTER = r"[ \t]+(?!(?:or|and|if|to|for|from|after|before|between|anytime)\b)[A-Z][a-z]|:\d"
ADDRESS_BEFORE = r"(?i)\b(?:apt|apartment|suite|ste|unit|flat|no|nr|box|#)\.?\s*$"
NON_PHONE_CONTEXT = (
    r"(?i)\b(?:card|credit|visa|mastercard|amex|iban|account|acct|routing|sort code|ssn|"
    r"social security|passport|licen[sc]e|id number|order|invoice|tracking|zip|postcode|"
    r"postal|isbn|serial|version|ip|reference|ref|policy|case|ticket|bsn|nino|tax)\b"
    r"[^.\n]{0,25}$"
)
# A helpline or a service named beside a number, and words that make a number someone's own.
SERVICE_NAMED = (
    rf"\b(?:{HELPLINE_WORDS}|crisis (?:team|service)|advice line|freephone|toll[- ]free|"
    r"charity|clinic|surgery|pharmacy|nhs|service|services|centre|center|switchboard|"
    r"reception)\b"
)
SOMEONES_OWN = r"\b(?:me|my|mine|i'?m|i am|his|her|their|personal|private|mobile|cell)\b"
PHONE_CONTEXT = (
    r"(?i)\b(?:phone|call|text|tel|telephone|mobile|cell|whatsapp|number|contact|fax|sms|"
    r"ring|reach)\b"
)

_STREET_WORDS = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|"
    r"Terrace|Close|Crescent|Cres|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Row|"
    r"Grove|Gardens|Mews|Walk|Hill|Park|Path|Alley|Plaza|Loop|Run|Heights|Point|View|Ridge)"
)
ADDRESSES = (
    # 221B Baker Street, 1600 Pennsylvania Avenue NW
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]+\s+){{1,4}}{_STREET_WORDS}\.?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West))?"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\.?\s*#?\w+)?\b",
    # Hauptstraße 5, Kirchweg 12a, Rosengracht 3, Viale Roma 10
    r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|"
    r"straat|laan|gracht|plein|steeg|kade|vej|gade|gatan|vägen|katu|tie)\s+\d{1,4}"
    r"(?:[ ]?[a-zA-Z](?!\w))?(?!\w)",
    # 12 rue de la Paix, 5 bis avenue Victor Hugo
    r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|allée|chemin|place|"
    r"impasse|quai|cours|route)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?[A-ZÉÈ][\w'-]+"
    r"(?:\s+[A-ZÉÈ][\w'-]+)?",
    # Calle Mayor 10, Via Garibaldi 7, Rua Augusta 120
    r"\b(?:Calle|Avenida|Av\.|Plaza|Paseo|Camino|Carrer|Via|Viale|Piazza|Corso|Rua|Travessa|"
    r"Largo|Ulica|ul\.)\s+(?:(?:de|del|di|da|do|dos|della)\s+)?[A-ZÁÉÍÓÚ][\w'-]+"
    r"(?:\s+[A-ZÁÉÍÓÚ][\w'-]+)?,?\s+(?:n[º°o.]\s*)?\d{1,4}\b",
    r"\b(?:P\.?\s?O\.?\s?Box|Postfach|Apartado)\s+\d{1,6}\b",
)

# Cheap anchors, one per ADDRESSES entry: the full pattern runs only near these.
ADDRESS_ANCHORS = (
    r"\d[a-z]?,?[ \t]+[a-z]",
    r"(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|straat|laan|gracht|plein|"
    r"steeg|kade|vej|gade|gatan|vägen|katu|tie)[ \t]+\d",
    r"\d(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|av|bd|boulevard|allée|chemin|place|impasse|quai|"
    r"cours|route)",
    r"(?:calle|avenida|av\.|plaza|paseo|camino|carrer|via|viale|piazza|corso|rua|travessa|"
    r"largo|ulica|ul\.)[ \t]",
    r"(?:box|postfach|apartado)[ \t]+\d",
)

_PLATFORMS = (
    r"(?:insta|instagram|ig|snap|snapchat|sc|discord|telegram|tg|whatsapp|whats app|wa|"
    r"twitter|tiktok|tik tok|kik|skype|wechat|line|signal|threads|bluesky|bsky|reddit|"
    r"facebook|fb|tumblr|twitch|youtube|yt|onlyfans|steam|xbox|psn|gamertag)"
)
HANDLES = (
    r"\b(?:https?://)?(?:www\.)?(?:instagram\.com|twitter\.com|x\.com|tiktok\.com|"
    r"facebook\.com|fb\.com|snapchat\.com/add|t\.me|telegram\.me|wa\.me|discord\.gg|"
    r"discord\.com/users|reddit\.com/u(?:ser)?|tumblr\.com|twitch\.tv|youtube\.com/@?|"
    r"bsky\.app/profile|onlyfans\.com|linkedin\.com/in)/@?[\w.\-]{2,40}",
    rf"\b(?:my|our|his|her|add me on|follow me on|dm me on|message me on|hit me up on|"
    rf"find me on|text me on|reach me on|i'?m on)\s+{_PLATFORMS}"
    r"(?:\s+(?:is|id|handle|name|username|user|@|tag|account))?\s*(?::|-|is|at)?\s*"
    r"@?(?!is\b|me\b|and\b|the\b|a\b|if\b)[\w.\-]{3,32}(?:#\d{4})?",
    r"(?<![\w@])[A-Za-z][\w.]{2,31}#\d{4}\b",  # classic Discord tag name#1234
)
HANDLE_ANCHORS = (
    r"(?:instagram|twitter|x|tiktok|facebook|fb|snapchat|t|telegram|wa|discord|reddit|tumblr|"
    r"twitch|youtube|bsky|onlyfans|linkedin)\.(?:com|me|gg|tv|app)/",
    rf"[nrsy]\s+{_PLATFORMS}(?![a-z])",  # after my, our, his, her or "... on"
    r"#\d{4}",
)
NAME_INTRO = (
    r"(?i:\bmy\s+(?:full\s+|real\s+)?name\s+is|\bi\s+am\s+called|\bcall\s+me)\s+"
    r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+"
)
PLACE_INTRO = (
    r"(?i:\bi\s+live\s+(?:in|at|on|near)|\bi'?m\s+from|\bi\s+am\s+from|\bi'?m\s+based\s+in|"
    r"\bliving\s+in|\bi\s+live\s+in)\s+(?:the\s+)?[A-Z][\w'’-]+(?:[\s,]+[A-Z][\w'’-]+){0,3}"
)
