"""General English vocabulary the extractors share: titles, event nouns, organisation words.

These are closed classes of the language of news, not names from any article.
"""

from __future__ import annotations

# Words that head a named multi-party gathering.
EVENT_NOUNS = frozenset({
    "forum", "expo", "exhibition", "summit", "conference", "fair", "congress", "festival",
    "olympics", "games", "week", "show", "dialogue", "symposium", "convention", "meeting",
    "session", "assembly", "roundtable", "council",
})
# Of those, the ones that on their own make a capitalised phrase a named event.
STRONG_EVENT_NOUNS = frozenset({"forum", "expo", "exhibition", "summit", "conference", "fair",
                                "congress", "festival", "symposium", "olympics"})

ORG_WORDS = frozenset({
    "ministry", "ministries", "committee", "commission", "corporation", "corp", "company",
    "co", "ltd", "llc", "inc", "group", "bank", "agency", "administration", "department",
    "office", "service", "council", "corps", "party", "union", "organization",
    "organisation", "association", "fund", "institute", "university", "holding", "holdings",
    "authority", "bureau", "chamber", "government", "parliament", "court", "federation",
    "railways", "airlines", "news", "times", "post", "press", "exchange", "center", "centre",
})

REGION_SUFFIXES = ("autonomous region", "region", "oblast", "province", "krai", "kray",
                   "prefecture", "governorate", "autonomous okrug", "autonomous district",
                   "municipality", "oblysy")

# Titles of office, longest first so "Deputy Prime Minister" wins over "Minister".
TITLES = sorted({
    "president", "vice president", "vice-president", "prime minister", "deputy prime minister",
    "first deputy prime minister", "vice premier", "premier", "minister", "deputy minister",
    "vice minister", "foreign minister", "secretary", "secretary-general",
    "secretary general", "deputy secretary-general", "deputy secretary general",
    "general secretary", "party secretary", "head", "chairman", "chairwoman", "chair",
    "vice chairman", "deputy chairman", "chief executive", "ceo", "director",
    "director general", "director-general", "general director", "deputy director",
    "governor", "deputy governor", "mayor", "deputy mayor", "ambassador", "consul general",
    "spokesperson", "spokesman", "spokeswoman", "press secretary", "speaker", "chief",
    "commissioner", "envoy", "special envoy", "founder", "co-founder", "managing director",
    "executive director", "vice-chairman", "deputy head", "senior fellow", "analyst",
    "king", "emir", "sultan", "senator", "adviser", "advisor", "aide", "representative",
    "special representative", "general manager", "board chairman", "deputy", "leader",
    "official", "executive", "economist", "researcher", "editor", "correspondent",
    "head of state", "head of government", "research fellow", "fellow", "rais",
    "party chief", "party secretary", "top official", "president-elect",
}, key=lambda t: (-len(t.split()), t))

TITLE_HEADS = frozenset(t.split()[-1].split("-")[-1] for t in TITLES) | {
    "minister", "president", "secretary", "head", "chairman", "spokesperson"}

ORDINAL_WORDS = frozenset({
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "annual", "inaugural",
})

GENERIC_WORDS = frozenset({
    "international", "trade", "group", "company", "co", "ltd", "corporation", "national",
    "state", "new", "general", "agricultural", "system",
    "the", "of", "and", "for", "business", "economic", "development", "investment",
    "republic", "people", "bank", "forum", "region", "autonomous", "central", "special",
    "zone", "water", "construction", "engineering", "chemical", "machinery", "saving",
    "irrigation", "production", "energy", "industrial", "industry", "holding", "global",
})
