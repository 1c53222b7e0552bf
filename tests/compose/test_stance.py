"""The yes/no stance: question-as-claim rewriting, features and the linear model (pure parts)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from medcite.compose.stance import (
    LABELS,
    StanceInput,
    claim_of,
    derive_stance,
    features,
    softmax_scores,
)
from medcite.domain import StoredSource


def test_claim_of_rewrites_yes_no_questions() -> None:
    # questions from PubMedQA dev and BioASQ 7B-9B
    cases = {
        "Is Baloxavir effective for influenza?": "Baloxavir is effective for influenza",
        "Therapeutic anticoagulation in the trauma patient: is it safe?": (
            "Therapeutic anticoagulation in the trauma patient is safe"
        ),
        "Does pretreatment with statins improve clinical outcome after stroke?": (
            "pretreatment with statins improve clinical outcome after stroke"
        ),
        "Can CPX-351 be used for the treatment of tuberculosis?": (
            "CPX-351 can be used for the treatment of tuberculosis"
        ),
        "Is there still a need for living-related liver transplantation in children?": (
            "There is still a need for living-related liver transplantation in children"
        ),
        "Is chlorotoxin a peptide?": "chlorotoxin is a peptide",
        "What is the role of ketamine in anxiety?": "What is the role of ketamine in anxiety",
        # the subject stays whole: prepositional phrases, "-ive" nouns, no predicate word at all
        "Is exposure to the sun a risk factor for melanoma?": (
            "exposure to the sun is a risk factor for melanoma"
        ),
        "Is extra virgin olive oil protective?": "extra virgin olive oil is protective",
        "Is vitamin D deficiency common?": "vitamin D deficiency is common",
    }
    for q, want in cases.items():
        assert claim_of(q) == want


def _inp(text: str, role: str = "conclusions", rank: int = 0, nli: str | None = None) -> StanceInput:
    return StanceInput(text, role, rank, 1.0, nli=nli, nli_prob=None if nli is None else 0.9)  # type: ignore[arg-type]


def test_rule_without_weights_reads_negation_and_hedges() -> None:
    no = derive_stance("Does X help?", [_inp("X did not reduce mortality.")], weights=[])
    assert no.stance == "no"  # an empty weight list falls back to the wording rule
    unc = derive_stance("Does X help?", [_inp("Its role remains unclear.")], weights=[])
    assert unc.stance == "uncertain"
    # a negated question flips the wording vote
    assert (
        derive_stance("Does X not help?", [_inp("X did not reduce mortality.")], weights=[]).stance == "yes"
    )
    assert derive_stance("Does X help?", [], weights=[]).stance == "uncertain"


def test_weights_decide_and_reasons_name_the_claim_check() -> None:
    width = len(features("?", []))
    # a model that follows only the lead sentence's entailment label: contradicted -> no
    lead_contradicted = 3 + 4 + 1 + NLI_INDEX["contradicted"]
    w = [[0.0] * width for _ in LABELS]
    w[LABELS.index("no")][lead_contradicted] = 5.0
    r = derive_stance("Does X help?", [_inp("X helped.", nli="contradicted")], weights=w)
    assert r.stance == "no"
    assert r.probabilities is not None and abs(sum(r.probabilities) - 1) < 1e-9
    assert any("question read as a claim" in s for s in r.reasons)
    assert r.inputs and r.inputs[0].nli == "contradicted"


NLI_INDEX = {"supported": 0, "partial": 1, "contradicted": 2, "unsupported": 3}


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["conclusions", "results", "unknown", "methods", "background"]),
            st.integers(0, 9),
            st.sampled_from([None, "supported", "partial", "contradicted", "unsupported"]),
            st.sampled_from(["X did not help.", "X helped.", "It remains unclear."]),
        ),
        max_size=8,
    )
)
def test_features_have_fixed_width_and_unit_range(raw: list[tuple[str, int, str | None, str]]) -> None:
    items = [_inp(text, role, rank, nli) for role, rank, nli, text in raw]
    f = features("Is X effective?", items)
    assert len(f) == len(features("?", []))
    assert all(0.0 <= v <= 1.0 + 1e-9 for v in f)
    w = [[(i + j) % 3 - 1.0 for j in range(len(f))] for i in range(3)]
    p = softmax_scores(w, f)
    assert abs(sum(p) - 1.0) < 1e-9 and all(v > 0 for v in p)


def test_equivalence_answers_yes_to_safety_and_no_to_difference() -> None:
    same = [_inp("Outcomes with X were comparable to those with Y.")]
    # questions from PubMedQA dev
    safe_q = "Is laparoscopic adrenalectomy safe and effective for adrenal masses larger than 7 cm?"
    diff_q = "Does pretreatment with statins improve clinical outcome after stroke?"
    assert derive_stance(safe_q, same, weights=()).stance == "yes"
    assert derive_stance(diff_q, same, weights=()).stance == "no"
    # an explicit negation next to the equivalence still answers no
    worse = [_inp("X was not comparable to Y.")]
    assert derive_stance(safe_q, worse, weights=()).stance == "no"


def test_question_abbreviations_are_spelled_out_for_the_claim_check(
    pubmedqa: dict[str, StoredSource],
) -> None:
    from medcite.compose.compose import spelled_out
    from medcite.domain import Evidence
    from medcite.text import split_sentences

    text = pubmedqa["23831910"].record.text  # its conclusion speaks of "DBE" only
    sentence = next(text[s:e] for s, e in split_sentences(text) if text[s:e].startswith("DBE appears"))
    ev = spelled_out(Evidence(sentence), [("DBE", "double balloon enteroscopy")])
    assert ev.text.startswith("double balloon enteroscopy (DBE) appears")
    assert spelled_out(ev, [("DBE", "double balloon enteroscopy")]).text == ev.text  # idempotent
