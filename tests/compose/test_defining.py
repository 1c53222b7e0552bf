"""Questions asking what a thing is are answered by a sentence that says what it is."""

from __future__ import annotations

import pytest

from medcite.compose import defining
from medcite.compose.compose import compose_article
from medcite.compose.defining import defines, subject_defined
from medcite.domain import Label, Provenance
from tests.compose.doubles import LexicalVerifier, OracleSearcher, ScriptedVerifier, bioasq_source


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("What is achalasia?", "achalasia"),
        ("What are CRISPR-Cas12a proteins?", "CRISPR-Cas12a proteins"),
        ("What is CIBERSORT used for?", "CIBERSORT"),
        ("Describe CapSim", "CapSim"),
        ("What is the 3D genome browser?", "3D genome browser"),
        ("What is the indication for KYMRIAH?", "KYMRIAH"),
        ("What are the approved indications of Truvada?", "Truvada"),
        ("What is etarfolatide indicated for?", "etarfolatide"),
        # an attribute of a thing, or a thing of a kind, is asked for: no definition answers
        ("What is the role of ketamine in treating anxiety?", None),
        ("Describe the mechanism of action of ibalizumab.", None),
        ("What is the most common cause of hypercalcaemia?", None),
        ("Describe clinical presentation of Escobar syndrome.", None),
    ],
)
def test_the_subject_a_question_asks_to_define(question: str, subject: str | None) -> None:
    assert subject_defined(question) == subject


def test_a_sentence_that_says_what_the_subject_is() -> None:
    # real sentences of the shared BioASQ snippet corpus (PMIDs 25994244, 21073617, and the CRISPR-Cas12a
    # and ferroptosis records read in a tuning-half sample)
    assert defines("Achalasia is a rare esophageal motility disorder, characterized by ...", "achalasia")
    assert not defines("Various syndromes include achalasia in their symptomatology.", "achalasia")
    cas = "CRISPR-Cas12a (Cpf1) proteins are RNA-guided enzymes that bind and cut DNA."
    assert defines(cas, "CRISPR-Cas12a proteins")
    ferro = "Ferroptosis has recently been reported as a mechanism of iron-dependent nonapoptotic cell death."
    assert defines(ferro, "ferroptosis")
    # what is said of the subject is no definition of it (synthetic test sentences, not evidence)
    assert not defines("Achalasia is increased in women in this synthetic fixture.", "achalasia")
    assert not defines("Statins are associated with lower rates of X (synthetic).", "statins")
    assert not defines("Ketamine was administered as a single intravenous bolus (synthetic).", "ketamine")
    assert not defines("Achalasia was observed across all age groups (synthetic).", "achalasia")
    assert not defines("Achalasia was significantly increased versus controls (synthetic).", "achalasia")


def _achalasia(monkeypatch: pytest.MonkeyPatch, on: bool) -> str:
    monkeypatch.setattr(defining, "DEFINING", on)
    subject_defined.cache_clear()
    # the background sentence's source first, as retrieval had ranked it
    sources = [bioasq_source(0, "21073617"), bioasq_source(1, "25994244")]
    searcher = OracleSearcher(sources)
    art = compose_article("What is achalasia?", searcher, LexicalVerifier(), provenance=Provenance())
    subject_defined.cache_clear()
    return art.bottom_line


def test_the_bottom_line_says_what_the_subject_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """The even-half article had opened "Various syndromes include achalasia in their symptomatology ..."
    beside a source that says what achalasia is."""
    assert _achalasia(monkeypatch, True).startswith("Achalasia is a rare esophageal motility disorder")
    assert not _achalasia(monkeypatch, False).startswith("Achalasia is a rare")


def test_what_the_authors_made_is_said_with_what_it_is() -> None:
    """BioASQ record 29092025: "Results: We developed CapSim, a software package for simulation of targeted
    sequencing." answers "Describe CapSim"; the tuning-half article had left it out."""
    src = bioasq_source(0, "29092025")
    # the lexical double reads "authors" as a word the source lacks; the third person is the shipped
    # verifier's to check (it supports it), so the double is told so
    made = ScriptedVerifier(
        LexicalVerifier(), lambda c: Label.SUPPORTED if "authors developed" in c else None
    )
    art = compose_article("Describe CapSim", OracleSearcher([src]), made, provenance=Provenance())
    assert art.bottom_line.startswith("The authors developed CapSim, a software package")
    assert not defines("We developed CapSim to simulate reads (synthetic test sentence).", "CapSim")


def test_a_definition_is_followed_by_another_in_the_bottom_line() -> None:
    """BioASQ 7B-9B summary (even half), "What is CVT-301?": the bottom line's second answer had been a
    methods sentence of another record ("During a placebo-controlled trial ..., spirometry was performed
    ..."); after a definition it is another definition (snippet records 27733560, 27345931, 29161531)."""
    from medcite.bootstrap import load_reranker
    from medcite.config import load_settings
    from medcite.testing import OverlapSearcher

    sources = [bioasq_source(i, k) for i, k in enumerate(("27733560", "27345931", "29161531"))]
    art = compose_article(
        "What is CVT-301?",
        OverlapSearcher(sources),
        LexicalVerifier(),
        provenance=Provenance(),
        relevance=load_reranker(load_settings()),
    )
    assert art.bottom_line.startswith("CVT-301 is a powder formulation of levodopa")
    assert "spirometry" not in art.bottom_line


def test_a_sentence_that_says_what_the_subject_is_for() -> None:
    """tune22, "What is the indication for KYMRIAH?": the sentence that answers it (a BioASQ snippet record)
    had been filed under Clinical Pitfalls, the main section left empty."""
    kymriah = (
        "Kymriah\u2122 is for the treatment of pediatric patients and young adults with refractory or "
        "relapse (R/R) B cell precursor acute lymphoblastic leukemia"
    )
    assert defines(kymriah, "KYMRIAH")
    # synthetic test sentences, not evidence
    assert defines("Drug X is approved for the synthetic test indication.", "drug X")
    assert not defines("Drug X is for the first time shown in this synthetic test.", "drug X")


def test_what_a_thing_is_for_leads_the_main_section(monkeypatch: pytest.MonkeyPatch) -> None:
    src = bioasq_source(0, "29501911")
    question = "What is the indication for KYMRIAH?"

    def first_section() -> tuple[str, str]:
        subject_defined.cache_clear()
        art = compose_article(question, OracleSearcher([src]), LexicalVerifier(), provenance=Provenance())
        subject_defined.cache_clear()
        main = art.sections[0]
        return main.key, main.statements[0].text if main.statements else ""

    key, text = first_section()
    assert key in ("findings", "efficacy") and text.startswith("Kymriah")
    monkeypatch.setattr(defining, "DEFINING", False)
    key, text = first_section()
    assert not (key in ("findings", "efficacy") and text.startswith("Kymriah"))
