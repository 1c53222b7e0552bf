"""Synthesis: the summary of findings (GRADE style) from the direct studies' cards, and a yes/no stance
from the direction of their findings.

Each direct study that the article cites contributes its **key finding**: the finding of its study card
(:func:`medcite.corpus.study_card`) whose sentence a verified statement quotes, else its conclusion's
finding, else its first finding with a direction. The directions are weighted by design and size
(:func:`study_weight`): a randomised trial of 400 counts more than a case series of 12. Nothing is
written for the table: counts come from the cards, and the effect shown is cut from the text of the largest
study that states one, with a pin.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from medcite.compose.asking import PREDICTS
from medcite.compose.candidates import study_n
from medcite.compose.certainty import grade
from medcite.compose.comparators import active_null
from medcite.compose.defining import subject_defined
from medcite.compose.evidence_table import design_words
from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.compose.shapes import only_framing
from medcite.compose.stance import StanceResult, asks_difference
from medcite.corpus.extract import ADVERSE
from medcite.domain import Design, Stance, StoredSource
from medcite.domain.article import OutcomeDirection, OutcomeSummary, Pin
from medcite.domain.cards import Direction, Finding, Span, StudyCard
from medcite.text import terms
from medcite.text.design_cues import TREATMENT_WORDING
from medcite.text.words import singular

CardOf = Callable[[StoredSource], StudyCard]

DESIGN_WEIGHT: dict[Design, float] = {
    Design.GUIDELINE: 3.0,
    Design.META_ANALYSIS: 3.0,
    Design.RCT: 3.0,
    Design.OBSERVATIONAL: 1.5,
    Design.CASE_CONTROL: 1.5,
    Design.CASE_SERIES: 0.7,
    Design.REVIEW: 0.7,
    Design.ANIMAL: 0.3,
    Design.OTHER: 1.0,
}
# where the stance comes from (bench_answers --stance measures each): see combine_stance
STANCE_MODE = "wording"
AGREE = 2 / 3  # the weight share one direction needs for the row to point that way (else "mixed")
_WORDS: dict[str, OutcomeDirection] = {
    "increased": "increased",
    "decreased": "decreased",
    "no_difference": "no difference",
}
# the direction a yes/no question asks about: "Does X reduce Y?" expects a decrease
ASKS_DECREASE = re.compile(
    r"\b(?:reduc\w*|decreas\w*|lower\w*|prevent\w*|less|fewer|shorten\w*|attenuat\w*|alleviat\w*)\b", re.I
)
# a question whose answer a direction of change gives: an effect, a difference, an association
_ASKS_CHANGE = re.compile(
    r"\b(?:affect|improv|reduc|increas|decreas|lower|rais|prevent|chang|alter|influenc|impact|benefit|help|"
    r"effective|efficac|promot|inhibit|enhanc|worsen|differ|associat|relat|link|predict|correlat|protect|"
    r"shorten|prolong|accelerat|delay|slow|modif|respon|higher|greater|less|more|fewer)\w*",
    re.I,
)
ASKS_INCREASE = re.compile(r"\b(?:increas\w*|rais\w*|higher|more|greater|elevat\w*|prolong\w*)\b", re.I)


@dataclass(frozen=True, slots=True)
class StudyFinding:
    """One direct study and its key finding (None when its card reports no finding with a direction)."""

    source: StoredSource
    card: StudyCard
    finding: Finding | None


def study_weight(f: StudyFinding) -> float:
    """How much one study's direction counts: its design's weight times 1 + log10(1 + n)."""
    return DESIGN_WEIGHT[f.source.evidence.design] * (1.0 + math.log10(1 + (size_of(f) or 0)))


def key_finding(card: StudyCard, quoted: Sequence[tuple[int, int]]) -> Finding | None:
    """The finding that a verified statement of the primary section quotes (first quoted first), else the
    finding of the authors' conclusion; only findings with a direction count. Other findings of the study
    (often on other outcomes or on harms) are not its answer to the question."""
    directed = [f for f in card.findings if f.direction is not None and f.confidence >= DIRECTION_CONFIDENCE]
    for start, end in quoted:
        for f in directed:
            if f.sentence.start < end and start < f.sentence.end:
                return f
    if card.conclusion is not None:
        c = card.conclusion
        for f in directed:
            if c.start <= f.sentence.start < c.end:
                return f
    return None


def study_findings(
    cited: Sequence[tuple[StoredSource, Sequence[tuple[int, int]]]], card_of: CardOf
) -> list[StudyFinding]:
    """The key finding of each direct study, in the order given; ``cited`` pairs each source with the
    spans of its sentences that verified statements quote."""
    out = []
    for source, quoted in cited:
        card = card_of(source)
        out.append(StudyFinding(source, card, key_finding(card, quoted)))
    return out


# a key finding counts for a direction (the summary's "1 found an increase", the findings' stance) only where
# the direction model reads it with at least this probability: "cIMT was nearly identical between cases and
# controls despite significantly lower HDL cholesterol" is an increase at 0.63, "Bupropion significantly
# increased abstinence rates compared with placebo" 0.9 or more. 0: every direction counts. Even halves at
# 0.8: no answer changes; two of 16 bottom lines lose a count their source does not bear out.
DIRECTION_CONFIDENCE = 0.8


def direction_of(found: Sequence[StudyFinding]) -> tuple[OutcomeDirection, tuple[tuple[str, int], ...]]:
    """Which way the key findings point together, and how many studies point each way."""
    weights: dict[OutcomeDirection, float] = {}
    counts: Counter[OutcomeDirection] = Counter()
    for f in found:
        if f.finding is None or f.finding.direction is None:
            continue
        word = _WORDS[f.finding.direction]
        weights[word] = weights.get(word, 0.0) + study_weight(f) * max(f.finding.confidence, 0.34)
        counts[word] += 1
    if not weights:
        return "not compared", ()
    ordered = tuple(counts.most_common())
    best, w = max(weights.items(), key=lambda kv: kv[1])
    if w / sum(weights.values()) >= AGREE:
        return best, ordered
    return "mixed", ordered


def outcome_rows(
    a: QuestionAnalysis, main: Sequence[StudyFinding], found: Sequence[StudyFinding], order: dict[str, int]
) -> tuple[OutcomeSummary, ...]:
    """The summary-of-findings rows: the question's outcome across the ``main`` studies (those of the
    article's primary section), then adverse events where any cited study reports them."""
    rows: list[OutcomeSummary] = []
    if main:
        rows.append(_main_row(a, main, order))
    harmed = [f for f in found if f.card.adverse_events]
    if harmed:
        rows.append(_harms_row(harmed, order))
    return tuple(rows)


def synthesize(
    a: QuestionAnalysis, prim_keys: set[str], found: Sequence[StudyFinding], order: dict[str, int]
) -> tuple[tuple[OutcomeSummary, ...], str]:
    """The summary-of-findings rows over the cited studies (the primary section's for the main outcome),
    and the bottom line's one-sentence synthesis of the main row ("" when there is none)."""
    cited = [f for f in found if f.source.key in order]
    main = [f for f in cited if f.source.key in prim_keys]
    sof = outcome_rows(a, main, cited, order)
    # a question for a thing, or for what a thing is (for), is answered by the sentence quoted, not a count
    if not sof or sof[0].outcome == "Adverse events" or a.asks_entity or subject_defined(a.question):
        return sof, ""
    return sof, summary_sentence(sof[0], [design_words(f.source) for f in main]) + " "


def shown_rows(rows: Sequence[OutcomeSummary]) -> tuple[OutcomeSummary, ...]:
    """The rows a summary-of-findings table shows: not one with no direction read and no effect figure
    ("Main findings | 1 study | no direction read | -" says only that a study exists, which the evidence
    table says; a tuning-half reading found such rows in 5 of 16 articles, 2026-12-05)."""
    return tuple(r for r in rows if r.direction != "not compared" or r.effect)


EFFECT_FOCUS = frozenset(
    {QuestionType.THERAPY, QuestionType.COMPARISON, QuestionType.DOSING, QuestionType.ADVERSE}
)


def asks_effect(a: QuestionAnalysis) -> bool:
    """Whether the question asks about an effect or a difference (:data:`EFFECT_FOCUS`): only then do the
    findings' directions answer it (not "Is cohesin linked to myeloid differentiation?", "What is the
    combined effect of Nfat and miR-25?", a thing, nor a marker that predicts: ``asking.PREDICTS``)."""
    if PREDICTS.search(a.question):
        return False
    return (a.focus in EFFECT_FOCUS and not a.asks_entity) or asks_difference(a.question)


# the main row counts the direction of a key finding only where its sentence names the question's outcome
# (when the studies report that outcome at all): "The frequency of 'missed opportunities' ... was
# significantly higher among racial and ethnic minorities" is no finding on whether routine offering reduces
# racial and ethnic disparities (PubMedQA 25155638); its increase had been counted, and the bottom line said
# the findings read for "no" (a tuning-half reading, 2026-12-06). A sentence that states changes both ways
# ("... by increasing influenza vaccine uptake and reducing corresponding racial and ethnic disparities")
# points the way of the change word nearest the outcome. Off: every key finding's model direction counts
ON_OUTCOME = True
_UP = re.compile(r"\b(?:increas\w*|higher|rais(?:e|es|ed|ing)|elevat\w*|rose)\b", re.I)
_DOWN = re.compile(r"\b(?:reduc\w*|decreas\w*|lower(?:s|ed|ing)?|declin\w*|diminish\w*)\b", re.I)


def on_outcome(f: StudyFinding, outcome: str) -> StudyFinding:
    """``f`` as the main row counts it for ``outcome`` (:data:`ON_OUTCOME`): no key finding where its
    sentence does not name the outcome; the direction of the change word nearest the outcome's words where
    the sentence states changes both ways."""
    own = _singular(terms(outcome))
    if f.finding is None or not own:
        return f
    text = f.finding.sentence.text
    if not own <= _singular(terms(text)):  # "deaths" names "death"
        return replace(f, finding=None)
    ups, downs = list(_UP.finditer(text)), list(_DOWN.finditer(text))
    if not ups or not downs or f.finding.direction not in ("increased", "decreased"):
        return f
    # each change word's scope: the outcome's words up to the next change word count twice (what it
    # changes: "reducing ... disparities"), those since the previous one once ("mortality was reduced")
    up: Direction = "increased"
    down: Direction = "decreased"
    changes = sorted([(m, up) for m in ups] + [(m, down) for m in downs], key=lambda x: x[0].start())
    score: Counter[Direction] = Counter()
    for i, (m, changed) in enumerate(changes):
        before = _BREAK.split(text[changes[i - 1][0].end() if i else 0 : m.start()])[-1]
        after = _BREAK.split(
            text[m.end() : changes[i + 1][0].start() if i + 1 < len(changes) else len(text)]
        )[0]
        score[changed] += 2 * _named(after, own) + _named(before, own)
    if score[up] == score[down]:
        return f
    way = up if score[up] > score[down] else down
    return f if way == f.finding.direction else replace(f, finding=replace(f.finding, direction=way))


def _named(text: str, own: set[str]) -> int:
    return sum(bool(own & _singular(terms(w))) for w in re.findall(r"[\w-]+", text))


def _singular(words: Sequence[str]) -> set[str]:
    return {singular(w) for w in words}  # the text toolkit's one singulariser


# a scope ends at a clause break: "Serum HDL was increased, while LDL cholesterol was reduced"
_BREAK = re.compile(r"[,;]|\b(?:while|but|whereas)\b", re.I)


def _main_row(a: QuestionAnalysis, found: Sequence[StudyFinding], order: dict[str, int]) -> OutcomeSummary:
    outcome = outcome_label(a, found)
    if ON_OUTCOME and outcome == a.outcome:
        found = [on_outcome(f, outcome) for f in found]
    if not a.comparator:  # a null finding against another treatment points no way (compose.comparators)
        found = [replace(f, finding=None) if active_null(f.finding, f.card) else f for f in found]
    direction, counts = direction_of(found) if asks_effect(a) else ("not compared", ())
    sources = [f.source for f in found]
    against = _against(direction, found)
    g = grade(sources, contradicting=against)
    effect, pin = _largest_effect(found, order)
    participants, reporting = _participants(found)
    return OutcomeSummary(
        outcome=outcome,
        studies=len(found),
        participants=participants,
        reporting_n=reporting,
        direction=direction,
        counts=counts,
        effect=effect,
        effect_pin=pin,
        certainty=g.level,
        reasons=g.reasons,
        citations=_refs(sources, order),
    )


def outcome_label(a: QuestionAnalysis, found: Sequence[StudyFinding]) -> str:
    """The outcome asked about where the studies report it, else the intervention and what it acts on
    ("bupropion for smoking cessation: main findings"). A word that only frames the question is no outcome
    ("Mitral replacement or repair ...: is it really the same?", "Is cholecystectomy an indication for ...?"),
    nor are words that no study's text holds."""
    if a.outcome and not only_framing(a.outcome):
        own = set(terms(a.outcome))
        if any(own <= set(terms(f"{f.source.record.title} {f.source.record.text}")) for f in found):
            return a.outcome
    # "bupropion for smoking cessation" where a treatment is asked about; else the two concepts side by side
    # ("symptoms and phase I clinical trials", not "symptoms for phase I clinical trials")
    joint = " for " if TREATMENT_WORDING.search(a.question) else " and "
    named = joint.join(x for x in (a.intervention, a.condition) if x)
    if not named or len(named.split()) > MAX_LABEL_WORDS:
        return "Main findings"
    return f"{named}: main findings"


MAX_LABEL_WORDS = 10  # a longer name is a clause misread as concepts: the row says "Main findings"


# the harms row reads a study's adverse-event finding when the direction model gives its direction at least
# this probability and the finding's outcome is a harm ("Adverse events were higher for the bupropion SR group
# compared with placebo": increased at 0.62; not "... increased the abstinence rate compared with placebo,
# and was well tolerated", whose direction is the abstinence rate's). A reading of the 30 such findings of the
# test corpus (licence-OK screening records and PubMedQA): 26 right, 2 "similar except nausea" read as
# increased, 2 wrong ("higher odds of complications (OR 1.48)" read as no difference); 3 of the 4 under 0.8
# were right
HARM_CONFIDENCE = 0.5


def harm_finding(card: StudyCard) -> Finding | None:
    """The study's finding on adverse events: the first of its adverse-event sentences whose outcome is a harm
    and whose direction the direction model reads (:data:`HARM_CONFIDENCE`); None where none is."""
    spans = {(s.start, s.end) for s in card.adverse_events}
    return next(
        (
            f
            for f in card.findings
            if (f.sentence.start, f.sentence.end) in spans
            and f.outcome is not None
            and ADVERSE.search(f.outcome.text)
            and f.direction is not None
            and f.confidence >= HARM_CONFIDENCE
        ),
        None,
    )


def _harms_row(harmed: Sequence[StudyFinding], order: dict[str, int]) -> OutcomeSummary:
    sources = [f.source for f in harmed]
    largest = max(harmed, key=lambda f: size_of(f) or 0)
    span = largest.card.adverse_events[0]
    # which way the adverse events went where a study compared them ("adverse events were higher for the
    # bupropion SR group compared with placebo": increased); "not compared" where none did
    direction, counts = direction_of([replace(f, finding=harm_finding(f.card)) for f in harmed])
    g = grade(sources)
    participants, reporting = _participants(harmed)
    return OutcomeSummary(
        outcome="Adverse events",
        studies=len(harmed),
        participants=participants,
        reporting_n=reporting,
        direction=direction,
        counts=counts,
        effect=span.text,
        effect_pin=_pin(largest.source, span, order),
        certainty=g.level,
        reasons=g.reasons,
        citations=_refs(sources, order),
    )


def _against(direction: OutcomeDirection, found: Sequence[StudyFinding]) -> int:
    """Studies whose key finding points another way than the row (inconsistency)."""
    directed = [f.finding.direction for f in found if f.finding is not None and f.finding.direction]
    if direction == "not compared":
        return 0
    if direction == "mixed":
        return max(len(directed) - 1, 0)
    return sum(_WORDS[d] != direction for d in directed)


def _largest_effect(found: Sequence[StudyFinding], order: dict[str, int]) -> tuple[str, Pin | None]:
    with_effect = [f for f in found if f.finding is not None and f.finding.effect is not None]
    if not with_effect:
        return "", None
    best = max(with_effect, key=lambda f: size_of(f) or 0)
    assert best.finding is not None and best.finding.effect is not None
    span = best.finding.effect
    text = span.text
    if best.finding.ci is not None:
        text += f" ({best.finding.ci.text})"
    return text, _pin(best.source, span, order)


def _pin(source: StoredSource, span: Span, order: dict[str, int]) -> Pin:
    return Pin(order.get(source.key, 0), source.key, span.start, span.end)


def size_of(f: StudyFinding) -> int | None:
    """The study's n (:func:`medcite.compose.candidates.study_n`)."""
    return study_n(f.source)


def _participants(found: Sequence[StudyFinding]) -> tuple[int | None, int]:
    """The total n of the studies that report one, and how many do."""
    sizes = [n for f in found if (n := size_of(f))]
    return (sum(sizes) if sizes else None), len(sizes)


def _refs(sources: Sequence[StoredSource], order: dict[str, int]) -> tuple[int, ...]:
    return tuple(sorted({order[s.key] for s in sources if s.key in order}))


def combine_stance(
    question: str, wording: StanceResult | None, main: Sequence[StudyFinding]
) -> StanceResult | None:
    """The stance the article states: by :data:`STANCE_MODE`, the wording vote alone ("wording"), the
    direction of the direct findings where any study compared ("findings"), or the findings only where
    their directions agree and the wording vote is not "no" or "uncertain" against them ("combined")."""
    if wording is None or STANCE_MODE == "wording":
        return wording
    direction, counts = direction_of(main)
    by_findings = findings_stance(question, direction)
    if by_findings is None:
        return wording
    if STANCE_MODE == "combined" and (direction == "mixed" or wording.stance != "yes"):
        return wording
    shown = ", ".join(f"{k} {v}" for k, v in counts)
    why = f"direction of the direct findings: {direction} ({shown}) -> {by_findings}"
    # a near tie of the reader's votes goes with its decision: kept only where the findings agree with it
    split = wording.split and by_findings == wording.stance
    return replace(wording, stance=by_findings, reasons=(*wording.reasons, why), split=split)


def against_findings(
    question: str, stance: StanceResult | None, row: OutcomeSummary | None
) -> StanceResult | None:
    """``stance`` with :attr:`StanceResult.against` set where the direction of the findings that the bottom
    line counts (``row``, the main summary-of-findings row) reads yes and the answer is no, or the other way
    round. The answer stands: where the two disagreed on the tuning halves the reader was right more often
    (19 of 29 yes/no questions, the findings 7), but the bottom line says so and its certainty is graded
    down (:func:`medcite.compose.certainty.inconsistent_down`)."""
    if stance is None or row is None or stance.stance == "uncertain":
        return stance
    by_findings = findings_stance(question, row.direction)
    if by_findings in (None, "uncertain", stance.stance):
        return stance
    why = (
        f"direction of the findings counted: {row.direction} -> {by_findings}; the answer stands, graded down"
    )
    return replace(stance, against=by_findings, reasons=(*stance.reasons, why))


def findings_stance(question: str, direction: OutcomeDirection) -> Stance | None:
    """Yes / no / uncertain from the direction of the direct findings; None when no study compared.

    No difference answers no; a change answers yes, unless the question asks for the opposite change
    ("Does X reduce Y?" and Y increased); mixed findings answer uncertain.
    """
    if direction == "not compared" or not _ASKS_CHANGE.search(question):
        return None  # "Is routine dissection of station 9 necessary?" is not answered by a lower rate
    if direction == "mixed":
        return "uncertain"
    if direction == "no difference":
        return "no"
    down, up = bool(ASKS_DECREASE.search(question)), bool(ASKS_INCREASE.search(question))
    if down != up and (direction == "decreased") != down:
        return "no"
    return "yes"


# a design named only as "other" in the evidence table reads as a study in the summary sentence ("1 study
# (1 other-design study)", not "(1 other)")
_OTHER_DESIGN = "other-design study"


def summary_sentence(row: OutcomeSummary, designs: Sequence[str]) -> str:
    """ "Direct evidence: 3 studies (2 randomised controlled trials, 1 cohort study; 1,284 participants);
    2 found an increase and 1 no difference in the outcome they reported [1-3]." Counts only."""
    kinds = Counter(_OTHER_DESIGN if d == "other" else d for d in designs)
    what = ", ".join(f"{k} {_plural(d, k)}" for d, k in kinds.most_common())
    people = f"; {row.participants_words()}" if row.participants else ""
    head = f"Direct evidence: {_count(row.studies, 'study', 'studies')} ({what}{people})"
    found = [f"{k} {_finding_words(d)}" for d, k in row.counts]
    tail = f"; {_join(found)} in the outcome {'it' if row.studies == 1 else 'they'} reported" if found else ""
    return " ".join(x for x in (head + tail, _cite_range(row.citations)) if x) + "."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _plural(design: str, k: int) -> str:
    if k == 1:
        return design
    if design.endswith("study"):
        return design[:-5] + "studies"
    if design.endswith("analysis"):
        return design[:-8] + "analyses"
    if design.endswith("series or case report"):
        return "case series or case reports"
    return design + "s"


def _finding_words(direction: str) -> str:
    return {"increased": "found an increase", "decreased": "found a decrease"}.get(
        direction, "found no difference"
    )


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _cite_range(ns: Sequence[int]) -> str:
    """ "[1-3]", "[1, 4]"; consecutive numbers as a range."""
    if not ns:
        return ""
    runs: list[list[int]] = []
    for n in sorted(ns):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return "[" + ", ".join(parts) + "]"
