from __future__ import annotations

from medcite.compose import compose_article, plain_words, render_patient
from medcite.compose.patient import fk_grade, plain_glossary
from medcite.domain import Article, Provenance


def test_patient_version_keeps_every_safety_and_pitfall_statement(bupropion_article: Article) -> None:
    patient = render_patient(bupropion_article)
    assert patient.audience == "patient"
    texts = {st.text for s in patient.sections for st in s.statements}
    caveats = [
        st for s in bupropion_article.sections if s.key in ("safety", "pitfalls") for st in s.statements
    ]
    assert caveats, "the fixture should have safety statements"
    for st in caveats:
        assert plain_words(st.text) in texts
    # same claims, same citations and verdicts
    assert [st.citations for s in patient.sections for st in s.statements] == [
        st.citations for s in bupropion_article.sections for st in s.statements
    ]


def test_patient_readability_is_measured_and_framing_is_plain(bupropion_article: Article) -> None:
    patient = render_patient(bupropion_article)
    r = patient.readability
    assert r is not None and r.framing_fk_grade is not None and r.full_text_fk_grade is not None
    assert r.framing_fk_grade <= 8.0
    assert "doctor" in patient.disclaimer.lower()
    assert all(s.intro for s in patient.sections)
    assert len(patient.bottom_line.split()) <= 60


def test_audience_parameter(searcher: object, provenance: Provenance) -> None:
    from medcite.testing import OverlapSearcher
    from tests.compose.doubles import LexicalVerifier

    assert isinstance(searcher, OverlapSearcher)
    a = compose_article(
        "Does bupropion help smoking cessation?",
        searcher,
        LexicalVerifier(),
        audience="patient",
        provenance=provenance,
    )
    assert a.audience == "patient" and a.readability is not None


def test_plain_words() -> None:
    assert plain_words("Adverse events were mild.") == "Side effects or harms were mild."
    assert "into a vein" in plain_words("intravenous ketamine 0.5 mg/kg")
    assert "0.5 mg/kg" in plain_words("intravenous ketamine 0.5 mg/kg")
    assert all(isinstance(v, str) and v for v in plain_glossary().values())
    g = fk_grade("The cat sat on the mat. It was a warm day.")
    assert g is not None and g < 4


def test_long_patient_bottom_line_keeps_whole_sentences() -> None:
    from medcite.compose.patient import _within

    first = "Yes (low certainty). " + " ".join(["finding"] * 40) + " [1]."
    text = first + " Some studies point the other way, " + " ".join(["because"] * 20) + " [2]."
    assert _within(text, 60, (1, 2)) == first  # the second sentence would pass 60 words: left out whole
    long_one = "Yes (low certainty). " + " ".join(["finding"] * 80) + " [1]."
    cut = _within(long_one, 60, (1,))
    assert len(cut.split()) <= 60 and cut.endswith("… [1]")


def test_a_section_of_findings_reads_as_findings_for_patients_too(bupropion_article: Article) -> None:
    """layout.section_title retitles the efficacy section "Key Findings" where no treatment is asked about;
    the patient version then says "What the studies found", not "How well it works"."""
    from dataclasses import replace

    eff = next(s for s in bupropion_article.sections if s.key == "efficacy")
    assert eff.title == "Efficacy"
    assert next(s for s in render_patient(bupropion_article).sections if s.key == "efficacy").title == (
        "How well it works"
    )
    as_findings = replace(
        bupropion_article,
        sections=tuple(
            replace(s, title="Key Findings") if s.key == "efficacy" else s for s in bupropion_article.sections
        ),
    )
    shown = next(s for s in render_patient(as_findings).sections if s.key == "efficacy")
    assert shown.title == "What the studies found" and shown.intro == "Here is what the studies found."


def test_an_llm_heading_in_the_usual_words_still_finds_its_section() -> None:
    from medcite.compose.llm_composer import _section_for
    from medcite.compose.question import analyze_question

    a = analyze_question("Does lucatumumab bind to CD140?")  # its efficacy section is titled Key Findings
    keys = ("efficacy", "dosing", "mechanism")
    assert _section_for("Key Findings", keys, a) == "efficacy"
    assert _section_for("Efficacy", keys, a) == "efficacy"
    assert _section_for("Mechanism of Action", keys, a) == "mechanism"


def test_complications_read_as_complications_for_patients(bupropion_article: Article) -> None:
    """A safety section titled "Complications and Risks" (no treatment asked about) is not called side
    effects in the patient version."""
    from dataclasses import replace

    from medcite.compose.layout import TITLES

    safety = [s for s in bupropion_article.sections if s.key == "safety"]
    assert safety and safety[0].title == "Safety and Side Effects"
    as_harms = replace(
        bupropion_article,
        sections=tuple(
            replace(s, title=TITLES["harms"]) if s.key == "safety" else s for s in bupropion_article.sections
        ),
    )
    shown = next(s for s in render_patient(as_harms).sections if s.key == "safety")
    assert shown.title == "Complications and risks" and "side effects" not in shown.intro
