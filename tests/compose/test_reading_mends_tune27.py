"""Mends of the thirty-second session (2026-12-06)."""

from __future__ import annotations

import json

import pytest

from medcite.compose import stance
from medcite.compose.candidates import Prefix, with_prefix
from medcite.compose.notes import NAMED_TITLE_WORDS, indirect_notes
from medcite.compose.plan import RankedSource
from medcite.compose.stance import StanceInput, derive_stance
from medcite.corpus.classify import _infer_design, classify
from medcite.domain import AbstractSection, Design, SearchHit, SourceRecord, StoredSource
from medcite.text.anaphora import shown_before
from medcite.text.cues import role_of
from medcite.text.qualities import opposite_quality
from medcite.text.statements import readable, without_label
from medcite.text.words import ends_on_stub
from tests.compose.doubles import DATA_DIR, load_pubmedqa

SAFE_Q = "Therapeutic anticoagulation in the trauma patient: is it safe?"
# PubMedQA 18847643's conclusion, as the article quotes it
HARM = (
    "Trauma patients have a significant complication rate related to anticoagulation therapy, and predicting "
    "which patients will develop a complication remains unclear."
)


def test_a_harm_stated_as_large_answers_a_safety_question_no(monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's "unqualified Yes to a drug-safety question resting on a sentence about a serious risk of
    that drug": "is it safe?" was answered yes from "a significant complication rate" (the held-out reading of
    2026-12-06, gold no). A harm stated as large is the opposite of "safe" (:mod:`medcite.text.qualities`)
    and votes no."""
    assert opposite_quality(SAFE_Q, HARM) == ("safe", "significant complication")
    item = StanceInput(HARM, "conclusions", 0, 1.0, read=(0.4, 0.55, 0.05))
    assert derive_stance(SAFE_Q, [item]).stance == "no"
    monkeypatch.setattr(stance, "OPPOSITE_QUALITY", False)
    assert derive_stance(SAFE_Q, [item]).stance == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "There were no significant complications.",  # negated
        "The procedure reduced significant bleeding.",  # avoided
        "Major complications occurred in 2% of patients.",  # a category's name, not a size
        "The complication rate was significantly higher with surgery.",  # a comparison
        "It was safe, although a high mortality rate was seen in the oldest patients.",  # "safe" named too
    ],
)
def test_harm_words_that_do_not_state_a_large_harm(text: str) -> None:
    assert opposite_quality("Is day-case cholecystectomy safe?", text) is None


def test_a_large_harm_does_not_answer_a_question_not_about_safety() -> None:
    assert opposite_quality("Does the drug reduce pain?", HARM) is None


def test_a_meta_analysis_that_does_not_call_itself_one_is_read_by_its_method() -> None:
    """PubMedQA 26175531 ("Electronic databases were searched for trials that randomized ...", "Summary
    estimates were constructed using a DerSimonian-Laird model") was stored as an observational study and
    quoted as an "unstated-design study" (a tuning-half reading, 2026-12-06): a literature search and a pooled
    estimate make a meta-analysis."""
    sources = load_pubmedqa()
    assert sources["26175531"].evidence.design == Design.META_ANALYSIS
    search = "Electronic databases were searched for trials of aspirin."
    assert _infer_design("", f"{search} Summary estimates were pooled.") == Design.META_ANALYSIS
    # a search alone, or a pooled estimate alone, is no meta-analysis
    assert _infer_design("", f"{search} Most trials were small.") != Design.META_ANALYSIS
    assert _infer_design("", "The pooled prevalence was 12% in 300 patients.") != Design.META_ANALYSIS


def test_an_object_section_is_background() -> None:
    """J Neurosurg labels its aim "OBJECT": PubMedQA 20594006 ("A patient with myelomeningocele: is
    untethering necessary ...?", a tuning-half reading) quoted its premise ("untethering procedures carry
    significant morbidity risks") as a finding of the 17-patient study."""
    assert role_of("OBJECT", "All patients with myelomeningocele (MM) are radiographically tethered.") == (
        "background"
    )
    assert role_of("OBJECTIVES", "To assess X.") == "background"


@pytest.mark.parametrize(
    ("text", "role", "bare"),
    [
        (
            "AUTHORS' CONCLUSIONS: There is currently no evidence that nicotine vaccines enhance long-term "
            "smoking cessation.",
            "conclusions",
            "There is currently no evidence that nicotine vaccines enhance long-term smoking cessation.",
        ),
        (
            "BackgroundTreatment guidelines for aphasia recommend intensive speech and language therapy.",
            "background",
            "Treatment guidelines for aphasia recommend intensive speech and language therapy.",
        ),
    ],
)
def test_labels_kept_in_snippet_text_are_read_and_cut(text: str, role: str, bare: str) -> None:
    """Cochrane's "AUTHORS' CONCLUSIONS:" (BioASQ snippet record 22895958) and a label glued to its first word
    (record 30515511) were quoted with their labels in tuning-half articles (2026-12-06)."""
    assert role_of("", text) == role
    assert without_label(text) == bare
    assert without_label("Background EEG activity was low.") == "Background EEG activity was low."


def test_a_snippet_cut_mid_word_at_its_end_is_no_statement() -> None:
    """BioASQ snippet record 26999324 ends "... is frequently accompanied by deficits of working memor": it
    was quoted as a bottom line (a tuning-half reading, 2026-12-06)."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        d = next(d for line in fh if (d := json.loads(line))["pmid"] == "26999324")
    cut = d["abstract_snippets"][0]
    assert ends_on_stub(cut)
    assert readable(cut) is None
    assert readable(cut + "y.") is not None  # whole, it is a statement
    for whole in ("The drug was given at 5 mg", "The gene is TP53", "the nervous system of any invertebrate"):
        assert not ends_on_stub(whole)


def test_a_set_aside_title_is_cut_to_a_few_words() -> None:
    """A screening-set record held its whole abstract in its title field, and a gap note quoted all of it (a
    tuning-half reading, 2026-12-06). Synthetic title (test text, not evidence)."""
    title = " ".join(f"synthetic{i}" for i in range(NAMED_TITLE_WORDS + 10))
    rec = SourceRecord(key="k1", title=title, sections=(AbstractSection("", "Synthetic text."),))
    rs = RankedSource(
        SearchHit(StoredSource(id=1, record=rec, evidence=classify(rec)), 1.0, ()), 1.0, 1.0, frozenset()
    )
    note = indirect_notes([(rs, ["does not mention X"])])[0]
    assert f"synthetic{NAMED_TITLE_WORDS - 1}…" in note and f"synthetic{NAMED_TITLE_WORDS} " not in note


def test_what_earlier_work_showed_gets_no_design_prefix() -> None:
    """BioASQ snippet record 26799670's "the protein phosphatase 2A (PP2A) inhibitor, LB100, has been shown
    in pre-clinical studies to ..." was quoted "In an animal or laboratory study, the ..." (a tuning-half
    reading, 2026-12-06), as if the citing study had found it."""
    lab = Prefix("In an animal or laboratory study, ", design=Design.ANIMAL)
    told = "The PP2A inhibitor, LB100, has been shown in pre-clinical studies to enhance chemotherapy."
    assert shown_before(told)
    assert with_prefix(lab, told) == told
    assert shown_before("Bupropion has been shown in several randomized trials to double quit rates.")
    found = "LB100 enhanced the effect of cisplatin."
    assert not shown_before(found)
    assert with_prefix(lab, found).startswith("In an animal or laboratory study, ")
    assert not shown_before("It has been found in this study that quit rates doubled.")
