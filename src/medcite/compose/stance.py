"""Yes / no / uncertain for a yes/no question, from the verified evidence sentences.

Two signals:

* **Wording.** Each verified result or conclusion sentence votes *no* when it carries a negation cue
  ("did not", "no significant", "not associated", "insufficient"), *uncertain* when it carries a strong
  hedge ("remains unclear", "inconclusive", "further studies are needed to determine"), and *yes*
  otherwise; an equivalence ("comparable", "equally safe") answers *yes* to a safety or feasibility
  question and *no* to a question about a difference or an effect. The first conclusion sentence of
  each source counts most, better-ranked sources more. Mild hedges ("may", "suggest") do not vote
  uncertain: in abstracts they mostly accompany positive findings.
* **Entailment.** The question is read as a claim (:func:`claim_of`: "Is X safe in Y?" -> "X is safe
  in Y") and the verifier checks it against the leading conclusion sentences: supported, partial,
  contradicted or unsupported. The counts are reported in the stance reasons.

With a **stance reader** (a cross-encoder trained to read one sentence against the question: yes,
uncertain or no; ``training/train_stance_reader.py``, shipped in ``models/stance``), its probabilities
replace the wording of each sentence in the same weighted vote (:func:`reader_votes`), and the wording
vote is reported beside it. Without one, the wording vote decides. ``training/train_stance.py`` fits a
linear (softmax) model over both signals
(:func:`features`); it did not beat the wording vote (nested 5-fold CV on PubMedQA dev 65.6% for both;
BioASQ yes/no 61.6% vs 62.3%), so no weights ship. A ``stance_model.json`` placed in this package would
be used (:func:`stance_model`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from medcite.domain.article import Stance
from medcite.text import (
    ARTICLES,
    AUXILIARIES,
    DIFFERENCE_QUESTION,
    EQUIVALENCE,
    NEGATED_QUESTION,
    NEGATION,
    NOT_NEGATING,
    PREPOSITIONS,
    QUESTION_NOT_NEGATING,
    STRONG_HEDGE,
    Role,
)
from medcite.text.actions import opposite_action, rare_but_possible
from medcite.text.kinds import excluded_qualifier, set_apart
from medcite.text.qualities import opposite_quality


def negated_question(question: str) -> bool:
    """ "Does X not reduce Y?" (the votes flip); "Is X safe or not?" is not negated."""
    return bool(NEGATED_QUESTION.search(QUESTION_NOT_NEGATING.sub(" ", question)))


_AUX = re.compile(r"^(?:" + "|".join((*AUXILIARIES, "it's")) + r")\b\s*", re.I)
_PRONOUN = re.compile(r"^(?:it|they|this|these|there|he|she)\b\s*", re.I)
_COPULA = {"is", "are", "was", "were", "it's"}
# where the subject of "Is X ...?" most often ends: before a predicate adjective, participle or article
_PREDICATE = re.compile(
    r"^(?:a|an|the|effective|efficacious|safe|useful|beneficial|necessary|needed|required|associated|"
    r"related|linked|correlated|able|possible|feasible|superior|inferior|better|worse|more|less|"
    r"higher|lower|increased|decreased|reduced|involved|present|found|expressed|used|indicated|"
    r"recommended|justified|accurate|reliable|predictive|responsible|sufficient|\w{4,}ed|\w{3,}ive|"
    r"\w{3,}ible|\w{3,}able)$",
    re.I,
)
_NOT_PREDICATE = frozenset("olive live alive five give drive seed need feed bleed breed speed".split())
STANCE_NLI = 4  # leading sentences the question-as-claim is checked against
LABELS: tuple[Stance, ...] = ("yes", "no", "uncertain")
NLI_LABELS = ("supported", "partial", "contradicted", "unsupported")


def claim_of(question: str) -> str:
    """The yes/no question read as a declarative claim, for the entailment check.

    "Is X effective for Y?" -> "X is effective for Y"; "Does X reduce Y?" -> "X reduce Y" (the
    auxiliary dropped); "Topic: is it safe?" -> "Topic is safe". A question that is not in one of
    those shapes is returned without its question mark.
    """
    q = " ".join(question.split()).rstrip("?").strip()
    head = ""
    if ":" in q:
        head, _, tail = q.rpartition(":")
        if _AUX.match(tail.strip()):
            head, q = head.strip(), tail.strip()
        else:
            head = ""
    m = _AUX.match(q)
    if not m:
        return f"{head} {q}".strip() if head else q
    aux = m.group(0).strip().lower().replace("it's", "is")
    rest = q[m.end() :]
    if head:
        rest = _PRONOUN.sub("", rest)
        verb = aux if aux in _COPULA else ""
        return " ".join(x for x in (head, verb, rest) if x)
    if rest.lower().startswith("there "):
        return f"There {aux} {rest[6:]}" if aux in _COPULA else rest
    words = rest.split(" ")
    if aux not in _COPULA:
        # keep a modal or perfect auxiliary where its verb shows: "X can be used", "X has been shown"
        at = next((i for i in range(1, len(words)) if words[i].lower() in ("be", "been")), 0)
        return " ".join([*words[:at], aux, *words[at:]]) if at else rest
    for i in range(1, len(words)):
        w = words[i].strip(",;").lower()
        if w in ARTICLES and words[i - 1].lower() in PREPOSITIONS:
            continue  # "exposure to the sun": still the subject
        if w not in _NOT_PREDICATE and _PREDICATE.match(w):
            return " ".join([*words[:i], aux, *words[i:]])
    if len(words) >= 2:  # "Is vitamin D deficiency common?" -> "... deficiency is common"
        return " ".join([*words[:-1], aux, words[-1]])
    return rest


@dataclass(frozen=True, slots=True)
class StanceInput:
    text: str
    role: Role
    source_rank: int  # 0 = the best-ranked source
    relevance: float
    nli: str | None = None  # the verifier's label for the question-as-claim against this sentence
    nli_prob: float | None = None
    read: tuple[float, float, float] | None = None  # the stance reader's P(yes), P(uncertain), P(no)


@dataclass(frozen=True, slots=True)
class StanceResult:
    stance: Stance
    reasons: tuple[str, ...]
    votes: tuple[float, float, float]  # yes, no, uncertain (wording)
    inputs: tuple[StanceInput, ...] = field(default=())
    probabilities: tuple[float, float, float] | None = None  # yes, no, uncertain (the linear model)
    split: bool = False  # the stance reader's yes and no votes nearly tie (:data:`SPLIT_MARGIN`)
    # the other answer, where the direction of the findings the bottom line counts reads for it
    # (:func:`medcite.compose.synthesis.against_findings`)
    against: Stance | None = None

    @property
    def inconsistent(self) -> bool:
        """Whether the answer stands against part of its evidence: a near tie, or the counted findings."""
        return self.split or self.against is not None


ROLE_WEIGHT = {"conclusions": 2.0, "results": 0.5, "unknown": 0.7, "methods": 0.0, "background": 0.0}


def asks_difference(question: str) -> bool:
    """Whether the question asks about a difference or an effect (then "comparable" answers no)."""
    return bool(DIFFERENCE_QUESTION.search(question))


def sentence_vote(text: str, difference: bool = True) -> Stance:
    """The wording vote of one sentence; ``difference``: the question asks about a difference/effect."""
    clean = NOT_NEGATING.sub(" ", text)
    if EQUIVALENCE.search(clean):
        if NEGATION.search(EQUIVALENCE.sub(" ", clean)) or difference:
            return "no"
        return "yes"
    if NEGATION.search(clean):
        return "no"
    if STRONG_HEDGE.search(clean):
        return "uncertain"
    return "yes"


def vote_weights(items: Sequence[StanceInput]) -> list[float]:
    """Each sentence's weight in the vote: by role and source rank; a source's lead conclusion counts
    double; methods and background sentences do not vote (0)."""
    out: list[float] = []
    first_seen: set[int] = set()
    for it in items:
        w = ROLE_WEIGHT[it.role] / (1 + it.source_rank)
        if w > 0 and it.role == "conclusions" and it.source_rank not in first_seen:
            first_seen.add(it.source_rank)
            w *= 2.0  # the lead conclusion sentence of a source
        out.append(w)
    return out


def wording_votes(question: str, items: Sequence[StanceInput]) -> tuple[tuple[float, float, float], int]:
    """Weighted yes / no / uncertain votes of the sentences' wording, and how many sentences voted."""
    votes = {"yes": 0.0, "no": 0.0, "uncertain": 0.0}
    used = 0
    difference = asks_difference(question)
    for it, w in zip(items, vote_weights(items), strict=True):
        if w <= 0:
            continue
        used += 1
        votes[sentence_vote(it.text, difference)] += w
    yes, no, maybe = votes["yes"], votes["no"], votes["uncertain"]
    if negated_question(question):
        yes, no = no, yes
    return (yes, no, maybe), used


# an effect ratio with its 95% confidence interval, both bounds decimals: "odds ratio ... was 1.41 (95% CI
# 0.91 to 2.17)", "HR 0.82, 95% CI 0.61-1.10" (not an excess relative risk, whose null is 0: "Excess
# relative risk of new brain tumor averaged 1.29 (95% confidence interval, 0.66-1.93)"; nor a heart or
# respiratory rate)
_RATIO_CI = re.compile(
    r"\b(?<![Ee]xcess )(?:[Oo]dds ratio|[Hh]azard ratio|[Rr]elative risk|[Rr]isk ratio|[Rr]ate ratio|OR|HR|"
    r"RR|IRR)\b[^;.]{0,80}?(\d+\.\d+)\s*[(\[,;]?\s*95\s?%\s?(?:CI|confidence interval)[:,=]?\s*"
    r"(\d+\.\d+)\s*(?:to|-|–|,)\s*(\d+\.\d+)"
)
# a claim of significance beside the ratios ("p=0.03", "significantly" with no negation in the three words
# before it) or a decimal comma ("OR = 1,13; 95% CI 1,01-1,27"): the sentence is not read as null
_ANY_CI = re.compile(r"\b95\s?%\s?(?:CI|confidence interval)", re.I)
_P_BELOW = re.compile(r"\bp\s?[<=]\s?0?\.0[0-4]\d*|\d,\d{2}\b", re.I)
_SIGNIFICANT_WORD = re.compile(r"\b(?:statistically )?significant(?:ly)?\b", re.I)
_NEGATED_BEFORE = re.compile(r"\b(?:not|no|non|nor|without|failed to)\b[\w\s-]{0,30}$", re.I)
# a question that asks whether there is no difference ("Is there no difference ...?", "Is X non-inferior to
# Y?", "... equivalent / comparable / similar ...?"): a null finding does not answer it no
NO_DIFFERENCE_QUESTION = re.compile(
    r"\b(?:no|non-?inferior\w*|equivalen\w*|comparable|similar|same|as (?:effective|good|safe))\b", re.I
)
# the reading of a sentence whose every effect ratio has a 95% CI strictly around 1, and that claims no
# significance: no difference shown. The reader read "the unadjusted odds ratio for early discharge to home
# ... was 1.41 (95% CI 0.91 to 2.17)" as a yes to "Does pretreatment with statins improve clinical outcome
# after stroke?" (gold: no). None: off
NULL_RATIO_READ: tuple[float, float, float] | None = (0.0, 0.0, 1.0)


def claims_significance(text: str) -> bool:
    """A p value under 0.05, or "significant(ly)" with no negation just before it ("not significantly")."""
    if _P_BELOW.search(text):
        return True
    return any(not _NEGATED_BEFORE.search(text[: m.start()]) for m in _SIGNIFICANT_WORD.finditer(text))


def null_ratio(text: str) -> bool:
    """Whether the sentence reports effect ratios with 95% CIs (each estimate inside its interval, every
    interval in the sentence read), every one strictly spanning 1, and claims no significance
    (:func:`claims_significance`)."""
    found = [(float(m.group(1)), float(m.group(2)), float(m.group(3))) for m in _RATIO_CI.finditer(text)]
    if not found or len(found) < len(_ANY_CI.findall(text)):
        return False  # an interval it could not read may be the significant one
    bracketed = all(0 < lo <= est <= hi for est, lo, hi in found)
    return bracketed and all(lo < 1.0 < hi for _e, lo, hi in found) and not claims_significance(text)


def null_read(question: str) -> tuple[float, float, float] | None:
    """How a null sentence (:func:`null_ratio`) votes on ``question``: no on a question about an effect or a
    difference (yes when the question is negated); None (the reader's reading stands) on other questions
    and on one that asks whether there is no difference."""
    if NULL_RATIO_READ is None or not asks_difference(question) or NO_DIFFERENCE_QUESTION.search(question):
        return None
    return NULL_RATIO_READ[::-1] if negated_question(question) else NULL_RATIO_READ


def reader_votes(items: Sequence[StanceInput], question: str = "") -> tuple[tuple[float, float, float], int]:
    """Weighted yes / no / uncertain votes of the stance reader's probabilities (the sentences it read),
    and how many sentences voted. The reader reads the question itself, negations included. On a question
    about an effect or a difference, a sentence whose effect ratios all span 1 (:func:`null_ratio`) reads
    as no (:func:`null_read`); on any question, one whose wording contradicts a term of the question reads
    as no with the weight of the reader's larger answer (:func:`contrary`)."""
    votes, used, _notes = _reader_tally(items, question)
    return votes, used


def _reader_tally(
    items: Sequence[StanceInput], question: str
) -> tuple[tuple[float, float, float], int, tuple[str, ...]]:
    """:func:`reader_votes`, and why voting sentences were read otherwise than the reader read them
    (:func:`as_voted`), one note each."""
    yes = no = maybe = 0.0
    used = 0
    notes: list[str] = []
    null = null_read(question) if question else None
    for it, w in zip(items, vote_weights(items), strict=True):
        if w <= 0 or it.read is None:
            continue
        used += 1
        read, why = as_voted(it.read, it.text, question, null)
        if why:
            notes.append(why)
        yes, maybe, no = yes + w * read[0], maybe + w * read[1], no + w * read[2]
    return (yes, no, maybe), used, tuple(notes)


# a sentence whose wording contradicts a term of the question (:func:`contrary`) votes no (yes to a negated
# question) with the weight of the reader's larger answer, yes or no: the reader read "PINES ... predicts the
# functional impact of noncoding variants" as a yes (0.99) to "Is the PINES framework being used for the
# prediction of coding variants?", and "ESN364 suppressed the hypothalamic-pituitary-gonadal axis" as a yes
# (0.84) to "Does ESN364 activate the hypothalamic-pituitary-gonadal axis?"; a sentence it read as a no
# ("... is probably unnecessary") stays one, and one it read as no answer (uncertain) stays one too.
# False: off. Even (tuning) halves, same store: BioASQ yes/no 65.4 -> 68.8% (7 answers no -> right, none made
# wrong), PubMedQA 72.4% unchanged. The first, looser form (any two words, "in-" and "a-" prefixes, a full
# no vote) gained one more there but read "independent" for "dependent" and "inpatients" for "patients".
CONTRARY_SWAP = True
# ... and so does a sentence that names the opposite of a quality the question asks about ("errors in
# reporting" for "reporting ... correctly?": :func:`medcite.text.qualities.opposite_quality`); off: not read
OPPOSITE_QUALITY = True


def contrary(question: str, text: str) -> str | None:
    """How ``text`` contradicts a term of ``question``, None where it does not: it names the question's
    qualifier only in a form that excludes it, of the same thing ("noncoding variants" for "coding
    variants", "obligate anaerobes" for "facultative anaerobes":
    :func:`medcite.text.kinds.excluded_qualifier`), sets apart what the question names ("a syndrome
    distinct from KS1" for "Do X cause KS1?": :func:`medcite.text.kinds.set_apart`),
    or names the question's subject doing the opposite of the asked action to the same object ("ESN364
    suppressed the HPG axis" for "Does ESN364 activate the HPG axis?":
    :func:`medcite.text.actions.opposite_action`)."""
    pair = excluded_qualifier(question, text)
    if pair is not None:
        return f'"{pair[1]}" for the question\'s "{pair[0]}"'
    if (apart := set_apart(question, text)) is not None:
        return f'"{apart}"'
    target = opposite_action(question, text)
    if target is not None:
        return f'the opposite of the asked action on "{target}"'
    quality = opposite_quality(question, text) if OPPOSITE_QUALITY else None
    return f'"{quality[1]}" for the question\'s "{quality[0]}"' if quality is not None else None


def as_voted(
    read: tuple[float, float, float], text: str, question: str, null: tuple[float, float, float] | None
) -> tuple[tuple[float, float, float], str]:
    """The reader's probabilities as they vote, and why they differ from its reading ("" where they do
    not): ``null`` (:func:`null_read`) for a sentence whose effect ratios all span 1 (:func:`null_ratio`);
    for one whose wording contradicts a term of the question (:func:`contrary`), the larger of the reader's
    yes and no as a no (as a yes to a negated question); for one that says a thing the question asks can
    happen happens rarely (:func:`medcite.text.actions.rare_but_possible`), that larger one as a yes."""
    if null is not None and null_ratio(text):
        return null, "effect ratios whose 95% CIs span 1: read as no difference"
    why = contrary(question, text) if CONTRARY_SWAP and question else None
    lean, other = max(read[0], read[2]), min(read[0], read[2])
    rare = rare_but_possible(question, text) if CONTRARY_SWAP and why is None and question else None
    if rare is not None:
        # "Can X be caused by Y?" against "X rarely arises after Y": it can
        yes = not negated_question(question)
        return ((lean, read[1], other) if yes else (other, read[1], lean)), f'"{rare}": it happens'
    if why is None:
        return read, ""
    if negated_question(question):
        return (lean, read[1], other), f"{why}: read as yes"
    return (other, read[1], lean), f"{why}: read as no"


def lead_order(it: StanceInput) -> tuple[int, bool]:
    """Leading sentences first: better-ranked sources, and a source's conclusions before its results."""
    return (it.source_rank, it.role != "conclusions")


def features(question: str, items: Sequence[StanceInput]) -> list[float]:
    """The linear model's inputs (all in 0..1): wording shares, entailment label shares and mean
    probability, the lead sentence's entailment label and wording, whether the question asks about a
    difference and whether the lead sentence states an equivalence, and a bias."""
    (yes, no, maybe), _used = wording_votes(question, items)
    total = yes + no + maybe or 1.0
    f = [yes / total, no / total, maybe / total]
    checked = [it for it in items if it.nli is not None]
    wsum = sum(1 / (1 + it.source_rank) for it in checked) or 1.0
    f += [sum(1 / (1 + it.source_rank) for it in checked if it.nli == lab) / wsum for lab in NLI_LABELS]
    f.append(sum((it.nli_prob or 0.0) / (1 + it.source_rank) for it in checked) / wsum)
    lead = min(checked, key=lead_order) if checked else None
    f += [float(lead is not None and lead.nli == lab) for lab in NLI_LABELS]
    f += [float(lead is not None and lead.nli_prob is not None and lead.nli_prob >= t) for t in (0.5, 0.8)]
    voting = [it for it in items if ROLE_WEIGHT[it.role] > 0]
    first = min(voting, key=lead_order) if voting else None
    vote = sentence_vote(first.text, asks_difference(question)) if first is not None else None
    if vote in ("yes", "no") and negated_question(question):
        vote = "no" if vote == "yes" else "yes"
    f += [float(vote == lab) for lab in LABELS]
    f += [float(asks_difference(question)), float(first is not None and bool(EQUIVALENCE.search(first.text)))]
    f.append(1.0)
    return f


@cache
def stance_model() -> tuple[tuple[float, ...], ...] | None:
    """The shipped weights (3 rows: yes, no, uncertain), or None when the file is absent."""
    path = resources.files("medcite.compose").joinpath("stance_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = tuple(tuple(float(x) for x in row) for row in data["weights"])
    width = len(features("?", []))
    if len(weights) != len(LABELS) or any(len(row) != width for row in weights):
        return None  # fitted for another feature layout: the wording rule decides until it is refitted
    return weights


def softmax_scores(weights: Sequence[Sequence[float]], f: Sequence[float]) -> tuple[float, float, float]:
    z = [sum(w * x for w, x in zip(row, f, strict=True)) for row in weights]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return (e[0] / s, e[1] / s, e[2] / s)


# Weight of the reader's "uncertain" mass against its yes and no mass. 0: the reader's yes and no decide,
# and a sentence it reads as not answering simply does not vote (its uncertain class also holds sentences
# that do not answer). Chosen on the even half of BioASQ 7B-9B yes/no (never trained on): 0 -> 54.1%,
# 0.1 -> 50.7%, 0.25 -> 49.3%, 1.0 -> 43.9%; a margin of 0.05 between yes and no shares cost 4.8 points.
# (Tried, tune35: where the reader's yes and no together were under 10% or 20% of its votes, the wording
# vote decided. Even half: PubMedQA +0.4 / +0.8 points, BioASQ yes/no -1.0: its small yes or no was right
# on "Does lucatumumab bind to CD140?", "Is tocilizumab a csDMARD?" and two more. Not kept.)
READER_UNCERTAIN = 0.0


def reader_decision(yes: float, no: float, maybe: float) -> Stance:
    """The reader's weighted votes decide: the larger of yes and no, unless the uncertain votes (scaled by
    :data:`READER_UNCERTAIN`) reach it; equal yes and no votes are uncertain."""
    if maybe * READER_UNCERTAIN >= max(yes, no) or yes == no:
        return "uncertain"
    return "yes" if yes > no else "no"


# the reader's yes and no votes nearly tie when they differ by under this share of their sum: the answer
# stands (near ties are still decided right about as often as not: answering "uncertain" there cost accuracy
# on the tuning halves), but its certainty is graded down for the inconsistency
# (:func:`medcite.compose.certainty.split_down`). Even (tuning) halves, 455 yes/no questions: 29 answers
# under 0.1, of which 48% right (under 0.2: 67%; at 0.5 or more: 80%)
SPLIT_MARGIN = 0.1
NEAR_TIE = 'The findings read nearly as much for "{other}".'  # what the bottom line says of a near tie
# what it says where the direction of the findings it counts reads for the other answer
AGAINST = 'The direction of the findings counted reads for "{other}".'


def caveat(stance: StanceResult) -> str:
    """The bottom line's sentence on an answer that stands against part of its evidence ("" for none)."""
    if stance.split:
        return NEAR_TIE.format(other="no" if stance.stance == "yes" else "yes")
    return AGAINST.format(other=stance.against) if stance.against else ""


def caveats() -> tuple[str, ...]:
    """Every sentence :func:`caveat` can write."""
    return tuple(t.format(other=o) for t in (NEAR_TIE, AGAINST) for o in ("yes", "no"))


def split_votes(yes: float, no: float) -> bool:
    """Whether the yes and no votes nearly tie (:data:`SPLIT_MARGIN`)."""
    return yes + no > 0 and abs(yes - no) < SPLIT_MARGIN * (yes + no)


def derive_stance(
    question: str,
    items: Sequence[StanceInput],
    weights: Sequence[Sequence[float]] | None = None,
) -> StanceResult:
    """Decide yes / no / uncertain. ``weights`` default to the shipped model (:func:`stance_model`);
    empty weights (or no shipped file) leave the decision to the wording rule."""
    (yes, no, maybe), used = wording_votes(question, items)
    inputs = tuple(items)
    if not used:
        return StanceResult(
            "uncertain", ("no verified result or conclusion sentences",), (0.0, 0.0, 0.0), inputs
        )
    reasons: tuple[str, ...] = (
        f"the wording of {used} verified result/conclusion sentence(s): yes {yes:.2f}, no {no:.2f}, "
        f"uncertain {maybe:.2f}",
    )
    checked = [it for it in items if it.nli is not None]
    if checked:
        counts = ", ".join(f"{lab} {sum(it.nli == lab for it in checked)}" for lab in NLI_LABELS)
        reasons += (f'the question read as a claim ("{claim_of(question)}"): {counts}',)
    (r_yes, r_no, r_maybe), read, notes = _reader_tally(items, question)
    if read:
        shown = f"yes {r_yes:.2f}, no {r_no:.2f}, uncertain {r_maybe:.2f}"
        why = (*reasons, f"the stance reader on {read} sentence(s): {shown}")
        why += tuple(f"one of them by its wording: {n}" for n in dict.fromkeys(notes))
        decided = reader_decision(r_yes, r_no, r_maybe)
        # GRADE's inconsistency is between studies: one study's sentences read both ways is no near tie
        studies = {it.source_rank for it in items if it.read is not None}
        split = split_votes(r_yes, r_no) and decided != "uncertain" and len(studies) > 1
        if split:
            why += (f"a near tie: yes and no differ by under {SPLIT_MARGIN:.0%} of their sum",)
        return StanceResult(decided, why, (yes, no, maybe), inputs, split=split)
    w = weights if weights is not None else stance_model()
    if w:
        probs = softmax_scores(w, features(question, items))
        best = max(range(3), key=lambda i: probs[i])
        shown = ", ".join(f"{lab} {p:.2f}" for lab, p in zip(LABELS, probs, strict=True))
        return StanceResult(LABELS[best], (*reasons, f"combined: {shown}"), (yes, no, maybe), inputs, probs)
    if no > yes and no >= maybe:
        return StanceResult("no", (*reasons, "negation cues dominate"), (yes, no, maybe), inputs)
    if maybe > yes and maybe > no:
        return StanceResult("uncertain", (*reasons, "hedged wording dominates"), (yes, no, maybe), inputs)
    return StanceResult("yes", (*reasons, "affirmative findings dominate"), (yes, no, maybe), inputs)
