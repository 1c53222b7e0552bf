"""Evidence sentences of real abstracts: inline structured-abstract labels and sentence roles."""

from __future__ import annotations

import gzip
import json

import pytest

from medcite.compose import compose_article
from medcite.domain import AbstractSection, Provenance, SourceRecord
from medcite.text import inline_sections, record_sentences, role_of
from medcite.text.cues import states_aim
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, _source, load_pubmedqa


def test_inline_abstract_labels_give_sentence_roles() -> None:
    # real abstracts from the screening sets carry their structure inline: "... RESULTS: ..."
    found = 0
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            text = json.loads(line).get("abstract") or ""
            if "CONCLUSIONS: " not in text or "RESULTS: " not in text:
                continue
            src = _source(i, SourceRecord(key=f"extra:{i}", title="", sections=(AbstractSection("", text),)))
            sents = record_sentences(src)
            for _label, s, e, t in sents:
                assert src.record.text[s:e] == t  # offsets point into the source text
                assert not t.startswith(("RESULTS:", "CONCLUSIONS:")) and not t.endswith(";")
            roles = {role_of(label, t) for label, _s, _e, t in sents}
            assert {"results", "conclusions"} <= roles
            found += 1
            if found == 20:
                break
    assert found == 20


def test_capitalised_words_inside_sentences_are_not_labels() -> None:
    plain = "We studied the DESIGN. Participants were adults. They had MAIN. Results were mixed."
    assert inline_sections(plain) == [("", 0, plain)]
    labelled = "AIM OF THE STUDY: To test it. MATERIALS AND METHODS: We enrolled adults.; RESULTS: It held."
    assert [lab for lab, _o, _t in inline_sections(labelled)] == [
        "AIM OF THE STUDY",
        "MATERIALS AND METHODS",
        "RESULTS",
    ]


def test_one_label_that_opens_a_snippet_is_its_label() -> None:
    """A BioASQ snippet of one section ("OBJECTIVE: To evaluate ...") was read as unlabelled, so its aim
    (role unknown) filled the findings of a "Which molecule ...?" answer."""
    text = "OBJECTIVE: To evaluate the efficacy of the drug in adults."
    assert inline_sections(text) == [("OBJECTIVE", 11, "To evaluate the efficacy of the drug in adults.")]
    assert (
        role_of("OBJECTIVE", "To evaluate the efficacy of the drug in adults.") == "background"
    )  # no finding
    # one label inside the text, or one that ends in a full stop, is no label (it may be a word)
    assert inline_sections("It was low. RESULTS: It held.") == [("", 0, "It was low. RESULTS: It held.")]
    assert inline_sections("METHODS. We did it.") == [("", 0, "METHODS. We did it.")]


def test_an_unlabelled_aim_to_summarize_or_review_is_a_method_not_a_finding() -> None:
    """BioASQ snippet of PMID 28493654 ("To summarize the US Food and Drug Administration's (FDA's) review
    ..."): its aim had opened a bottom line. "To summarize, ..." concludes, and stays a finding."""
    aim = "To summarize the US Food and Drug Administration's (FDA's) review of the safety of pimavanserin."
    assert role_of("", aim) == "methods" and states_aim(aim)
    assert role_of("", "To review trials evaluating the efficacy and safety of Vaxchora.") == "methods"
    concluding = "To summarize, pimavanserin improved psychosis compared with placebo."
    assert role_of("", concluding) != "methods" and not states_aim(concluding)


def test_what_others_found_before_is_background_not_a_finding() -> None:
    """BioASQ snippets read as findings of the citing study (a tuning-half reading, 2026-12-05): "ProSavin
    ... was previously shown to be well tolerated", "Istradefylline ... has been reported to improve daily
    'off time'". A sentence that reports its own figures stays a result."""
    for text in (
        "ProSavin was previously shown to be well tolerated in a Phase I/II first-in-human study.",
        "Istradefylline has been reported to improve daily off time in patients with Parkinson's disease.",
        "Viltolarsen, an exon 53 skipping therapy, has been shown to increase endogenous dystrophin levels.",
        "We have previously reported the feasibility of diagnostic peritoneoscopy.",
        # what is under way (BioASQ snippet records 26143613 and 18683106; a reading, 2026-12-06)
        "Modified vaccinia Ankara (MVA) is being developed as a safer smallpox vaccine.",
        "Bavarian Nordic is developing IMVAMUNE for the potential prevention of smallpox infection.",
        # sentences of the shared abstracts_extra corpus
        "Their place in the treatment of heart failure is currently under investigation.",
        "The use of botulinum toxin is under investigation.",
        # what is not known yet (a BioASQ snippet on p300, tune21, 2026-12-06)
        "The role of p300 in protection against doxorubicin-induced apoptosis is unknown.",
    ):
        assert role_of("", text) == "background", text
    own = "We found 59 proteins significantly dysregulated; most have been previously reported in cancer."
    assert role_of("", own) == "results"
    assert role_of("", "Istradefylline improved daily off time compared with placebo.") != "background"
    # a figure of its own keeps a result a result (synthetic test sentence)
    mixed = "The mechanism remains unknown, but synthetic mortality fell by 30% (p<0.01)."
    assert role_of("", mixed) == "results"


def test_a_heading_in_capitals_glued_to_its_sentence_is_its_label() -> None:
    """BioASQ snippets of PMID 28493654 glue the heading to the sentence ("OBJECTIVE To summarize ..."): read
    unlabelled, the objective had been a finding of "Is pimavanserin a typical antipsychotic?"."""
    assert role_of("", "OBJECTIVE To summarize the FDA review of pimavanserin.") == "background"
    assert role_of("", "RESULTS Pimavanserin 34 mg/d was effective in treating hallucinations.") == "results"
    # a word in capitals that is no heading decides nothing
    assert role_of("", "AIDS patients were followed for 2 years.") == role_of("", "Patients were followed.")


def test_title_case_headings_without_punctuation_are_labels() -> None:
    """A SYNERGY record (PMID 31870331, a study protocol) keeps its structure as bare title-case words:
    "Abstract Background The gut microbiota ... Methods This longitudinal study ...". Read as unlabelled, its
    background sentences were findings, and one was the bottom line of "Is there any association between the
    human gut microbiome and depression?"."""
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"31870331"' in x)
    text = rec["abstract"]
    assert text.startswith("Abstract Background The gut microbiota")
    src = _source(0, SourceRecord(key="31870331", title=rec["title"], sections=(AbstractSection("", text),)))
    sents = record_sentences(src)
    assert [lab for lab, _o, _t in inline_sections(text)] == ["Background", "Methods", "Conclusion"]
    by_start = {t.split()[0]: role_of(lab, t) for lab, _s, _e, t in sents}
    assert by_start["Chemotherapy"] == "background"
    assert by_start["Participants"] == "methods"
    assert by_start["Knowing"] == "conclusions"
    for _lab, s, e, t in sents:
        assert src.record.text[s:e] == t and not t.startswith(("Abstract", "Background ", "Methods "))
    # compound headings and a colon after a heading (real shapes of the screening sets, shortened)
    compound = (
        "Background Reviews are common. Methods We searched two databases. Results and conclusions "
        "Thirty-eight articles were included. Methods and findings aside, most were small."
    )
    assert [lab for lab, _o, _t in inline_sections(compound)][-1] == "Results and conclusions"
    colon = (
        "Background X is common. Methods We searched. Results: four patterns emerged. Conclusions It works."
    )
    assert [lab for lab, _o, _t in inline_sections(colon)] == [
        "Background",
        "Methods",
        "Results",
        "Conclusions",
    ]
    # no heading names the findings, or results sit unheaded under the background: the wording decides
    assert len(inline_sections("Aims To test X. Methods We enrolled adults. Most improved.")) == 1
    unheaded = "Background X is common. In 120 patients mortality was 12% (p=0.01). Conclusions It works."
    assert inline_sections(unheaded) == [("", 0, unheaded)]
    # one bare heading, or two of the same kind, are words of the text
    once = "It was low. Background EEG activity was high. Results were mixed."
    assert inline_sections(once) == [("", 0, once)]
    same = "Results In 2010 it rose. Results In 2011 it fell."
    assert inline_sections(same) == [("", 0, same)]


def test_an_unadjusted_result_is_not_quoted_beside_its_adjusted_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """PubMedQA 18388848 (a regular clinician and preventive care for young children; a tuning-half reading,
    2026-12-06): "In bivariate analysis, parents ... reported slightly higher interpersonal quality (69 vs. 65
    ...)" was quoted and the multivariate result, "interpersonal quality but not anticipatory guidance content
    was higher", hidden."""
    from medcite.compose import candidates

    q = "Does having a regular primary care clinician improve quality of preventive care for young children?"
    src = load_pubmedqa()["18388848"]

    def quoted() -> list[str]:
        art = compose_article(q, OracleSearcher([src]), LexicalVerifier(), provenance=Provenance())
        return [st.text for s in art.sections for st in s.statements]

    texts = quoted()
    assert not any("bivariate" in t.lower() for t in texts), texts
    monkeypatch.setattr(candidates, "ADJUSTED_ONLY", False)
    assert any("bivariate" in t.lower() for t in quoted())
