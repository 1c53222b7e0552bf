"""Pinned fields of a study card read from an abstract's text by patterns: sample size, species, age
group, condition, setting, abbreviations, numbers of a result (effect, CI, p), adverse events, dose and
route, follow-up (the arms and outcomes are in :mod:`medcite.corpus.comparison`). Every function returns
:class:`Span` s with offsets into the text it was given.

Rules here are the first reading; ``bench/bench_cards.py`` reports how often each field is filled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medcite.corpus.sample_size import NUMBER_WORDS
from medcite.domain.cards import AgeGroup, Span, Species
from medcite.text import GROUPED_COUNT, SAMPLED_PEOPLE, alternation, count_value
from medcite.text.abbreviations import defined_abbreviations
from medcite.text.design_cues import LABORATORY
from medcite.text.words import ANIMAL_NOUNS, HARM_AS_AIM, HUMAN_SUBJECTS, word_number, year_not_count

_PEOPLE = alternation(SAMPLED_PEOPLE)
# up to three words between the count and the people, none a share ("Eighty percent of patients"), a kind's
# number among them ("326 Type 2 diabetes patients")
_KINDS = ("[Tt]ype", "[Ss]tage", "[Gg]rade", "[Cc]lass", "[Pp]hase", "Year")
_KIND_WORD = f"(?:{'|'.join(_KINDS)})"
_NOT_BETWEEN = r"(?:percent|per|of|trials|studies|which|who)\b"  # "Two trials in which patients were ..."
_BETWEEN = rf"(?:{_KIND_WORD} \d+\s+|(?!{_NOT_BETWEEN})[A-Za-z][\w-]*\s+){{0,3}}?"
# a number that names a kind, not a count: "Type 2 diabetes patients with at least one HbA1c measurement ..."
# (tune36: a study of 326 such patients was shown with n = 2), "stage 3 patients": one digit after the kind
# word (not "After finishing the first grade 131 children were compared ...")
_KIND_NUMBER = "".join(rf"(?!(?<={w}[ -])\d\b)" for w in _KINDS)  # one lookbehind each: fixed widths
# a school year, not a count: "Year 10 students (aged 14-15 years) ... were asked to participate" (tune40:
# shown with n = 10 beside "focus groups were held involving 287 students"); capitalised, as a school year is
# written ("after one year 45 patients ..." stays a count)
_KIND_NUMBER += r"(?!(?<=Year )\d{1,2}\b)"
_COUNT = re.compile(rf"\b{_KIND_NUMBER}({GROUPED_COUNT}|\d+)\s+{_BETWEEN}{_PEOPLE}\b")
# a count in words opens its sentence, as style guides ask: "Eighty-three patients met the study criteria"
# (a reading of tuning-half articles found such abstracts shown with no n and graded "sample size not found")
_WORD_COUNT = re.compile(rf"(?:^|(?<=[.;:]\s)|(?<=\n))({NUMBER_WORDS})\s+{_BETWEEN}{_PEOPLE}\b", re.I)


def span(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` without surrounding whitespace or trailing punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    for close, open_ in ((")", "("), ("]", "[")):  # an unbalanced closing bracket: "95% CI 9.9-18.4)"
        if (
            end > start
            and text[end - 1] == close
            and text.count(close, start, end) > text.count(open_, start, end)
        ):
            end -= 1
    return Span(start, end, text[start:end])


def first(text: str, pattern: re.Pattern[str], group: int = 0, within: Iterable[Span] = ()) -> Span | None:
    """The first match of ``pattern`` (its ``group``), searched in ``within`` spans when given."""
    regions = list(within) or [Span(0, len(text), text)]
    for r in regions:
        if m := pattern.search(text, r.start, r.end):
            return span(text, m.start(group), m.end(group))
    return None


def people_counts(text: str) -> list[tuple[int, int, int]]:
    """(count, start, end) of each "N <people>" phrase ("1,234 patients", "36 healthy children")."""
    digits = [
        (c, m.start(1), m.end(1))
        for m in _COUNT.finditer(text)
        if not _year(
            c := count_value(m.group(1)) or 0, m.group(1), text[max(0, m.start(1) - 12) : m.start(1)]
        )
    ]
    words = [(n, m.start(1), m.end(1)) for m in _WORD_COUNT.finditer(text) if (n := word_number(m.group(1)))]
    return sorted(digits + [w for w in words if w[0] > 1], key=lambda c: c[1])


def _year(value: int, written: str, before: str) -> bool:
    """A year, not a count ("through December 1998 thirty patients"): four plain digits after a word of
    time; not after "of", "from", "to" or "and" ("A total of 2000 patients", "data from 1950 patients")."""
    return written.isdigit() and year_not_count(value, before) and not _COUNT_BEFORE.search(before)


_COUNT_BEFORE = re.compile(r"\b(?:of|from|to|and)\s+$", re.I)
_SCREENING = re.compile(
    r"\b(?:screened|assessed for eligibility|approached|invited|identified|eligible|contacted|reviewed|"
    r"searched|articles?|studies|trials|records|citations)\b",
    re.I,
)
# a screening word that is the people's own records ("the medical records of 2061 patients"): no screening
_RECORDS_OF = re.compile(
    r"\b(?:reviewed\s+(?:the\s+)?)?(?:[\w-]+\s+)?(?:records|charts|files|notes)\s+of\s+(?=\d)", re.I
)
# a count of a part of the sample, not the study's n ("In a subgroup of 20 participants, in-depth
# interviews"); not "subset": "This report focuses on the subset of 235 patients from the ... study" is
# the report's n
_PART_OF = re.compile(r"\b(?:subgroup|subsample|sub-sample)s?\s+of\s+$", re.I)
# a count of people allocated or enrolled, wherever the sentence is ("The trial was stopped after 59 women
# were randomly assigned"): the study's n where no methods sentence states one
_ENROLLED = re.compile(
    rf"\s+{_BETWEEN}{_PEOPLE}\s+(?:were|had been)\s+(?:randomly\s+)?"
    r"(?:assigned|allocated|randomi[sz]ed|enrolled|recruited|included)\b"
)
_LABEL_END = re.compile(r"(?:\d|\b[IVX]+)\s*(?:and|or|to|-|–)\s*$")
# "Of 967 children admitted, 55 were included with a 2-day median delay": the people included are the study's
# n, not those admitted or screened before (tune39: "In an observational study of 967 children, 34 (50% of
# total deaths) children died"); not an arm's count ("11 were randomized to receive carvedilol ..., and 7
# ...") nor a step before another count ("only 507 were eligible and 344 participated")
_OF_INCLUDED = re.compile(
    rf"\b[Oo]f (?:the |these |all )?({GROUPED_COUNT}|\d+) {_BETWEEN}{_PEOPLE}\b[^.;]{{0,80}}?,\s+(?:only )?"
    rf"({GROUPED_COUNT}|\d+) (?:(?!and\b)[a-z-]+ ){{0,2}}?(?:were|was|had been) (?:finally |eventually )?"
    r"(?:included|enrolled|randomi[sz]ed|analy[sz]ed|eligible|recruited|selected)\b"
    r"(?![^.;]*?\b(?:and|or|whereas|while)\s+(?:the )?(?:other |remaining )?\d)"
)
_N_EQUALS = re.compile(r"\(\s*[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\s*\)")
_ANY_N_EQUALS = re.compile(r"\b[nN]\s*=\s*\d")
# two counts of people coordinated: "21 HPV-positive and 11 HPV-negative mothers" (not "6 and 12 months")
_ARMS = re.compile(
    rf"\b\d[\d,]*\s+(?:[\w-]+\s+){{0,2}}(?:and|or|versus|vs\.?)\s+\d[\d,]*\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?"
    rf"{_PEOPLE}\b"
)


def sample_span(text: str, n: int | None, methods: Iterable[Span] = ()) -> tuple[int | None, Span | None]:
    """The study's n and where the text states it.

    The classifier's sample size ``n`` when the text backs it: stated as a count of people and not smaller
    than another count of people (a subgroup count is not the study's n). Otherwise the largest count of
    people ("120 patients", "(n = 38)") in the ``methods`` sentences, leaving out sentences about
    screening or about other studies ("1,204 patients were screened", "12 trials")."""
    if (m := _OF_INCLUDED.search(text)) and 1 < (k := count_value(m.group(2)) or 0) < (
        count_value(m.group(1)) or 0
    ):
        return k, Span(m.start(2), m.end(2), m.group(2))
    counts = people_counts(text)
    if n is not None and n > 0 and not (counts and n < max(c for c, _, _ in counts)):
        for c, s, e in counts:
            if c == n:
                return n, Span(s, e, text[s:e])
        num = re.compile(rf"(?<![\d.,]){n:,d}(?![\d.,]\d)|(?<![\d.,]){n:d}(?![\d.,]\d)")
        if m := num.search(text):
            return n, Span(m.start(), m.end(), m.group(0))
    best: tuple[int, int, int] | None = None
    for r in methods:
        if _SCREENING.search(_RECORDS_OF.sub("", r.text)):
            continue
        equals = list(_N_EQUALS.finditer(text, r.start, r.end))
        if len(_ANY_N_EQUALS.findall(r.text)) > 1 or _ARMS.search(r.text):
            # the arms' sizes ("placebo (n = 121) ... (n = 120)", "21 HPV-positive and 11 HPV-negative
            # mothers"): none of them is the study's n, and their sum is stated nowhere
            continue
        found = [
            (c, s, e) for c, s, e in counts if r.start <= s < r.end and not _PART_OF.search(text, r.start, s)
        ]
        if equals:
            found.append((int(equals[0].group(1).replace(",", "")), equals[0].start(1), equals[0].end(1)))
        for c, s, e in found:
            if 1 < c < 10_000_000 and (best is None or c > best[0]):
                best = (c, s, e)
    if best is None:  # the largest count enrolled, not a grade's number ("ASA 1 and 2 patients were ...")
        enrolled = [
            x
            for x in counts
            if _ENROLLED.match(text, x[2]) and not _LABEL_END.search(text, max(0, x[1] - 9), x[1])
        ]
        best = max(enrolled, default=None)
    if best is None:
        return None, None
    return best[0], Span(best[1], best[2], text[best[1] : best[2]])


_ANIMAL = re.compile(rf"\b(?:{alternation(ANIMAL_NOUNS)}|murine|rodent)\b", re.I)
_HUMAN = re.compile(rf"\b(?:{alternation(HUMAN_SUBJECTS)})\b", re.I)


def species(text: str, human: bool | None, design: str) -> tuple[Species, Span | None]:
    """Human, animal or in-vitro subjects (the classifier's reading decides, the text gives the span)."""
    if human is True:
        return "human", first(text, _HUMAN)
    lab, animal = first(text, LABORATORY), first(text, _ANIMAL)
    if human is False or design == "animal":
        if animal is not None:
            return "animal", animal
        if lab is not None:
            return "in_vitro", lab
        return "animal", None
    if (person := first(text, _HUMAN)) is not None:
        return "human", person
    return "unknown", None


_CHILD = re.compile(
    r"\b(?:child(?:ren)?|pa?ediatric|infants?|infancy|neonat\w*|newborns?|preterm|toddlers?|"
    r"adolescen\w*|boys|girls|schoolchildren|juvenile|youths?|teenagers?|preschool\w*|kindergarten)\b",
    re.I,
)
_OLDER = re.compile(
    r"\b(?:elderly|older (?:adults?|people|persons|patients|women|men|individuals)|geriatric|"
    r"aged (?:65|70|75|80)\s*(?:years? )?(?:or|and) (?:older|over|above)|"
    r"nursing home residents|octogenarians|nonagenarians)\b",
    re.I,
)
_ADULT = re.compile(r"\b(?:adults?|adulthood|women|men|mothers|pregnan\w*|postmenopausal|veterans)\b", re.I)


_AGE_NUMBER = re.compile(
    r"\b(?:aged?|age range|(?:mean|median|average) (?:\(?\w+\)? )?age|ages|age of)\s*"
    r"(?:[:,=]\s*|was\s+|were\s+|of\s+|between\s+|from\s+)*(\d+(?:\.\d+)?)\s*(?:(?:-|–|to|and)\s*(\d+(?:\.\d+)?))?\s*(?:(?:±|\+/-)\s*\d+(?:\.\d+)?\s*)?"
    r"(years?|yrs?|y\b|months?|mo\b|weeks?|days?)"
    r"|\baged (\d+)\s*(?:(?:-|–|to|or|and)\s*(\d+))?\b(?!\s*(?:%|mg|kg|cm|months?|weeks?|days?))",
    re.I,
)


def _age_from_number(m: re.Match[str]) -> AgeGroup:
    if m.group(4):  # "aged 92 or 93": years
        low = float(m.group(4))
        high = float(m.group(5)) if m.group(5) else low
    elif not m.group(3).lower().startswith("y"):
        return "children"  # ages in months, weeks or days
    else:
        low = float(m.group(1))
        high = float(m.group(2)) if m.group(2) else low
    if high < 18:
        return "children"
    if low < 18:
        return "mixed"
    return "older adults" if low >= 65 else "adults"


def age_group(text: str, within: Iterable[Span] = ()) -> tuple[AgeGroup, Span | None]:
    """Children, adults, older adults or a mix: from a stated age ("aged 6-12 years", "mean age 71
    years"), else from the words for the people studied; read in ``within`` (the whole text when empty)."""
    regions = list(within) or [Span(0, len(text), text)]
    for r in regions:
        if m := _AGE_NUMBER.search(text, r.start, r.end):
            return _age_from_number(m), span(text, m.start(), m.end())
    found = [
        (g, s)
        for g, p in (("children", _CHILD), ("older adults", _OLDER), ("adults", _ADULT))
        if (s := first(text, p, within=regions)) is not None
    ]
    if not found:
        return "unknown", None
    groups = {g for g, _ in found}
    if "children" in groups and groups - {"children"}:
        return "mixed", min((s for _, s in found), key=lambda s: s.start)
    if groups == {"older adults", "adults"}:
        return "older adults", next(s for g, s in found if g == "older adults")
    g, s = found[0]
    return g, s  # type: ignore[return-value]


def abbreviations(text: str) -> tuple[tuple[Span, Span], ...]:
    """(short form, long form) spans of each abbreviation the text defines ("recombinant human
    erythropoietin (rhEPO)" or "rhEPO (recombinant human erythropoietin)"), at its definition."""
    out: list[tuple[Span, Span]] = []
    for sf, lf in defined_abbreviations(text).items():
        if (i := text.find(f"{lf} ({sf}")) >= 0:
            j = i + len(lf) + 2
            out.append((Span(j, j + len(sf), sf), Span(i, i + len(lf), lf)))
        elif (i := text.find(f"{sf} ({lf}")) >= 0:
            j = i + len(sf) + 2
            out.append((Span(i, i + len(sf), sf), Span(j, j + len(lf), lf)))
    return tuple(sorted(out, key=lambda p: p[0].start))


_CONDITION = re.compile(
    rf"\b(?:{_PEOPLE}|cases|women|men)\s+(?:who (?:had|have|were diagnosed with)|with|undergoing|"
    r"suffering from|diagnosed with|admitted (?:to (?:\w+ ){1,3})?(?:with|for)|presenting with|"
    r"at (?:high )?risk (?:of|for)|scheduled for)\s+((?:(?!(?:and|or|who|that|which|were|was|is|are|had|has|"
    r"have|did|does|do|in|at|from|to|for|during|after|before|than|showed|underwent|received|using|by|"
    r"included|including|aged|treated|enrolled|admitted|presenting|undergoing|requiring|according)\b)"
    r"[^\s,.;:()\[\]]+\s?){1,6})",
    re.I,
)
_NOT_CONDITION = re.compile(
    r"^(?:a|an|the|other|no|normal|open|different|similar|various|these|those|this|their|his|her|its|"
    r"and|or|\d[\d.,]*|one|two|three|both|all|any|some|regard|respect|reference)\b",
    re.I,
)


def condition(text: str, within: Iterable[Span] = ()) -> Span | None:
    """The condition of the people studied: "patients with <condition>" (not "patients with a normal
    examination", "patients with other indications")."""
    for r in list(within) or [Span(0, len(text), text)]:
        for m in _CONDITION.finditer(text, r.start, r.end):
            found = span(text, m.start(1), m.end(1))
            if found.text and not _NOT_CONDITION.match(found.text):
                return found
    return None


_SETTING = re.compile(
    r"\b(?:(?:multi-?cent(?:er|re)|single-?cent(?:er|re)|tertiary|university|teaching|community|rural|urban|"
    r"academic|district|general|psychiatric|paediatric|pediatric|regional|referral|veterans? affairs)\s+)*"
    r"(?:(?:\w+ )?hospitals?|(?:outpatient |specialist |memory |primary care )?clinics?|"
    r"intensive care units?|ICUs?|emergency departments?|"
    r"primary care(?: practices| settings?| centres| centers)?|"
    r"general practices?|nursing homes?|care homes?|"
    r"(?:\w+ )?(?:medical |health |trauma |cancer )?cent(?:er|re)s|outpatient (?:setting|departments?)|"
    r"inpatient (?:setting|units?|wards?)|wards?|schools?|communit(?:y|ies))\b",
    re.I,
)
_SETTING_LEAD = re.compile(r"\b(?:in|at|from|across)\s+(?:\d+\s+|a |an |the |two |three |four |five |six )?")


def setting(text: str, within: Iterable[Span] = ()) -> Span | None:
    """Where the study ran: "in a tertiary care hospital", "27 primary care practices"."""
    for r in list(within) or [Span(0, len(text), text)]:
        for m in _SETTING.finditer(text, r.start, r.end):
            lead = _SETTING_LEAD.search(text, max(r.start, m.start() - 40), m.start())
            if (
                lead
                and lead.end() <= m.start()
                and not text[lead.end() : m.start()].strip(" -").count(" ") > 4
            ):
                return span(text, lead.start(), m.end())
            if re.match(r"multi|single", m.group(0), re.I):
                return span(text, m.start(), m.end())
    return None


# -- the numbers of a result ---------------------------------------------------------------------------
_NUM = r"[-−–]?\d+(?:[.·]\d+)?"
_EFFECT = re.compile(
    rf"\b(?:(?:adjusted |pooled |weighted |standardi[sz]ed )?(?:odds ratio|hazard ratio|risk ratio|"
    rf"rate ratio|relative risk|mean difference|risk difference|(?:absolute |relative )?risk reduction|"
    rf"number needed to treat|incidence rate ratio|area under the (?:\w+ )?curve|correlation coefficient)|"
    rf"(?-i:a?ORs?|a?HRs?|RRs?|IRR|ARR|RRR|NNT|S?MD|WMD|AUC|AUROC))"
    rf"\s*(?:\([^)]{{0,15}}\)\s*)?[:=,]?\s*(?:of|was|were|=)?\s*{_NUM}"
    rf"|\b(?:reduc|decreas|increas|improv|lower)\w*\s+(?:\w+\s+){{0,4}}?by\s+{_NUM}\s*(?:%|percent|"
    rf"percentage points?)"
    rf"|{_NUM}\s*(?:%|mg|kg|mmHg|mm Hg|days?|hours?|months?|years?|points?)?\s*(?:vs\.?|versus|compared "
    rf"(?:with|to))\s*{_NUM}\s*(?:%|mg|kg|mmHg|mm Hg|days?|hours?|months?|years?|points?)?"
    rf"|\b(?:(?:mean|median) )?difference (?:of|was)\s+{_NUM}\s*%?",
    re.I,
)
_CI = re.compile(
    rf"\b\d{{2}}\s*%\s*(?:CI|confidence intervals?|credible intervals?|CrI)\s*[:=,]?\s*\[?\(?"
    rf"{_NUM}\s*%?\s*(?:to|-|–|—|,)\s*{_NUM}\s*%?\)?\]?",
    re.I,
)
_P = re.compile(
    r"\b[Pp]\s*(?:[<>=≤≥]|&[lg]t;)\s*0?[.·]\d+(?:\s*[x×]\s*10\s*[-−]\s*\d+)?|\b[Pp]\s*=\s*NS\b|\bn\.?s\.(?!\w)"
)


def effect(text: str, s: Span) -> Span | None:
    return first(text, _EFFECT, within=[s])


def ci(text: str, s: Span) -> Span | None:
    return first(text, _CI, within=[s])


def p_value(text: str, s: Span) -> Span | None:
    return first(text, _P, within=[s])


# -- safety, dose, follow-up ---------------------------------------------------------------------------
# harms of the intervention as such; symptom and outcome words (bleeding, infection, death, mortality) are
# left out: in results sentences they are mostly the study's outcomes or its condition (on the 1,000 PubMedQA
# cards: 231 with adverse events before, 95 after; the dropped sentences read as outcomes)
ADVERSE = re.compile(
    rf"\b{HARM_AS_AIM}(?:adverse (?:events?|effects?|reactions?|drug reactions?|outcomes?)|side[- ]effects?|"
    r"toxicit\w*|complications?|tolerab\w*|well tolerated|serious (?:adverse )?events?|withdrawals? due to|"
    r"discontinu\w* (?:due to|because of)|harms?)\b",
    re.I,
)
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?\s*(?:mg|mcg|µg|μg|ug|g|ng|mL|ml|IU|U|units?|"
    r"mmol|mEq|Gy)(?:\s*/\s*(?:kg|m2|m²|day|d|h|min|dose))*\b"
    r"(?:\s+(?:(?:once|twice|three times|four times)\s+(?:a\s+)?(?:daily|day|weekly|week)|daily|per day|"
    r"a day|weekly|bid|tid|qid|b\.i\.d\.|t\.i\.d\.|every \d+ (?:hours|h|days|weeks)))?",
)
_ROUTE = re.compile(
    r"\b(?:intravenous(?:ly)?|i\.v\.|oral(?:ly)?|per os|intranasal(?:ly)?|intramuscular(?:ly)?|i\.m\.|"
    r"subcutaneous(?:ly)?|s\.c\.|topical(?:ly)?|transdermal(?:ly)?|inhaled|inhalation|sublingual(?:ly)?|"
    r"intrathecal(?:ly)?|epidural(?:ly)?|rectal(?:ly)?|intravitreal(?:ly)?|intra-articular(?:ly)?|"
    r"infusions?|bolus|nebuli[sz]ed)\b",
    re.I,
)


def dose_route(text: str, within: Iterable[Span]) -> tuple[Span, ...]:
    """Each dose ("0.5 mg/kg", "100 mg twice daily"), joined with a route word within 40 characters
    before or after it ("intravenous ketamine 0.5 mg/kg")."""
    out: list[Span] = []
    for r in within:
        for m in _DOSE.finditer(text, r.start, r.end):
            start, end = m.start(), m.end()
            before = [x for x in _ROUTE.finditer(text, max(r.start, start - 40), start)]
            after = _ROUTE.search(text, end, min(r.end, end + 40))
            if before and not re.search(r"[,;.]\s", text[before[-1].end() : start]):
                start = before[-1].start()
            elif after and not re.search(r"[,;.]\s", text[end : after.start()]):
                end = after.end()
            if not out or start >= out[-1].end:
                out.append(span(text, start, end))
    return tuple(out)


_FOLLOW = re.compile(
    r"\b(?:(?:median|mean) )?follow(?:ed)?[- ]up(?: period| duration| time)?(?: of| was| for| at| lasted)?\s+"
    r"(?:a (?:median|mean) (?:of )?|up to |at least |approximately |about )?"
    r"\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?\s*(?:days?|weeks?|months?|years?|yrs?)\b"
    r"|\b(?:over|for|during|after)\s+(?:a (?:period|mean|median) of\s+)?\d+(?:[.,]\d+)?\s*"
    r"(?:weeks?|months?|years?)"
    r"(?:\s+of (?:follow-up|treatment|therapy))?\b",
    re.I,
)


def follow_up(text: str, within: Iterable[Span] = ()) -> Span | None:
    """The follow-up ("median follow-up of 5 years"), else a study duration ("over 12 weeks")."""
    return first(text, _FOLLOW, within=within)
