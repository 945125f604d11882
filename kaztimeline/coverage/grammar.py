"""The date grammar: which words of a French or English text are a date, and what each atom reads.

A date expression is an *atom* (a day, a month, a year, a decade, a century, or a compact span such as
"7-11 avril 2025"), possibly joined to a second atom ("de 2011 à 2013", "mars-avril 2022"), with words
around it that hedge or bound it ("fin août 2025", "l'été 2022", "après 2020", "le 27 novembre dernier"),
or a *relative* phrase with no numbers ("depuis lors", "l'an dernier", "récemment"). The grammar is
documented with its examples and its false-positive guards in docs/coverage.md. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FR_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "janv.": 1, "févr.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12,
}
_EN_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12, "Jan.": 1, "Feb.": 2, "Mar.": 3,
    "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8, "Sept.": 9, "Sep.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
}


def _alternation(words, optional_dot: bool) -> str:
    escaped = (re.escape(w) for w in sorted(words, key=len, reverse=True))
    return "|".join(w.replace(r"\.", r"\.?") if optional_dot else w for w in escaped)


# French month names in any case; English ones capitalised only ("may", "march" are verbs).
MONTH = rf"(?:(?i:{_alternation(_FR_MONTHS, False)})|(?-i:{_alternation(_EN_MONTHS, True)}))"
EN_MONTH = rf"(?-i:{_alternation(_EN_MONTHS, True)})"
DAY = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
# 1700-2099; a footnote number glued to a year ("201962(*)") is read as the year.
YEAR = r"(?<![\d.,/:])(?:1[7-9]\d\d|20\d\d)(?:\d{1,2}(?=\(\*\)|[.,;:](?:\s|$)))?(?!\d)"

ATOM = re.compile(
    rf"""(?<![\w])(?:
      (?P<dayspan>{DAY}\s*(?:[-–—]|au|à|a|et(?:\s+le)?|to|and)\s*{DAY}\s+{MONTH}(?:\s+{YEAR})?)
    | (?P<endayspan>{EN_MONTH}\s+{DAY}\s*[-–—]\s*{DAY}(?:,?\s+{YEAR})?)
    | (?P<numeric>(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/(?:1[7-9]|20)\d\d(?!\d))
    | (?P<iso>{YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?!\d))
    | (?P<enday>{EN_MONTH}\s+{DAY}(?:,?\s+{YEAR})?)
    | (?P<day>{DAY}\s+{MONTH}(?:\s+{YEAR})?)
    | (?P<decade>années\s+{YEAR}|{YEAR}['’]?s)
    | (?P<century>(?:XIX|XX|XXI)(?:e|ème|eme)\s+siècle|(?:19|20|21)(?:st|th)\s+century)
    | (?P<month>{MONTH}(?:\s+{YEAR})?)
    | (?P<year>{YEAR})
    )(?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)

_NUMBER = re.compile(r"(?P<year>(?<!\d)(?:1[7-9]|20)\d\d)\d{0,2}(?!\d)|"
                     rf"(?P<month>{MONTH})|(?P<day>{DAY})", re.IGNORECASE)
_MONTHS_FOLDED = {k.rstrip(".").casefold(): v for k, v in {**_FR_MONTHS, **_EN_MONTHS}.items()}
_MONTH_PREFIX = {k[:3]: v for k, v in _MONTHS_FOLDED.items()}

# Words after a number that make it a figure, not a year ("2000 soldats", "2030 km").
FIGURE_AFTER = re.compile(
    r"\s*(?:[%‰€$]|,\d|\.\d|\s\d{3}(?!\d)|(?:km2?|m2|m²|kg|tonnes?|t|unités|personnes|soldats|hommes|"
    r"habitants|morts|blessés|dollars|euros|milliards|millions|mètres|kilomètres|exemplaires|entreprises|"
    r"véhicules|people|troops|soldiers|units|tons|km²)\b)", re.IGNORECASE)
# Words before a number that make it a page, an article or a number ("p. 2019", "n° 2019").
NUMBER_BEFORE = re.compile(r"(?:\bn°|\bno\.?|\bp\.|\bpp\.|\bpage|\bart\.|\barticle|§)\s*$", re.IGNORECASE)
# A capitalised word just before a bare year makes it part of a name ("OTAN 2030", "Vision 2030"), unless
# that word is one of these, which introduce a date.
DATE_WORDS = frozenset(
    "en depuis dès des avant après apres vers entre jusqu d ici début fin mi milieu courant printemps été "
    "automne hiver horizon année l de du au à et in since from by until after before between early late "
    "mid summer winter autumn fall spring year of for the and to during around circa".split())

# Connectors joining two atoms into a span; word connectors need an introducer before the first atom.
DASH = re.compile(r"\s*[-–—]\s*")
WORD_CONNECTOR = re.compile(
    r"\s+(?:au|à|a|et|to|and|until|till|through)\s+(?:(?:le|the|en|l['’]année)\s+)?", re.IGNORECASE)
INTRODUCER = re.compile(r"(?:\b(?:du|de|d['’]|entre(?:\s+le)?|from|between(?:\s+the)?)\s*)$", re.IGNORECASE)

# Words before an atom, peeled right to left (each optional); see `_peel` in scan.py.
YEAR_WORD = re.compile(r"(?:\bl['’]année|\bl['’]an|\bthe\s+year)\s+$", re.IGNORECASE)
OF_WORD = re.compile(r"(?:\b(?:de|du|des|of)\s+|\bd['’]\s*)$", re.IGNORECASE)
HEDGE = re.compile(
    r"(?:\b(?P<early>début|early|beginning|start|(?:première|first)\s+(?:semaine|quinzaine|moitié|week|half|"
    r"fortnight))|\b(?P<late>fin|late|end|(?:dernière|seconde|deuxième|last|second)\s+(?:semaine|quinzaine|"
    r"moitié|week|half|fortnight))|\b(?P<mid>mi-|mi|milieu|mid-|mid|middle)|\b(?P<plain>courant)"
    r"|\b(?P<season>été|hiver|automne|printemps|summer|winter|autumn|fall|spring))\s*$",
    re.IGNORECASE)
ARTICLE = re.compile(r"(?:\bau\s+cours\s+de\s+la|\bà\s+la|\ba\s+la|\bau|\ble|\bla|\bles|\bthe|\bl['’])\s*$",
                     re.IGNORECASE)
BOUND = re.compile(
    r"(?:\b(?P<before>avant|before|prior\s+to|jusqu['’](?:en|au|à)|until|d['’]ici|by)|"
    r"\b(?P<after>après|apres|after)|"
    r"\b(?P<since>depuis|dès|since|à\s+partir\s+d[eu']|as\s+of|from))\s+$", re.IGNORECASE)
MONTH_WORD = re.compile(
    r"(?:\b(?:en|in|depuis|dès|since|de|du|during|pendant|durant|courant|fin|début|mi|mid|early|late|last|"
    r"next|this|until|jusqu['’](?:en|à|au)|avant|après|before|after|by|of)\s+|\b(?:d['’]|mi-|mid-)\s*)$",
    re.IGNORECASE)
DAY_ARTICLE = re.compile(r"\b(?:le|the|on)\s+$", re.IGNORECASE)
THIS_LAST_NEXT = re.compile(r"\b(?P<word>last|next|this)\s+$", re.IGNORECASE)
SUFFIX = re.compile(
    r"\s+(?:(?P<last>dernier|dernière|passé|passée|last)|(?P<next>prochain|prochaine|next)|"
    r"(?P<same>(?:de\s+la\s+même|of\s+the\s+same|de\s+cette|of\s+that)\s+année|of\s+the\s+same\s+year|"
    r"of\s+that\s+year))\b",
    re.IGNORECASE)

SEASONS = {"été": "mid", "summer": "mid", "printemps": "early", "spring": "early", "automne": "late",
           "autumn": "late", "fall": "late", "hiver": "circa", "winter": "circa"}

_WORD_NUMBERS = {"un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
                 "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
                 "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "douze": 12, "twelve": 12}
_COUNT = rf"(?P<count>\d{{1,2}}|{'|'.join(sorted(_WORD_NUMBERS, key=len, reverse=True))})"

# Relative phrases: (pattern, how it resolves, words one of which the line must hold). "ref" phrases
# read against the text's reference date, "prev" phrases against the date the text gave last. The words
# spare running every pattern on every line.
RELATIVE: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(rf"(?<![\w’']){pattern}(?![\w])", re.IGNORECASE), how, tuple(words.split("|")))
    for pattern, how, words in (
        (r"l['’]an(?:née)?\s+(?:dernier|dernière|passé|passée)|last\s+year", "ref-year-1",
         "dernier|dernière|passé|last"),
        (r"cette\s+année|this\s+year", "ref-year+0", "cette|this"),
        (r"l['’]an(?:née)?\s+prochaine?|next\s+year", "ref-year+1", "prochain|next"),
        (r"le\s+mois\s+dernier|last\s+month", "ref-month-1", "dernier|last"),
        (r"ce\s+mois(?:-ci)?|this\s+month", "ref-month+0", "mois|this"),
        (r"depuis\s+lors|since\s+then", "prev-after", "lors|then"),
        (r"l['’]année\s+(?:suivante|d['’]après)|the\s+(?:following|next)\s+year|the\s+year\s+after",
         "prev-year+1", "suivante|après|following|next|after"),
        (r"l['’]année\s+précédente|the\s+(?:previous\s+year|year\s+before)", "prev-year-1",
         "précédente|previous|before"),
        (rf"{_COUNT}\s+(?P<unit>ans?|années?|mois|jours?|semaines?)\s+plus\s+(?P<way>tard|tôt)", "prev-count",
         "plus"),
        (rf"{_COUNT}\s+(?P<unit>years?|months?|days?|weeks?)\s+(?P<way>later|earlier)", "prev-count",
         "later|earlier"),
        (r"le\s+lendemain|the\s+(?:next|following)\s+day|the\s+day\s+after", "prev-day+1",
         "lendemain|day"),
        (r"la\s+veille|the\s+(?:previous\s+day|day\s+before)", "prev-day-1", "veille|day"),
        (r"plus\s+tard\s+dans\s+(?:le\s+mois|l['’]année)|later\s+(?:that|in\s+the|the\s+same)\s+(?:month|year)",
         "prev-same", "tard|later"),
        (r"le\s+même\s+jour|the\s+same\s+day|(?:la|cette)\s+même\s+année|the\s+same\s+year|that\s+same\s+year",
         "prev-same", "même|same"),
        (r"(?:tout\s+)?récemment|(?:very\s+|most\s+)?recently", "ref-circa", "récemment|recently"),
        (r"actuellement|aujourd['’]hui|à\s+ce\s+jour|currently|nowadays|at\s+present|today", "ref-circa",
         "actuellement|aujourd|jour|currently|nowadays|present|today"),
        (r"avant-hier", "ref-day-2", "hier"),
        (r"hier|yesterday", "ref-day-1", "hier|yesterday"),
        (r"demain|tomorrow", "ref-day+1", "demain|tomorrow"),
    ))

# Where an atom may start (a number, a month, "années", a Roman century): the grammar is tried there only.
CANDIDATE = re.compile(
    r"(?<!\w)(?:\d|(?i:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c|années|xx|xix)"
    r"|(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))")


@dataclass(frozen=True)
class Fields:
    """What an atom gives: year, month and day, each None when the text leaves it out."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def read_numbers(text: str) -> list[Fields]:
    """The dates an atom names, in order: "du 7 au 11 avril 2025" gives day 7, then 11 April 2025.

    A day or month with no year of its own borrows the next one's ("7" → 7 April 2025; "mars" in
    "mars-avril 2022" → March 2022), as the reader does.
    """
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
        day, month, year = (int(part) for part in text.split("/"))
        return [Fields(year, month, day)]
    iso = re.fullmatch(r"(\d{4})-(\d\d)(?:-(\d\d))?", text)
    if iso:
        return [Fields(int(iso[1]), int(iso[2]), int(iso[3]) if iso[3] else None)]
    dates: list[list[int | None]] = [[None, None, None]]
    for match in _NUMBER.finditer(text):
        kind = match.lastgroup or ""
        slot = {"year": 0, "month": 1, "day": 2}[kind]
        if dates[-1][slot] is not None:
            dates.append([None, None, None])
        dates[-1][slot] = _value(kind, match.group())
    for earlier, later in reversed(list(zip(dates, dates[1:]))):
        if earlier[0] is None:
            earlier[0] = later[0]
        if earlier[1] is None and earlier[2] is not None:
            earlier[1] = later[1]
    for earlier, later in zip(dates, dates[1:]):
        if later[1] is None and later[2] is not None:
            later[1] = earlier[1]
        if later[0] is None:
            later[0] = earlier[0]
    return [Fields(*fields) for fields in dates]


def _value(kind: str, word: str) -> int:
    if kind == "year":
        return int(word[:4])
    if kind == "month":
        folded = word.casefold().rstrip(".")
        return _MONTHS_FOLDED.get(folded) or _MONTH_PREFIX[folded[:3]]
    return 1 if word.casefold().startswith(("1er", "premier", "first")) else int(re.match(r"\d+", word)[0])  # type: ignore[index]


def count_of(word: str) -> int:
    """ "six" → 6, "12" → 12: the number in "six mois plus tôt"."""
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.casefold()]
