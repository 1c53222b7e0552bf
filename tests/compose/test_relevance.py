from __future__ import annotations

import re

from medcite.compose import compose_article
from medcite.compose.assemble import reference
from medcite.compose.candidates import attribution, with_prefix
from medcite.domain import (
    INSUFFICIENT,
    AbstractSection,
    Design,
    EvidenceInfo,
    Label,
    Provenance,
    SourceRecord,
    StoredSource,
)
from tests.compose.doubles import LexicalVerifier, OracleSearcher, ScriptedVerifier, _source


def _src(i: int, title: str, conclusion: str, results: str = "", n: int | None = None) -> StoredSource:
    secs = [AbstractSection("RESULTS", results)] if results else []
    secs.append(AbstractSection("CONCLUSIONS", conclusion))
    rec = SourceRecord(key=f"pmid:{i}", title=title, sections=tuple(secs), pmid=str(i))
    s = _source(i, rec)
    if n is not None:
        s = StoredSource(s.id, s.record, EvidenceInfo(Design.OBSERVATIONAL, False, n, True))  # indexed
    return s


AF = _src(
    1,
    "Preoperative statin therapy and atrial fibrillation after CABG",
    "Our study indicated that preoperative statin therapy seems to reduce AF development after CABG.",
    "Of 221 patients, 14 patients with preoperative AF and 4 patients with concomitant valve surgery were "
    "excluded.",
    n=14,
)


def test_off_topic_sources_give_insufficient_not_padding() -> None:
    q = "Do statins reduce mortality in patients with heart failure?"
    a = compose_article(q, OracleSearcher([AF]), LexicalVerifier(), provenance=Provenance())
    assert a.insufficient and a.stance == "uncertain"
    # only an indirect source was found: the answer says so, and names what was found
    assert INSUFFICIENT.replace("evidence", "direct evidence") in a.bottom_line
    assert "1 study of another condition" in a.bottom_line
    notes = [st.text for s in a.sections for st in s.statements]
    assert any("Indirect evidence only" in t and "PMID 1" in t and "heart failure" in t for t in notes)
    assert any("PMID 1" in t and "other condition: Atrial Fibrillation" in t for t in notes)


def test_prefix_is_never_built_from_a_subgroup_count() -> None:
    p = attribution(AF)
    assert p.text == "In an observational study, "  # 14 is a subgroup of the 221 patients
    ok = _src(
        2, "T", "Statins helped.", "We followed 2211 patients undergoing general surgical procedures.", n=2211
    )
    text = attribution(ok).text
    assert text.startswith("In an observational study")
    assert not re.search(r"\b(?:and|or|between|with)\s*,\s*$", text)


def test_prefix_skipped_when_the_sentence_states_its_design() -> None:
    p = attribution(AF)
    s = "In a preliminary observational study, we explored whether outcome is improved."
    assert with_prefix(p, s) == s


def test_bottom_line_uses_only_supported_statements() -> None:
    src = _src(
        3,
        "Statins in heart failure",
        "Statin therapy reduced mortality in patients with heart failure.",
        "Mortality was lower with statins in heart failure (12% vs 20%).",
    )
    q = "Do statins reduce mortality in patients with heart failure?"
    v = ScriptedVerifier(LexicalVerifier(), lambda claim: Label.PARTIAL)
    a = compose_article(q, OracleSearcher([src]), v, provenance=Provenance())
    assert not a.insufficient
    assert "only in part" in a.bottom_line and "[1]" in a.bottom_line
    assert "Statin therapy reduced" not in a.bottom_line


def test_untitled_reference_shows_pmid() -> None:
    rec = SourceRecord(key="pmid:42", title="", sections=(AbstractSection("", "Text."),), pmid="42")
    assert reference(1, _source(1, rec)).title == "PMID 42"


def test_tagged_terms_must_match_as_such() -> None:
    """ "vitamin D" is not found in an abstract about vitamin K only, and is found where it is named."""
    import gzip
    import json

    from medcite.compose import analyze_question
    from medcite.compose.naming import concepts
    from tests.compose.doubles import DATA_DIR

    data = DATA_DIR
    k_only = d_named = None
    with gzip.open(data / "corpora" / "abstracts_extra.jsonl.gz", "rt") as f:
        for line in f:
            text = json.loads(line).get("abstract") or ""
            low = text.lower()
            if k_only is None and "vitamin k" in low and "vitamin d" not in low:
                k_only = text
            if d_named is None and "vitamin d " in low:
                d_named = text
            if k_only and d_named:
                break
    assert k_only and d_named
    intervention = concepts(analyze_question("Does vitamin D supplementation prevent fractures?"))[0]
    assert not intervention.found_in(k_only)
    assert intervention.found_in(d_named)
    # the same tag in the other numerals: the BioASQ gold snippet of "Can breastfeeding confer protection
    # from type I diabetes?" (PMID 21348815) says "type 1"
    snippet = "lactation confers protection from future both type 1 and type 2 diabetes."
    outcome = concepts(analyze_question("Can breastfeeding confer protection from type I diabetes?"))[1]
    assert outcome.found_in(snippet)
    assert not outcome.found_in(snippet.replace("type 1 and type 2", "type 2"))


def test_a_guessed_design_is_not_stated_as_fact(pubmedqa: dict[str, StoredSource]) -> None:
    # a design read from the indexing, or named in the text, is stated; one only guessed is not
    indexed = next(
        s for s in pubmedqa.values() if s.evidence.design is Design.OBSERVATIONAL and not s.evidence.inferred
    )
    assert attribution(indexed).text.startswith("In an observational study")
    named = next(
        s
        for s in pubmedqa.values()
        if s.evidence.design is Design.RCT and s.evidence.inferred and "randomi" in s.record.text.lower()
    )
    assert attribution(named).text.startswith("In a randomised controlled trial")
    guessed = StoredSource(
        AF.id, AF.record, EvidenceInfo(Design.REVIEW, True, None, True)
    )  # the AF abstract names no review
    assert attribution(guessed).text == ""
