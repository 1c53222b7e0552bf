"""The claim verifier: entailment model + numbers, population, direction and design checks -> one Verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from medcite.domain import CheckResult, Evidence, EvidenceSentence, Label, Verdict
from medcite.errors import InputError
from medcite.ports import CONTRADICT, ENTAIL, NEUTRAL, EntailmentModel
from medcite.verify.citations import CitationSetVerdict, verify_citations
from medcite.verify.decide import RULES, RuleFindings, Thresholds, apply_rules, model_label, too_short
from medcite.verify.design import check_design
from medcite.verify.direction import check_direction, claim_clause
from medcite.verify.edits import check_edits
from medcite.verify.mesh import MeshVocabulary
from medcite.verify.numbers import check_numbers
from medcite.verify.population import Mismatch, check_population
from medcite.verify.text import Sentence, evidence_sentences, rank_sentences

MAX_CLAIM_CHARS = 2_000
MAX_EVIDENCE_CHARS = 100_000
TOP_SENTENCES = 3  # evidence sentences the model reads together (best lexical overlap first)


def validate(claim: str, evidence: Sequence[Evidence]) -> None:
    """Raise InputError with a clear message for empty or oversized input."""
    if not isinstance(claim, str) or not claim.strip():
        raise InputError("the claim is empty")
    if len(claim) > MAX_CLAIM_CHARS:
        raise InputError(f"the claim is {len(claim):,} characters; the limit is {MAX_CLAIM_CHARS:,}")
    if not evidence or not any(e.text.strip() for e in evidence):
        raise InputError("the evidence is empty: give at least one passage or source text")
    total = sum(len(e.text) for e in evidence)
    if total > MAX_EVIDENCE_CHARS:
        raise InputError(
            f"the evidence is {total:,} characters; the limit is {MAX_EVIDENCE_CHARS:,} "
            "(pass passages or abstracts, not whole books)"
        )


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the model reads for one claim: premise windows built from the best-overlapping sentences."""

    claim: str
    evidence: tuple[Evidence, ...]
    windows: tuple[tuple[Sentence, ...], ...]
    scores: dict[tuple[int, int], float]
    sentences: tuple[Sentence, ...] = ()  # every evidence sentence


def _plan(claim: str, evidence: Sequence[Evidence]) -> _Plan:
    """The best-overlapping sentences read together, and each of them alone (so the sentence that decides
    is known and a long window does not dilute it)."""
    sentences = evidence_sentences(evidence)
    ranked = rank_sentences(claim, sentences)
    scores = {(s.item, s.start): sc for sc, s in ranked}
    top = [s for _, s in ranked[:TOP_SENTENCES]]
    windows: list[tuple[Sentence, ...]] = [tuple(sorted(top, key=lambda s: (s.item, s.start)))]
    if len(top) > 1:
        windows.extend((s,) for s in top)
    return _Plan(claim, tuple(evidence), tuple(windows), scores, tuple(sentences))


def _premise(window: Sequence[Sentence]) -> str:
    return " ".join(s.text for s in window)


def _fmt(p: npt.NDArray[np.float32]) -> str:
    return f"entailment {p[ENTAIL]:.2f}, neutral {p[NEUTRAL]:.2f}, contradiction {p[CONTRADICT]:.2f}"


def _quote(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def _winner(probs: npt.NDArray[np.float32], t: Thresholds) -> int:
    """The window whose reading decides: the most entailing one if it reaches the support threshold,
    else the most contradicting one if that reaches its threshold, else the most entailing one."""
    best_e = int(np.argmax(probs[:, ENTAIL]))
    best_c = int(np.argmax(probs[:, CONTRADICT]))
    if probs[best_e, ENTAIL] >= t.supported and probs[best_e, ENTAIL] >= probs[best_c, CONTRADICT]:
        return best_e
    if probs[best_c, CONTRADICT] >= t.contradicted:
        return best_c
    return best_e


def _deciding(plan: _Plan, probs: npt.NDArray[np.float32], label: Label) -> Sentence | None:
    """The single sentence whose own reading is most in line with the label (most contradicting for
    *contradicted*, most entailing otherwise); the best-overlapping one when only one was read."""
    singles = [i for i, w in enumerate(plan.windows) if len(w) == 1]
    if not singles:
        return plan.windows[0][0] if plan.windows[0] else None
    col = CONTRADICT if label is Label.CONTRADICTED else ENTAIL
    best = max(singles, key=lambda i: float(probs[i, col]))
    return plan.windows[best][0]


class ClaimVerifier:
    """Implements :class:`medcite.ports.Verifier`. Built by :func:`medcite.bootstrap.load_verifier`."""

    def __init__(
        self,
        model: EntailmentModel,
        mesh: MeshVocabulary,
        thresholds: Thresholds | None = None,
        disabled: frozenset[str] = frozenset(),
    ) -> None:
        unknown = disabled - set(RULES)
        if unknown:
            raise ValueError(f"unknown rule(s) {sorted(unknown)}; the rules are {', '.join(RULES)}")
        self.model = model
        self.mesh = mesh
        self.thresholds = thresholds or Thresholds()
        self.disabled = disabled  # rule checks switched off (ablation only)

    @property
    def model_id(self) -> str:
        return self.model.model_id

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict:
        return self.verify_batch([(claim, evidence)])[0]

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]:
        """Verify many (claim, evidence) items with one model call over all their pairs (each pair read alone:
        :mod:`medcite.adapters.onnx_pairs`). Raises InputError on a bad item."""
        for n, (claim, evidence) in enumerate(items, start=1):
            try:
                validate(claim, evidence)
            except InputError as exc:
                if len(items) == 1:
                    raise
                raise InputError(f"item {n}: {exc}") from None
        plans = [_plan(c, e) for c, e in items]
        pairs = [(_premise(w), p.claim) for p in plans for w in p.windows]
        probs = self.model.predict(pairs)
        out: list[Verdict] = []
        k = 0
        for plan in plans:
            n = len(plan.windows)
            out.append(self._decide(plan, probs[k : k + n]))
            k += n
        return out

    def _decide(self, plan: _Plan, probs: npt.NDArray[np.float32]) -> Verdict:
        w = _winner(probs, self.thresholds)
        p = probs[w]
        window = plan.windows[w]
        mlabel = model_label(p, self.thresholds)
        reason = f"{mlabel.value} ({_fmt(p)}) reading {len(window)} evidence sentence(s)"
        decider = _deciding(plan, probs, mlabel)
        texts = [e.text for e in plan.evidence]
        numbers = check_numbers(plan.claim, texts)
        population = check_population(plan.claim, plan.evidence, self.mesh)
        clause = claim_clause(plan.claim, texts)
        direction = check_direction(plan.claim, clause)
        design = check_design(plan.claim, plan.evidence)
        read = list(dict.fromkeys(s.text for window_read in plan.windows for s in window_read))
        joined = " ".join(texts)
        edits = check_edits(plan.claim, read, joined)
        short = too_short(plan.claim) or too_short(joined)
        checks = (
            CheckResult("entailment", mlabel is Label.SUPPORTED, reason),
            CheckResult("input", not short, "too few content words to check" if short else "checkable"),
            numbers.check,
            population.check,
            direction.check,
            design,
            edits.check,
        )
        findings = RuleFindings(
            too_short=short,
            indication=population.mismatch in (Mismatch.INDICATION, Mismatch.NOT_STUDIED),
            indirect_population=population.mismatch is Mismatch.INDIRECT,
            direction_conflict=direction.conflict,
            numbers_failed=numbers.changed,
            design_overstated=not design.passed,
            edit=edits.kind,
            verbatim=edits.verbatim,
        )
        label, prob, by = apply_rules(mlabel, float(p[ENTAIL]), findings, self.disabled)
        reasons = [f"entailment model: {reason}"]
        reasons += [f"{c.name}: {c.detail}" for c in checks[1:] if not c.passed]
        if by:
            reasons.append(f"verdict changed from {mlabel.value} to {label.value} by: {', '.join(by)}")
        order = sorted(window, key=lambda s: -plan.scores.get((s.item, s.start), 0.0))
        if "direction" in by:  # the result clause that contradicts the claim decided
            decider = next((s for s in plan.sentences if clause and clause in s.text), decider)
        if "edits" in by or "copy" in by:  # the sentence the claim copies (with the edit) decided
            decider = next((s for s in plan.sentences if s.text == edits.sentence), decider)
        if decider is not None:
            order = [decider] + [s for s in order if s is not decider]
        sentences = tuple(
            EvidenceSentence(
                s.text, s.source_key, s.start, s.end, round(plan.scores.get((s.item, s.start), 0.0), 4)
            )
            for s in order
        )
        if sentences:
            reasons.append(f'deciding sentence: "{_quote(sentences[0].text)}"')
        return Verdict(label, round(min(max(prob, 0.0), 1.0), 4), sentences, tuple(reasons), checks)

    def verify_citations(self, claim: str, citations: Sequence[Sequence[Evidence]]) -> CitationSetVerdict:
        """ALCE-style citation recall (together they support the claim) and per-citation precision."""
        return verify_citations(self, claim, citations)
