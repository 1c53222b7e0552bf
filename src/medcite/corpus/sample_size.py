"""How many people a study enrolled, read from its abstract: phrases such as "A total of 1,234 patients",
"36 children were randomized", "We enrolled 120 adults", "performed on 59 men and 36 women" (95) or a lone
"Adolescents (n = 852)". Years, doses, ages and percentages are not counts of people, and the phrase must
name people (patients, women ...); None where no phrase is clear."""

from __future__ import annotations

import re

from medcite.text import (
    GROUPED_COUNT,
    SAMPLED_PEOPLE,
    TEENS,
    TENS,
    UNITS,
    alternation,
    count_value,
    rough_sentences,
    year_not_count,
)

_PEOPLE = alternation(SAMPLED_PEOPLE | {"healthy volunteers"})
_PEOPLE_FAST = re.compile("|".join(sorted(set(re.findall(r"[a-z]+", _PEOPLE.replace("?:", ""))))))
# an abbreviation that says where or what the people are counts as an adjective too: "244 EM residents",
# "120 ICU patients" (a held-out article said "sample size not found" beside "A total of 244 EM residents"),
# and so does who they are by language, birth or age: "Sixty-seven English-speaking adult cancer
# outpatients, including 15 minorities, ... were randomly assigned" (tune41: "sample size not found")
_ADJ = (
    r"(?:(?:(?-i:[A-Z][A-Z0-9]{1,5}(?:-[a-z]+)?)|(?-i:[A-Z]?[a-z]+-(?:speaking|born|aged))|"
    r"consecutive|eligible|adult|healthy|hospitali[sz]ed|critically ill|elderly|older|pediatric|"
    r"paediatric|unselected|evaluable|male|female|postmenopausal|pregnant|obese|diabetic|consenting|"
    r"Japanese|Chinese|Korean|American|European|Caucasian|African|new|unrelated|premature|preterm|"
    r"term|treatment-naive|symptomatic|asymptomatic|ambulatory|community-dwelling|overweight)\s+){0,3}"
)
_NUMBER_WORD = "(?:" + "|".join({**UNITS, **TEENS, **TENS}) + ")"
# "thirty-two", "Six hundred twenty-nine", "One-hundred-fourteen", "two hundred and five", "One thousand
# ninety-nine"
_TENS_UNITS = rf"{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})?"
_BELOW_1000 = rf"{_NUMBER_WORD}(?:[- ]hundred(?:[- ](?:and[- ])?{_TENS_UNITS})?|[- ]{_NUMBER_WORD})?"
#: a number written in words, up to the thousands ("Eighty-three", "One hundred and twelve")
NUMBER_WORDS = rf"(?:{_BELOW_1000}[- ]thousand(?:,?[- ](?:and[- ])?{_BELOW_1000})?|{_BELOW_1000})"
_NUMBER = rf"({GROUPED_COUNT}|\d+|{NUMBER_WORDS})"
# "Thirty-two patients were female": a subgroup of the sample, not its size
_SUBGROUP = (
    r"(?:(?:\w+ )?(?:female|male|women|men|boys|girls|smokers|white|black|obese|excluded|lost|discontinued|"
    r"withdrawn|dropped|removed|not))"
)
# a lower-case word naming the kind of people counted ("burn", "diabetic"); not "52 percent of patients",
# "37 of the 105 patients", "5 groups of women"; "type 1 diabetic"
_NOT_KIND = "of|the|percent|per|cent|groups?|out"
_KIND = rf"(?:(?!(?:{_NOT_KIND})\b)(?-i:[a-z][a-z0-9-]*|\d)\s+)"
# ... in the forms added for tune32, not a preposition, "other", or things counted beside people ("A total of
# 100 studies with patients", "320 tumour samples from patients", "25 other subjects received ...")
_NAMING = (
    rf"(?:(?!(?:{_NOT_KIND}|other|with|from|in|by|for|on|at|to|and|or|studies|trials|samples|specimens|visits|"
    r"articles|papers|reports|records|eyes|teeth|cycles|episodes)\b)(?-i:[a-z][a-z0-9-]*|\d)\s+)"
)
# a treatment given to N people: their count is the sample only where no other group is counted beside it
_GIVEN_TO = re.compile(
    r"\b(?:was|were) (?:\w+ )?(?:administered|administrated|given|offered|delivered)\s+to\s+"
    rf"{_NUMBER} {_ADJ}{_NAMING}{{0,2}}{_PEOPLE}\b(?!\s*\(group)",
    re.I,
)
# the verbs of a study done on its people ("88 procedures were performed on 66 patients")
_DONE = r"(?:performed|undertaken|carried out|conducted|done|held)"
# the forms added for tune32, each read only where the sentence counts no other group (:func:`_one_group`)
_GROUP_FORMS: tuple[re.Pattern[str], ...] = (
    # "A total of 648 breast cancer patients treated ...": up to three lower-case words may name the kind
    re.compile(rf"\b(?:a )?total of {_NUMBER} {_ADJ}{_NAMING}{{0,3}}?{_PEOPLE}\b", re.I),
    # "The sample consisted of 91 children ...", "... and included all 64 consecutive patients who ...", a
    # count after the dates of the study that they underwent something: "From 1993 to 1999, 667 patients
    # received curative lung resection" (not "Between 1990 and 1992, 6676 patients ... were screened")
    re.compile(
        r"\b(?:sample|cohort|population|study group) (?:consisted|was composed|was comprised|comprised|"
        rf"included) (?:of )?{_NUMBER} {_ADJ}{_NAMING}{{0,2}}?{_PEOPLE}\b",
        re.I,
    ),
    re.compile(rf"\bincluded all {_NUMBER} {_ADJ}{_NAMING}{{0,2}}?{_PEOPLE}\b", re.I),
    re.compile(
        r"^(?:from|between|during|in|since)\s[^,;]{0,30}\b(?:19|20)\d\d\b[^,;]{0,20},\s+"
        rf"{_NUMBER} {_ADJ}{_NAMING}{{0,2}}?{_PEOPLE}\b[^.;]{{0,120}}?\b(?:underwent|received|were "
        r"(?:\w+ ){0,3}(?:treated|operated|enrolled|included|recruited|randomi[sz]ed|studied|followed|"
        r"admitted|evaluated|analy[sz]ed|identified|examined|eligible))\b",
        re.I,
    ),
    # the people whose records a study read, those a treatment was given to, and those a count of events
    # happened in: "The authors retrospectively reviewed the medical records of 47 consecutive patients
    # with CSA", "Olanzapine was administrated to nine patients with genetically confirmed HD", "There were
    # 36 torsions in 34 children." (tune32: each article said "sample size not found in the abstract")
    re.compile(
        r"\b(?:reviewed|analy[sz]ed|examined|studied|audited|evaluated)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        rf"(?:records|charts|files|notes|data)\s+(?:of|from|on)\s+{_NUMBER} {_ADJ}{_NAMING}{{0,2}}"
        rf"{_PEOPLE}\b",
        re.I,
    ),
    _GIVEN_TO,
    # ... a sentence opening on its people, a bracket describing them: "Sixty-two patients (19 men and 43
    # women; mean age, 54 years) with heartburn ... were studied" (tune35; not a share, "(11%)")
    re.compile(
        rf"^{_NUMBER} {_ADJ}{_KIND}{{0,2}}{_PEOPLE}\s*\((?![^()]*%)[^()]*\),? "
        rf"(?:with|who|were(?! {_SUBGROUP}\b)|from|aged|undergoing|having|receiving|treated|admitted|"
        r"referred|diagnosed|suffering)\b",
        re.I,
    ),
    re.compile(
        rf"^There (?:were|was) (?:\d[\d,]*|{NUMBER_WORDS}) [\w-]+(?: [\w-]+)? in {_NUMBER} {_ADJ}"
        rf"{_NAMING}{{0,2}}{_PEOPLE}\b",
        re.I,
    ),
)
_SAMPLE_PATTERNS: tuple[re.Pattern[str], ...] = (
    *_GROUP_FORMS,
    re.compile(
        rf"(?:^|[.;:]\s+|\b(?:of|in|among|from|including|involving|comprising)\s+){_NUMBER} "
        rf"{_ADJ}{_PEOPLE} (?:[^\s.;]+ ){{0,8}}?(?:were|was) (?:\w+ )?"
        r"(?:randomi[sz]ed|randomly|enrolled|included|recruited|studied|assigned|analy[sz]ed|evaluated|examined|followed|identified|investigated)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:enrolled|recruited|included|randomi[sz]ed|studied|evaluated|examined|analy[sz]ed|followed|"
        rf"surveyed|interviewed|identified) {_NUMBER} {_ADJ}{_PEOPLE}\b",
        re.I,
    ),
    # "One-hundred-fourteen trauma patients were ...", "Twenty individuals post first stroke who ...",
    # "Sixty-nine sequential patients treated surgically ...": up to two lower-case words may name the kind
    # of patients
    re.compile(
        rf"^{_NUMBER} {_ADJ}{_KIND}{{0,2}}{_PEOPLE},? "
        rf"(?:with|who|were(?! {_SUBGROUP}\b)|from|aged|undergoing|having|receiving|post|after|treated|"
        r"including|admitted|referred|presenting|diagnosed|scheduled|suffering)\b",
        re.I,
    ),
    # the people a design sentence names: "88 procedures were performed on 66 patients", "... was compared
    # with a 1-day control phase, according to randomized order, ... in eight type 1 diabetic patients"
    re.compile(
        rf"\b(?:{_DONE}|compared|randomi[sz]ed|cross-?over)\b"
        r"[^.;]*?"
        rf"\b(?:in|on|among) {_NUMBER} {_ADJ}{_KIND}{{0,3}}?{_PEOPLE}\b",
        re.I,
    ),
    # ... and those it involved, where no trials, studies or programme come between: "Thirteen focus groups
    # were held involving 287 students" (tune40); not "Eligible studies totalled 65 ... trials involving 9903
    # subjects", "... programme involving 3300 patients", "... each involving 12 healthy volunteers" (review)
    re.compile(
        rf"\b{_DONE}\b"
        r"(?:(?!\b(?:trials?|studies|RCTs|programmes?|programs?|each|reviews?|meta-analys[ie]s)\b)[^.;])*?"
        rf"\binvolving {_NUMBER} {_ADJ}{_KIND}{{0,3}}?{_PEOPLE}\b",
        re.I,
    ),
    # "a population-based cohort study of 357,768 Swedish males born ...": the people a study names as its own
    re.compile(
        r"(?<!\bthe )(?<!previous )(?<!previously reported )(?<!earlier )(?<!larger )(?<!parent )"
        r"(?<!original )(?<!hypothetical )(?<!for a )"
        r"\b(?:study|trial|cohort|survey|analysis|sample|series|audit)\s+"
        rf"(?:of|in|among|including|involving|comprising|enrolling)\s+{_NUMBER} {_ADJ}"
        rf"(?:(?-i:[A-Z][a-z]+)\s+)?{_KIND}{{0,2}}?{_PEOPLE}\b",
        re.I,
    ),
    # "Of 195 severe burn patients, 88 had ...", "Among 210 professors of radiology, 48 (23%) secured ..."
    # (tune40), "Of 292 subjects with a mean age of 47 years, the
    # majority ...", "Of 339 patients who entered the study, ...": the denominator a sentence opens with,
    # and its mean age or entry before the comma (not "Of 10 patients with gastrin levels for 18 months or
    # longer": a subgroup)
    re.compile(
        rf"^(?:Of|Among) {_NUMBER} {_ADJ}{_KIND}{{0,2}}{_PEOPLE}(?: of (?!whom\b)[a-z]+)?"
        r"(?: (?:with a mean age|who (?:were )?(?:entered|enrolled|randomi[sz]ed|participated|included|"
        r"studied))\b[^,.;]{0,60})?,",
        re.I,
    ),
    # "Data from 130 students at three institutions were captured", "Records of 412 patients were reviewed":
    # the people whose data the study holds (not data missing, excluded, or one group compared with another)
    re.compile(
        r"^(?![^.;]*\b(?:excluded|missing|unavailable|incomplete|not|compared|matched)\b)"
        r"(?:(?:the\s+)?(?:data|records|charts)\s+(?:were\s+(?:obtained|collected)\s+)?(?:from|of|on|for))\s+"
        rf"{_NUMBER} {_ADJ}{_KIND}{{0,2}}{_PEOPLE}\b",
        re.I,
    ),
    # "The 56 patients (34 men and 22 women; mean age, 60 ± 14 years) in this study underwent ...": the
    # people the study names as its own
    re.compile(
        rf"^The {_NUMBER} {_ADJ}{_KIND}{{0,2}}{_PEOPLE}(?:\s*\([^)]*\))?\s+"
        r"(?:in|of) (?:this|the present|our) (?:study|trial|series|cohort|analysis)\b",
        re.I,
    ),
)
# two arms counted in one sentence: "There were 190 recipients in the FTR group and 245 in the control
# group" studied 435
_TWO_ARMS = re.compile(
    rf"^There were {_NUMBER} {_ADJ}{_PEOPLE} in the (?:[\w-]+ ){{1,3}}?(?:group|arm|cohort) and {_NUMBER} "
    r"(?:\w+ )?in the (?:[\w-]+ ){1,3}?(?:group|arm|cohort)\s*\.?\s*$",
    re.I,
)
# the other sex right after a count of one sex: "59 men and 36 women" (not "251 patients were randomized and
# 230 patients completed", nor "300 mothers and 310 infants")
_SEXES = ("men", "women", "males", "females", "boys", "girls")
_SEX_WORD = re.compile(rf"\b(?:{'|'.join(_SEXES)})$", re.I)
_SPLIT_SAMPLE = re.compile(rf"\s+and {_NUMBER} (?:{'|'.join(_SEXES)})\b", re.I)
# a case-control study's cases and controls: "in 429 cases and 1,640 controls" studied 2,069 (the cases alone
# had been shown as the study's n; a tuning-half reading, 2026-12-07)
_CASES_CONTROLS = re.compile(
    rf"\b{_NUMBER} (?:[\w-]+ ){{0,3}}?cases?\b(?: [^.;]{{0,60}}?)?,? and {_NUMBER} (?:[\w-]+ ){{0,2}}?"
    r"controls?\b",
    re.I,
)
# ... patients and healthy people beside them, two groups alone: "44 patients with PID and 44 healthy women"
# studied 88 (a tuning-half reading, tune34: "sample size not found"); read only where no other form is
# found (a third group, counted before, is the study's too: "... 20 healthy volunteers ... were used as
# controls" for the myocardial infarction patients of another sentence)
_PATIENTS_HEALTHY = re.compile(
    rf"\b{_NUMBER} (?:[\w-]+ ){{0,3}}?patients\b(?: [^.;,\d]{{0,60}}?)? and {_NUMBER} "
    rf"healthy (?:[\w-]+ ){{0,2}}?(?:{_PEOPLE}|controls?)\b",
    re.I,
)
# ... or each arm's denominator in one results sentence: "Disease progression occurred in 18 of 56 patients
# (32%) in the eflornithine-sulindac group, 22 of 58 (38%) in the sulindac group, and 23 of 57 (40%) in the
# eflornithine group" studied 171 (tune34: "n not found"); two arms at least, read only where no other form
# is found
_ARM_SHARE = re.compile(
    r"\b\d+ of (?P<n>\d+)(?: [a-z]+){0,2} \(\d+(?:\.\d+)?\s?%\) (?:in|of|for) the "
    r"(?P<arm>[\w-]+(?: [\w-]+){0,2}?) (?:group|arm)\b"
)
_PEOPLE_BEFORE = re.compile(rf"\b{_PEOPLE}\b[^.;]*$", re.I)
_N_EQUALS = re.compile(r"\b[Nn]\s?=\s?(\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*(?:per|in each|each)\b)(?![.,]\d)")
_N_PAIR = re.compile(
    r"\(\s*[Nn]\s?=\s?(\d{1,3}(?:,\d{3})+|\d+)\s*(?:,|and)\s*[Nn]\s?=\s?(\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:,?\s*respectively)?\s*\)"
)
_PAIRED_PEOPLE = re.compile(rf"\b(?:{_PEOPLE}|survey|surveys)\b", re.I)
_COUNTED_PEOPLE = re.compile(rf"\b(?:\d[\d,]*|{_NUMBER_WORD}) (?:[\w-]+ ){{0,2}}{_PEOPLE}\b", re.I)
_MAX_SAMPLE = 50_000_000
_OPENS = re.compile(r"(?:^|[.:;]\s+|\n)\s*$")


def sample_size(text: str) -> int | None:
    """The number of people studied, where the abstract states it clearly; otherwise None."""
    pair = _CASES_CONTROLS.search(text) if "control" in text.lower() else None  # prefilter: most have none
    if pair is not None and (both := _pair_sum(pair, text)) is not None:
        return both
    for sentence in rough_sentences(text):
        if not _PEOPLE_FAST.search(sentence.lower()):
            continue  # cheap prefilter: every pattern needs a word for people
        if (arms := _TWO_ARMS.match(sentence)) is not None:
            one, two = _number(arms.group(1)), _number(arms.group(2))
            if one is not None and two is not None and _plausible(one + two, sentence, arms.start(1)):
                return one + two
        for pattern in _SAMPLE_PATTERNS:
            for match in pattern.finditer(sentence):
                if pattern in _GROUP_FORMS and not _one_group(sentence, match):
                    continue
                value = _number(match.group(1))
                if value is not None and _plausible(value, sentence, match.start(1)):
                    return value + _and_more(sentence, match.end())
    if (summed := _groups_summed(text)) is not None:
        return summed
    # "Adolescents (n = 852)": only when it is the abstract's one "n =" and it follows a word for people
    equals = list(_N_EQUALS.finditer(text))
    # ... or it opens a sentence of its own ("N = 56. Mean age = 67.09; ...")
    before = text[max(0, equals[0].start() - 40) : equals[0].start()] if len(equals) == 1 else ""
    if len(equals) == 1 and (_PEOPLE_BEFORE.search(before) or _OPENS.search(before)):
        value = int(equals[0].group(1).replace(",", ""))
        return value if 1 < value <= _MAX_SAMPLE else None
    # ... or the abstract's two, side by side after a word for people or a survey: "adults ... (n=9313 and
    # n=7014, respectively)", two groups or surveys
    pair = _N_PAIR.search(text) if len(equals) == 2 else None
    if pair is not None and _PAIRED_PEOPLE.search(text[max(0, pair.start() - 160) : pair.start()]):
        value = sum(int(g.replace(",", "")) for g in pair.groups())
        return value if 1 < value <= _MAX_SAMPLE else None
    return None


# a second group counted right after the first, with no figure between them (a breakdown has its figures:
# "155 persons with 53 normals (group I) and 102 patients"): "152 patients in the pantoprazole group and 136
# in ...", "125 patients with X and of 75 control patients", "12 hepatically impaired subjects and 12 healthy
# subjects"; or an allocation: "... were allocated to treatment with Oesclim 50 and 140 to Estraderm"
_SECOND_GROUP = re.compile(
    r"[^\d.;]{0,60}?\b(?:and|while|whereas|versus|vs\.?)\s+(?:of\s+)?"
    rf"(?!(?:19|20)\d\d\b)(?:\d[\d,]*|{_NUMBER_WORD})\s+(?:[\w-]+\s+){{0,3}}?(?:{_PEOPLE}|controls?|in\s+the|to)\b"
    r"(?!\s*\(\s*\d)",  # not a share of the sample: "..., and 579 women (78.9%) completed a follow-up"
    re.I,
)
_BREAKDOWN = re.compile(
    r"[^.;]{0,80}?\b(?:of whom|of which|of these|including|comprising|consisting of)\b", re.I
)
_ALLOCATED = re.compile(r"\band\s+(?:\d[\d,]*\s+(?:to|in\s+the)|(?:[\w-]+\s+){1,2}to\s+\d[\d,]*)\b", re.I)
_CLAUSE = 200  # characters after a count read for a second group, up to the clause's end
_BRACKETED = re.compile(r"\([^()]*\)")


def _one_group(sentence: str, match: re.Match[str]) -> bool:
    """Whether a count of the added forms (:data:`_GROUP_FORMS`) is the study's whole sample, not one arm: no
    second group is counted right after it (:data:`_SECOND_GROUP`, :data:`_ALLOCATED`) in its clause; and a
    treatment "given to N people" is the sample only where the sentence counts no other people outside
    brackets ("drug X was administered to 20 patients and placebo was given to 22 patients"). A split by sex
    is summed instead (:func:`_and_more`)."""
    if _SPLIT_SAMPLE.match(sentence, match.end()):
        return True
    clause = sentence[match.end() : match.end() + _CLAUSE].split(";", 1)[0]
    if _BREAKDOWN.match(clause):  # "809 patients developed AMI ..., of whom 399 were randomly assigned ..."
        return True
    # a breakdown in brackets is no allocation: "(51 in the ENBD group and 53 in the no-ENBD group)"
    if _SECOND_GROUP.match(clause) or _ALLOCATED.search(_BRACKETED.sub(" ", clause)):
        return False
    if match.re is not _GIVEN_TO:
        return True
    lo = max(0, match.start() - _CLAUSE)  # a bounded window: a text with no full stop is one "sentence"
    plain = _BRACKETED.sub(lambda m: " " * len(m.group(0)), sentence[lo : match.end() + _CLAUSE])
    start, end = match.start() - lo, match.end() - lo
    return not any(not start <= m.start() < end for m in _COUNTED_PEOPLE.finditer(plain))


def _groups_summed(text: str) -> int | None:
    """Patients and healthy people counted side by side, summed (:data:`_PATIENTS_HEALTHY`), or the arms'
    denominators of one results sentence (:data:`_ARM_SHARE`); None where there are none."""
    m = _PATIENTS_HEALTHY.search(text) if "healthy" in text.lower() else None
    return _arm_total(text) if m is None else _pair_sum(m, text)


def _pair_sum(m: re.Match[str], text: str) -> int | None:
    """The two counts of a match (groups 1 and 2: cases and controls, patients and healthy people), summed
    where each reads as a count (:func:`_plausible`); None otherwise."""
    one, two = _number(m.group(1)), _number(m.group(2))
    if (
        one is None
        or two is None
        or not (_plausible(one, text, m.start(1)) and _plausible(two, text, m.start(2)))
    ):
        return None
    return one + two


def _arm_total(text: str) -> int | None:
    """The sum of the arms' denominators in the first sentence that gives two or more arms' shares, each
    arm once (:data:`_ARM_SHARE`); None where none does."""
    if " of " not in text or "%" not in text:
        return None
    for sentence in rough_sentences(text):
        arms: dict[str, int] = {}
        for m in _ARM_SHARE.finditer(sentence):
            arms.setdefault(m.group("arm").lower(), int(m.group("n")))
        if len(arms) >= 2 and all(_plausible(n, sentence, 0) for n in arms.values()):
            return sum(arms.values())
    return None


def _and_more(sentence: str, end: int) -> int:
    """The count of the other sex right after a matched count of one: "performed on 59 men and 36 women"
    studied 95 people, not 59 (0 when none follows)."""
    first = _SEX_WORD.search(sentence[:end])
    m = _SPLIT_SAMPLE.match(sentence, end) if first else None
    if m is None or first is None or m.group(0).split()[-1].lower() == first.group(0).lower():
        return 0
    value = _number(m.group(1))
    return value if value is not None and _plausible(value, sentence, m.start(1)) else 0


def _plausible(value: int, sentence: str, pos: int) -> bool:
    if value < 2 or value > _MAX_SAMPLE:
        return False
    return not year_not_count(value, sentence[max(0, pos - 12) : pos])


def _number(token: str) -> int | None:
    return count_value(token.strip())


def counts_people(text: str) -> bool:
    """Whether the text counts people anywhere ("120 patients", "thirty-two adults")."""
    return bool(_COUNTED_PEOPLE.search(text))
