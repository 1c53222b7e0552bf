"""The JSON contract generated from the article dataclasses: round trip, derived fields, errors, schema."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest

from medcite.domain.article import (
    Article,
    CertaintyRating,
    NumberPin,
    Pin,
    Provenance,
    QuestionSummary,
    Readability,
    Reference,
    Section,
    Statement,
    VerdictLabel,
)
from medcite.domain.verdicts import Label
from medcite.errors import InputError
from medcite.present.html import to_html
from medcite.present.json_contract import SCHEMA_VERSION, from_json, json_schema, to_json, validate
from medcite.present.markdown import to_markdown
from tests.present import contract

REF = Reference(
    n=1,
    key="10051933",
    title="Clonidine in paediatric adenotonsillectomy.",
    pmid="10051933",
    doi="10.1007/BF03012978",
    journal="Can J Anaesth",
    year=1999,
    authors=("Reimer E J", "Dunn G S"),
    design="rct",
    sample_size=36,
)
ARTICLE = Article(
    question="Does clonidine reduce pain after adenotonsillectomy?",
    audience="clinician",
    bottom_line="Yes (low certainty).",
    stance="yes",
    certainty="low",
    sections=(
        Section(
            "efficacy",
            "Efficacy",
            (
                Statement(
                    "Clonidine reduced pain in 36 children.",
                    (1,),
                    "supported",
                    0.91,
                    pins=(Pin(1, "10051933", 10, 50, 3),),
                    numbers=(NumberPin("36", 1, "10051933", -1, -1, "sample_size"),),
                    core="Clonidine reduced pain.",
                    reasons=("entailed",),
                ),
            ),
            intro="What the trials found.",
        ),
        Section("gaps", "Gaps", (Statement("No trial in adults.", (), None, kind="gap"),)),
    ),
    references=(REF, Reference(n=2, key="k2", title="No identifiers")),
    provenance=Provenance("c1", "s1", ("m1",), "2024-01-02T03:04:05Z"),
    analysis=QuestionSummary("therapy", "clonidine", True, expansions=(("a", "b"),), queries=("q",)),
    certainty_details=(CertaintyRating("Clonidine reduced pain.", "low", ("small trial",), (1,), (2,)),),
    bottom_line_citations=(1,),
    readability=Readability(9.5, 11.0),
    dropped=2,
)


def _body() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(to_json(ARTICLE)))
    return data


def test_round_trip_and_derived_fields() -> None:
    data = _body()
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["created_at"] == "2024-01-02T03:04:05Z"
    assert data["references"][0]["urls"] == [
        "https://pubmed.ncbi.nlm.nih.gov/10051933/",
        "https://doi.org/10.1007/BF03012978",
    ]
    assert data["references"][0]["ama"].startswith("Reimer E J, Dunn G S. Clonidine")
    assert data["references"][1]["urls"] == []
    assert data["analysis"]["expansions"] == [["a", "b"]]
    assert data["certainty_details"][0]["citations"] == [1] and data["certainty_details"][0]["agreeing"] == [
        2
    ]
    validate(data)
    assert from_json(data) == ARTICLE
    # derived fields are ignored on reading, as is anything a caller adds (article_id, thread_id)
    data.update(created_at="ignored", article_id="x", thread_id=None)
    assert from_json(data) == ARTICLE


def test_a_rated_conclusion_cites_its_source_apart_from_those_pointing_its_way() -> None:
    md = to_markdown(ARTICLE)
    assert '"Clonidine reduced pain" [1]; studies pointing the same way: [2]. small trial' in md
    assert "; studies pointing the same way:" in to_html(ARTICLE)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(stance="maybe"), "stance"),
        (
            lambda d: d["sections"][0]["statements"][0].update(verdict="true"),
            "sections[0].statements[0].verdict",
        ),
        (
            lambda d: d["sections"][1]["statements"][0].update(citations=["one"]),
            "sections[1].statements[0].citations[0]",
        ),
        (lambda d: d.pop("bottom_line"), "bottom_line"),
        (lambda d: d["references"][1].update(n=0), "references[1].n"),
        (
            lambda d: d["sections"][0]["statements"][0]["pins"][0].update(ref=-1),
            "sections[0].statements[0].pins[0].ref",
        ),
    ],
)
def test_bad_body_names_the_field(change: Any, where: str) -> None:
    data = _body()
    change(data)
    with pytest.raises(InputError) as err:
        from_json(data)
    message = str(err.value)
    assert message.startswith("invalid article JSON: ")
    assert f"{where}:" in message
    assert "Traceback" not in message and "pydantic" not in message
    with pytest.raises(InputError):
        validate(data)


def test_wrong_stance_shows_the_value() -> None:
    with pytest.raises(
        InputError, match=r"stance: Input should be 'yes', 'no' or 'uncertain' \(got 'maybe'\)"
    ):
        from_json({**_body(), "stance": "maybe"})


def test_not_an_object() -> None:
    with pytest.raises(InputError, match="invalid article JSON: article: "):
        from_json([1, 2])


def test_schema_marks_the_contract_required() -> None:
    schema = json_schema()
    assert set(schema["required"]) >= contract.TOP_LEVEL
    defs = schema["$defs"]
    assert set(defs["Section"]["required"]) >= contract.SECTION
    assert set(defs["Statement"]["required"]) >= contract.STATEMENT
    assert set(defs["Reference"]["required"]) >= contract.REFERENCE
    assert defs["Reference"]["properties"]["n"]["minimum"] == 1
    assert {"ama", "urls"} <= set(defs["Reference"]["properties"])
    assert set(defs["Statement"]["properties"]["verdict"]["anyOf"][0]["enum"]) == {
        "supported",
        "partial",
        "unsupported",
        "contradicted",
    }
    # every key that to_json writes is described, and every required key is written
    data = _body()
    assert set(data) == set(schema["properties"])
    assert set(data) >= set(schema["required"])
    assert set(data["references"][0]) == set(defs["Reference"]["properties"])


def test_verdict_label_is_the_verifier_labels() -> None:
    assert set(get_args(VerdictLabel)) == {label.value for label in Label}


def test_the_note_on_statements_left_out_counts_in_plain_english() -> None:
    from dataclasses import replace

    assert "2 candidate statements were left out because verification" in to_markdown(ARTICLE)
    one = replace(ARTICLE, dropped=1)
    assert "1 candidate statement was left out because verification did not support it." in to_markdown(one)
    assert "1 candidate statement was left out" in to_html(one)
    assert "statement(s)" not in to_markdown(one) + to_html(ARTICLE)
