"""The stance reader: its votes decide the yes/no stance, and the shipped model reads real findings."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt
import pytest

from medcite.adapters.onnx_nli import NLIModel, shipped_stance_dir
from medcite.bootstrap import load_reranker, load_stance_reader
from medcite.compose import assemble, compose, compose_article, draft
from medcite.compose import leads as lead_pick
from medcite.compose.certainty import AGAINST_REASON, LEVELS, SPLIT_REASON, inconsistent_down, split_down
from medcite.compose.stance import StanceInput, StanceResult, derive_stance, reader_decision, reader_votes
from medcite.config import load_settings
from medcite.domain import Article, Provenance, StoredSource
from medcite.testing import OverlapSearcher
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, load_extra


def _inp(
    text: str, read: tuple[float, float, float] | None, role: str = "conclusions", rank: int = 0
) -> StanceInput:
    return StanceInput(text, role, rank, 1.0, read=read)  # type: ignore[arg-type]


def test_reader_votes_are_weighted_like_the_wording_votes() -> None:
    items = [
        _inp("a", (0.9, 0.05, 0.05)),  # the lead conclusion of the first source: weight 2 * 2
        _inp("b", (0.1, 0.1, 0.8), role="results"),  # a result: 0.5
        _inp("c", (0.0, 0.0, 1.0), role="methods"),  # methods do not vote
        _inp("d", None),  # not read: no vote
    ]
    (yes, no, maybe), used = reader_votes(items)
    assert used == 2
    assert yes == pytest.approx(4 * 0.9 + 0.5 * 0.1)
    assert no == pytest.approx(4 * 0.05 + 0.5 * 0.8)
    assert maybe == pytest.approx(4 * 0.05 + 0.5 * 0.1)


def test_reader_decision_and_derive_stance() -> None:
    assert reader_decision(2.0, 1.0, 5.0) == "yes"  # sentences read as not answering do not vote
    assert reader_decision(1.0, 2.0, 0.0) == "no"
    assert reader_decision(1.0, 1.0, 0.0) == "uncertain"
    # the reader overrides the wording ("did not" would vote no) and the reasons say so
    r = derive_stance("Does X help?", [_inp("X did not fail to help.", (0.8, 0.1, 0.1))])
    assert r.stance == "yes" and r.votes[1] > 0  # the wording vote is still reported
    assert any("stance reader on 1 sentence" in why for why in r.reasons)
    # without reader probabilities the wording decides
    assert derive_stance("Does X help?", [_inp("X did not help.", None)], weights=()).stance == "no"


class ScriptedReader:
    """A stance reader double: the same reading (default "no") for every sentence; records what it was
    asked."""

    def __init__(self, row: tuple[float, float, float] = (0.1, 0.1, 0.8)) -> None:
        self.calls: list[list[tuple[str, str]]] = []
        self.row = row

    @property
    def model_id(self) -> str:
        return "test-double:always-no"

    def predict(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        self.calls.append(list(pairs))
        return np.tile(np.array([self.row], dtype=np.float32), (len(pairs), 1))


def test_compose_asks_the_reader_about_the_verified_findings(
    pubmedqa: dict[str, StoredSource], provenance: Provenance
) -> None:
    # PubMedQA 26298839: the wording rule answers "yes" (test_compose.py); the reader double says no
    q = "Is Acupuncture Efficacious for Treating Phonotraumatic Vocal Pathologies?"
    reader = ScriptedReader()
    src = OracleSearcher([pubmedqa["26298839"]])
    a = compose_article(q, src, LexicalVerifier(), provenance=provenance, stance_reader=lambda: reader)
    assert a.stance == "no"
    assert a.provenance.model_ids[-1] == "test-double:always-no"  # the model that decided is named
    assert len(reader.calls) == 1 and reader.calls[0]
    assert all(question == q for _sentence, question in reader.calls[0])
    source_words = set(pubmedqa["26298839"].record.text.lower().split())
    for sentence, _q in reader.calls[0]:  # the verified findings, quoted from the source (lightly cleaned)
        words = sentence.lower().split()
        assert sum(w in source_words for w in words) >= 0.8 * len(words), sentence
    # a question that is not yes/no never reaches the reader
    other = ScriptedReader()
    compose_article(
        "What is the role of acupuncture in voice disorders?",
        src,
        LexicalVerifier(),
        provenance=provenance,
        stance_reader=lambda: other,
    )
    assert other.calls == []


def _held_out_pubmedqa(n: int) -> list[tuple[str, str, str]]:
    """(conclusion, question, answer) of the first ``n`` odd-index PubMedQA dev questions answered yes or
    no (the reader was trained on the even-index half only)."""
    abstracts = {}
    with (DATA_DIR / "pubmedqa" / "abstracts.jsonl").open() as fh:
        for line in fh:
            d = json.loads(line)
            abstracts[str(d["pmid"])] = str(d["conclusion"])
    out = []
    with (DATA_DIR / "pubmedqa" / "questions_dev.jsonl").open() as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            if i % 2 == 1 and d["answer"] in ("yes", "no") and str(d["pmid"]) in abstracts:
                out.append((abstracts[str(d["pmid"])], d["question"], d["answer"]))
    return out[:n]


def test_shipped_reader_reads_held_out_conclusions() -> None:
    model = NLIModel(shipped_stance_dir(), what="stance reader")
    assert model.model_id.startswith("medcite-stance-reader")
    cases = _held_out_pubmedqa(100)
    p = model.predict([(c, q) for c, q, _a in cases])
    assert p.shape == (len(cases), 3) and np.allclose(p.sum(axis=1), 1.0, atol=1e-4)
    said = ["yes" if row[0] >= row[2] else "no" for row in p]
    right = sum(s == a for s, (_c, _q, a) in zip(said, cases, strict=True))
    # measured: 84 of these 100; 175 of all 219 held-out yes/no questions (79.9%; the wording rule 73.5%)
    assert right >= 75, right
    assert {"yes", "no"} <= set(said)


def _read_with_models(
    question: str, source: StoredSource, observe: Callable[[StanceResult], None] | None = None
) -> Article:
    """The article on one real abstract with the shipped relevance model and stance reader."""
    settings = load_settings()
    return compose_article(
        question,
        OverlapSearcher([source]),
        LexicalVerifier(),
        provenance=Provenance(),
        relevance=load_reranker(settings),
        stance_reader=lambda: load_stance_reader(settings),
        observe=observe,
    )


def test_the_statements_that_name_every_concept_answer_the_question(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 24827404 (even half, gold no): "Is resected stomach volume related to weight loss after
    laparoscopic sleeve gastrectomy?" A result on stomach volume and body mass index, which does not name
    weight loss, outvoted the one that does ("mean %EBWL ... was not significantly different among three
    groups"): the answer was yes."""
    q = "Is resected stomach volume related to weight loss after laparoscopic sleeve gastrectomy?"
    stance, margin = _no_margin(q, pubmedqa["24827404"])
    assert stance == "no" and margin > 0.6  # measured: margin 0.84
    monkeypatch.setattr(compose, "NAMED_VOTES", "")
    # both results vote: a much weaker "no" (measured margin 0.29 with each pair read alone; a near tie, 0.04,
    # when the reader read its pairs in batches), so only the margin is asserted
    assert _no_margin(q, pubmedqa["24827404"])[1] < 0.4


def _no_margin(question: str, source: StoredSource) -> tuple[str | None, float]:
    """The stance, and the stance reader's (no - yes) / (no + yes) over the votes it read."""
    seen: list[StanceResult] = []
    art = _read_with_models(question, source, seen.append)
    (yes, no, _maybe), _n = reader_votes(seen[-1].inputs, question)
    return art.stance, (no - yes) / (no + yes)


def test_the_bottom_line_does_not_quote_a_finding_that_leans_the_other_way(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 28127977 (even half, gold no): "No" had quoted "The serum leptin levels at diagnosis were
    significantly lower in lung cancer patients than those in control subjects", which the stance reader reads
    as leaning yes; the study's own answer, "The serum leptin level has no prognostic indications ...", is
    quoted now."""
    q = "Are serum leptin levels a prognostic factor in advanced lung cancer?"
    a = _read_with_models(q, pubmedqa["28127977"])
    assert a.stance == "no" and "has no prognostic indications" in a.bottom_line
    # ALONG_FIRST alone already quotes the sentence leaning "no"; without either rule the other one leads
    monkeypatch.setattr(assemble, "NO_QUOTE_AGAINST", False)
    assert "has no prognostic indications" in _read_with_models(q, pubmedqa["28127977"]).bottom_line
    monkeypatch.setattr(assemble, "ALONG_FIRST", False)
    monkeypatch.setattr(lead_pick, "OWN_CONCLUSION", False)  # (it would quote the study's conclusion too)
    a = _read_with_models(q, pubmedqa["28127977"])
    assert a.stance == "no" and "significantly lower in lung cancer patients" in a.bottom_line


BUPROPION_TRIALS = ("12859700", "11394732", "11560455", "12714026", "14581254", "10663415", "11199956")


@pytest.mark.parametrize(
    "question", ["Is bupropion effective for smoking cessation?", "Does bupropion help smoking cessation?"]
)
def test_trials_that_say_abstinence_vote_on_smoking_cessation(
    question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seven bupropion trials of the shared screening sets (Cohen 2006). Most of their results say
    "abstinence", not "smoking cessation": only two statements named both concepts, so two sentences
    decided, and the two wordings of one question got opposite answers (measured: "Does bupropion help
    ...?" no 0.17 against yes 0.13). A statement that names bupropion and that the relevance model reads as
    answering the question votes too (compose.NAMED_OR_ANSWERING)."""
    settings = load_settings()
    extra = load_extra(["bupropion"], limit=40000)
    sources = [extra[k] for k in BUPROPION_TRIALS]

    def read() -> tuple[str | None, StanceResult]:
        seen: list[StanceResult] = []
        art = compose_article(
            question,
            OracleSearcher(sources),
            LexicalVerifier(),
            provenance=Provenance(),
            relevance=load_reranker(settings),
            relevance_floor=settings.models.relevance_floor,
            stance_reader=lambda: load_stance_reader(settings),
            observe=seen.append,
        )
        return art.stance, seen[-1]

    stance, result = read()
    (yes, no, _maybe), voted = reader_votes(result.inputs, question)
    # measured: 6 sentences read; yes 0.77 / no 0.41 and yes 0.65 / no 0.53
    assert stance == "yes" and voted >= 4 and yes > no
    monkeypatch.setattr(compose, "NAMED_OR_ANSWERING", False)
    _stance, narrow = read()
    assert reader_votes(narrow.inputs, question)[1] < voted  # measured: 2


def test_a_near_tie_of_the_reader_keeps_the_answer_and_grades_its_certainty_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = [_inp("a", (0.47, 0.08, 0.45)), _inp("b", (0.5, 0.1, 0.4), role="results", rank=1)]
    near = derive_stance("Does X help?", items)
    assert near.stance == "yes" and near.split
    assert any("near tie" in why for why in near.reasons)
    # one study's sentences reading both ways is no inconsistency between studies: no near tie
    one = derive_stance("Does X help?", [items[0], replace(items[1], source_rank=0)])
    assert one.stance == "yes" and not one.split
    clear = derive_stance("Does X help?", [_inp("a", (0.8, 0.1, 0.1))])
    assert clear.stance == "yes" and not clear.split
    assert not derive_stance("Does X help?", [_inp("a", (0.45, 0.1, 0.45))]).split  # a tie is uncertain
    # end to end on the seven bupropion trials: the same "Yes", two certainty levels lower, and said (with the
    # fifteen-veteran trial kept in the main section, so that two studies vote: draft.SMALL_LAST files it
    # after the larger trials, out of the section's quota)
    monkeypatch.setattr(draft, "SMALL_LAST", 0)
    extra = load_extra(["bupropion"], limit=40000)
    search = OracleSearcher([extra[k] for k in BUPROPION_TRIALS])
    q = "Does bupropion help smoking cessation?"
    arts = [
        compose_article(q, search, LexicalVerifier(), provenance=Provenance(), stance_reader=lambda r=row: r)
        for row in (ScriptedReader((0.8, 0.1, 0.1)), ScriptedReader((0.47, 0.08, 0.45)))
    ]
    assert [a.stance for a in arts] == ["yes", "yes"]
    assert arts[0].certainty in ("moderate", "high")  # measured: high (RCTs, n in the thousands)
    assert LEVELS.index(arts[1].certainty) == LEVELS.index(arts[0].certainty) - 2
    assert 'read nearly as much for "no"' in arts[1].bottom_line
    assert "nearly as much" not in arts[0].bottom_line
    # the summary of findings' main row and the quoted conclusion's rating say the same, with the reason
    assert arts[1].summary_of_findings[0].certainty == arts[1].certainty
    assert any("read nearly as much" in r for r in arts[1].summary_of_findings[0].reasons)
    assert not any("read nearly as much" in r for r in arts[0].summary_of_findings[0].reasons)
    assert any(
        d.level == arts[1].certainty and any("nearly as much" in r for r in d.reasons)
        for d in arts[1].certainty_details
    )
    # the patient's bottom line says it too
    patient = compose_article(
        q,
        search,
        LexicalVerifier(),
        provenance=Provenance(),
        audience="patient",
        stance_reader=lambda: ScriptedReader((0.47, 0.08, 0.45)),
    )
    assert patient.bottom_line.endswith('The findings read nearly as much for "no".')


def test_a_grade_that_took_inconsistency_already_goes_one_level_more() -> None:
    assert split_down("high", ("starts high: best evidence is a rct",))[0] == "low"
    took = ("starts high: best evidence is a rct", "inconsistency: 1 source points the other way")
    level, why = split_down("moderate", took)
    assert level == "low" and why[-1] == SPLIT_REASON
    assert split_down("low", ())[0] == "very low"  # never below very low


def test_the_bottom_line_quotes_a_finding_that_carries_the_answer(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 26079501 (even half, gold no): "No" had quoted the study's count of patients with a base
    deficit ("eighty-eight (81.5%) patients had Base Deficit"), which the reader did not read as leaning
    either way; the bottom line now quotes a sentence the reader read as leaning the answer's way, where
    there is one among the candidates of the strongest design (assemble.ALONG_FIRST)."""
    q = "Does base deficit predict mortality in patients with severe traumatic brain injury?"
    art = _read_with_models(q, pubmedqa["26079501"])
    assert art.stance == "no"
    assert "not a reliable prognostic marker" in art.bottom_line
    monkeypatch.setattr(assemble, "ALONG_FIRST", False)
    monkeypatch.setattr(lead_pick, "OWN_CONCLUSION", False)  # (it would quote the study's conclusion too)
    monkeypatch.setattr(lead_pick, "POLAR_FIRST", False)  # (the count states no finding)
    assert "not a reliable prognostic marker" not in _read_with_models(q, pubmedqa["26079501"]).bottom_line


def test_an_answer_against_the_counted_findings_says_so_and_is_graded_down() -> None:
    """Where the reader answers "no" and the findings the bottom line counts (the seven bupropion trials:
    abstinence increased) read "yes", the answer stands, the bottom line says which way the findings read,
    and the main row's certainty is one level lower, with the reason; a "yes" there says nothing of it."""
    extra = load_extra(["bupropion"], limit=40000)
    search = OracleSearcher([extra[k] for k in BUPROPION_TRIALS])
    q = "Does bupropion help smoking cessation?"
    yes, no = (
        compose_article(q, search, LexicalVerifier(), provenance=Provenance(), stance_reader=lambda r=row: r)
        for row in (ScriptedReader((0.8, 0.1, 0.1)), ScriptedReader((0.1, 0.1, 0.8)))
    )
    assert (yes.stance, no.stance) == ("yes", "no")
    assert yes.summary_of_findings[0].direction == no.summary_of_findings[0].direction == "increased"
    assert no.bottom_line.endswith('The direction of the findings counted reads for "yes".')
    assert "findings counted" not in yes.bottom_line
    rows = yes.summary_of_findings[0], no.summary_of_findings[0]
    assert LEVELS.index(rows[1].certainty) == LEVELS.index(rows[0].certainty) - 1
    assert rows[1].reasons[-1] == AGAINST_REASON and AGAINST_REASON not in rows[0].reasons
    assert no.certainty == rows[1].certainty  # the bottom line states the row's certainty
    assert any("direction of the findings counted: increased -> yes" in r for r in no.stance_reasons)


@pytest.mark.parametrize(
    ("stance", "direction", "against"),
    [
        ("no", "increased", "yes"),
        ("yes", "no difference", "no"),
        ("yes", "increased", None),
        ("no", "no difference", None),
        ("yes", "mixed", None),  # mixed findings read uncertain: no answer to set against
        ("uncertain", "increased", None),
    ],
)
def test_against_findings(stance: str, direction: str, against: str | None) -> None:
    from medcite.compose.synthesis import against_findings
    from medcite.domain.article import OutcomeSummary

    row = OutcomeSummary("pain", 2, None, direction)  # type: ignore[arg-type]
    got = against_findings("Is drug X effective for pain?", StanceResult(stance, (), (0, 0, 0)), row)  # type: ignore[arg-type]
    assert got is not None and got.against == against and got.inconsistent == (against is not None)
    assert against_findings("Is drug X effective for pain?", None, row) is None


def test_an_answer_against_its_findings_goes_one_level_down() -> None:
    assert inconsistent_down("high", ("starts high",), split=False) == (
        "moderate",
        ("starts high", AGAINST_REASON),
    )
    assert inconsistent_down("very low", (), split=False)[0] == "very low"
    assert inconsistent_down("high", (), split=True) == split_down("high", ())  # a near tie: two levels
