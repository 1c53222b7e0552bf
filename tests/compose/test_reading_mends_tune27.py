"""Mends of the thirty-second session (2026-12-06)."""

from __future__ import annotations

import json

import pytest

from medcite.bootstrap import load_reranker
from medcite.compose import assemble, compose_article, stance
from medcite.compose.candidates import Prefix, with_prefix
from medcite.compose.certainty import grade
from medcite.compose.notes import NAMED_TITLE_WORDS, indirect_notes
from medcite.compose.plan import RankedSource
from medcite.compose.stance import StanceInput, derive_stance
from medcite.config import load_settings
from medcite.corpus.classify import _infer_design, classify, design_stated, names_randomised_trials
from medcite.domain import AbstractSection, Design, Provenance, SearchHit, SourceRecord, StoredSource
from medcite.testing import OverlapSearcher
from medcite.text.anaphora import shown_before
from medcite.text.cues import role_of
from medcite.text.qualities import opposite_quality
from medcite.text.statements import readable, unfinished, without_label
from medcite.text.words import ends_on_stub
from tests.compose.doubles import DATA_DIR, LexicalVerifier, bioasq_records, bioasq_source, load_pubmedqa

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
        "None of the patients had significant complications.",
        "The drug did not cause any clinically significant adverse events.",
        "There was no evidence of clinically significant bleeding.",
        "Patients were free of significant cognitive adverse effects.",
        "The procedure reduced significant bleeding.",  # avoided
        "Major complications occurred in 2% of patients.",  # a category's name, not a size
        "The most frequent adverse event was headache (20.9%).",  # a ranking
        "More frequent bleeding occurred with warfarin.",  # a comparison
        "Heart failure is associated with significant mortality.",  # the disease's burden
        "Bisoprolol showed a significant mortality benefit.",  # a benefit
        "Warfarin gave more significant bleeding than aspirin.",  # a comparison
        "Stenting gave a significant bleeding reduction.",  # a benefit
        "In patients at high bleeding risk, the drug was given at half dose.",  # who was treated
        "There were few significant adverse events.",
        "Clinically significant bleeding occurred in 2% of patients.",  # a category's name
        "Patients with a history of significant bleeding were excluded.",  # an exclusion criterion
        "It was safe, although a high mortality rate was seen in the oldest patients.",  # "safe" named too
    ],
)
def test_harm_words_that_do_not_state_a_large_harm(text: str) -> None:
    """Sentences an independent review of the change found read as large harms (2026-12-06)."""
    assert opposite_quality("Is day-case cholecystectomy safe?", text) is None


def test_a_negation_in_another_clause_does_not_cancel_an_opposite() -> None:
    """The negation window stays within the clause (the second review of the change, 2026-12-06)."""
    q = "Is the evidence sufficient?"
    assert opposite_quality(q, "The policy was not implemented; the evidence is insufficient.") is not None
    assert opposite_quality(q, "The evidence is not insufficient.") is None


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
    glued = "OBJECT: All patients with myelomeningocele (MM) are radiographically tethered."
    assert role_of("", glued) == "background"
    assert without_label(glued).startswith("All patients")


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
        (
            "MethodsA total of 373 subjects were enrolled.",
            "methods",
            "A total of 373 subjects were enrolled.",
        ),
    ],
)
def test_labels_kept_in_snippet_text_are_read_and_cut(text: str, role: str, bare: str) -> None:
    """Cochrane's "AUTHORS' CONCLUSIONS:" (BioASQ snippet record 22895958) and a label glued to its first word
    (record 30515511) were quoted with their labels in tuning-half articles (2026-12-06)."""
    assert role_of("", text) == role
    assert without_label(text) == bare
    assert without_label("Background EEG activity was low.") == "Background EEG activity was low."
    assert without_label("MethodsX is a journal.") == "MethodsX is a journal."


def test_a_snippet_cut_mid_word_at_its_end_is_no_statement() -> None:
    """BioASQ snippet record 26999324 ends "... is frequently accompanied by deficits of working memor": it
    was quoted as a bottom line (a tuning-half reading, 2026-12-06)."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        d = next(d for line in fh if (d := json.loads(line))["pmid"] == "26999324")
    cut = d["abstract_snippets"][0]
    assert ends_on_stub(cut)
    assert readable(cut) is None
    assert readable(cut + "y.") is not None  # whole, it is a statement
    assert unfinished(cut)  # quoted, where a composer path quotes it, as cut
    # a listed word, one whose plural only is listed, and an inflected one are whole
    for whole in ("deficits of working memory", "the nervous system of any invertebrate", "it was dosed"):
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


def test_a_thing_is_answered_by_the_closest_sentence_that_shares_the_question_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """BioASQ 7B-9B factoid (even half): "What is a likely origin of intronless genes?" (gold:
    retrotransposition), on its gold snippet records. The relevance model's closest sentence says where part
    of them come from; the one that also shares the question's words names retrotransposition
    (assemble.ENTITY_OVERLAP)."""
    q = "What is a likely origin of intronless genes?"
    with (DATA_DIR / "bioasq" / "questions_7b-9b.jsonl").open(encoding="utf-8") as fh:
        pmids = next(set(d["pmids"]) for line in fh if (d := json.loads(line))["body"] == q)
    relevance = load_reranker(load_settings())

    def bottom() -> str:
        searcher = OverlapSearcher(bioasq_records(pmids))
        art = compose_article(q, searcher, LexicalVerifier(), provenance=Provenance(), relevance=relevance)
        return art.bottom_line

    assert bottom().startswith("Intronless genes can arise by germline retrotransposition")
    monkeypatch.setattr(assemble, "ENTITY_OVERLAP", 0.0)
    assert "retrotransposition" not in bottom().split(". ")[0]


def test_a_meta_analysis_that_names_no_randomised_trials_starts_low() -> None:
    """BioASQ snippet record 25869804, a genome-wide association meta-analysis of cohorts (CADM2 and
    processing speed), was graded "moderate" from "starts high: best evidence is a meta-analysis" (a
    tuning-half reading, 2026-12-06). GRADE starts a review of non-randomised studies low; a meta-analysis of
    randomised trials (PubMedQA 26175531) still starts high."""
    gwas = bioasq_source(1, "25869804")
    assert gwas.evidence.design is Design.META_ANALYSIS and not names_randomised_trials(gwas)
    low = grade([gwas])
    assert low.reasons[0] == "starts low: best evidence is a meta-analysis that names no randomised trials"
    sources = load_pubmedqa()
    trials = sources["26175531"]
    assert names_randomised_trials(trials)
    assert grade([trials]).reasons[0].startswith("starts high: best evidence is ")
    # a trial beside it lifts the start: the best start counts, not the design's rank alone
    rct = next(s for s in sources.values() if s.evidence.design is Design.RCT and design_stated(s))
    assert grade([gwas, rct]).reasons[0] == "starts high: best evidence is a rct"
