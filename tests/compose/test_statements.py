"""Readable statements on real shared-data sentences: no authors' frame ("we conclude that"), no truncation
note, no glued parts (".;"), no methods sentence as a finding; every number still pinned to its source."""

from __future__ import annotations

import gzip
import json
import re
import time

import pytest

from medcite.compose import compose_article
from medcite.compose.candidates import NUMBER, Candidate
from medcite.compose.draft import make_draft
from medcite.corpus.classify import classify
from medcite.corpus.jsonl import record_from_dict
from medcite.domain import Article, Design, Provenance, SourceRecord, StoredSource
from medcite.testing import OverlapSearcher
from medcite.text import record_sentences, role_of
from medcite.text.cues import Role, allocation, enrolment
from medcite.text.research_calls import asks_for_research
from medcite.text.statements import cut_both_ends, first_person, readable, trim_sentence, unfinished, vacuous
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, load_extra, load_pubmedqa

FRAME = re.compile(r"\b(?:we conclude|we found|our results|these results|these data)\b", re.I)


def _extra(pmids: set[str]) -> dict[str, StoredSource]:
    """``abstracts_extra`` records read by the real JSON Lines parser (".; " joins and notes kept)."""
    out: dict[str, StoredSource] = {}
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            if d.get("pmid") in pmids and d["pmid"] not in out:
                rec = record_from_dict(d, "abstracts_extra", "abstracts_extra.jsonl.gz", i + 1, i + 1)
                assert isinstance(rec, SourceRecord)
                out[d["pmid"]] = StoredSource(id=i, record=rec, evidence=classify(rec))
                if len(out) == len(pmids):
                    break
    return out


def _sentence(src: StoredSource, start: str) -> str:
    return next(t for _lab, _s, _e, t in record_sentences(src) if t.startswith(start))


@pytest.mark.parametrize(
    ("pmid", "start", "expected"),
    [
        # the frame goes, the claim stays (sentence-cased)
        (
            "20571467",
            "We conclude that",
            "Patient and graft survival on transplanting kidneys from elderly donors to young recipients is "
            "superimposable on that obtained with young donors.",
        ),
        (
            "23899611",
            "These results indicate that",
            "Prophylactic treatment with edaravone prevents I/R-induced ovarian damage during "
            "pneumoperitoneum in an experimental rat model.",
        ),
        # a claim that hedges itself keeps its hedge
        (
            "21801416",
            "We conclude that",
            "AMPK may act as a metabolic cue to modulate the rhythm of melatonin secretion.",
        ),
        # a hedging frame over an unhedged claim keeps the hedge, without the first person
        (
            "22186742",
            "Our results suggest that",
            "The results suggest that colonoscopy does not affect the management of patients with acute "
            "diverticulitis nor alter the outcome.",
        ),
        # "we found that A and that B" -> "A and B"
        (
            "23806388",
            "We found that each nomogram",
            "Each nomogram could predict aggressive BCR and PCSM in a statistically significant manner and "
            "they all predicted",
        ),
    ],
)
def test_authors_frame_is_removed(
    pubmedqa: dict[str, StoredSource], pmid: str, start: str, expected: str
) -> None:
    out = trim_sentence(_sentence(pubmedqa[pmid], start))
    assert out.startswith(expected)
    assert not first_person(out) and not FRAME.search(out)


def test_first_person_that_cannot_go_stays_visible() -> None:
    # no "that" clause to keep: the sentence stays as it is and is no statement (see extractive_drafts)
    for s in ("We found no significant difference between the groups.", "We believe X can be considered."):
        assert first_person(trim_sentence(s))
    assert not first_person("US adults were surveyed.")  # a country, not the authors


def test_a_single_authors_opinion_is_no_statement() -> None:
    # a real sentence's opening (BioASQ snippet record on verubecestat), and synthetic ones
    assert readable("In my opinion, the failure of verubecestat reflects a wrong target.") is None
    assert readable("I believe the drug should be avoided.") is None
    # "I" as a numeral and "ME" as an abbreviation are no first person
    for s in (
        "Type I diabetes was more common in phase I trials.",
        "Chronic fatigue syndrome (ME) was studied.",
    ):
        assert readable(s) == s


def test_what_the_authors_made_is_said_in_the_third_person() -> None:
    # from BioASQ snippets (shortened): the answer to "Which tool has been developed for ...?"
    ez = (
        "To support annotating a wide variety of biological concepts with or without pre-existing "
        "training data, we developed ezTag, a web-based annotation tool."
    )
    cases = {
        ez: ez.replace("we developed", "the authors developed"),
        "Here, we present CNEFinder, a tool for identifying CNEs.": (
            "The authors present CNEFinder, a tool for identifying CNEs."
        ),
    }
    for sentence, want in cases.items():
        assert readable(sentence) == want
    # a verb of finding or believing is no making, an aim is no thing made: still the authors speaking
    assert readable("We believe ezTag is useful.") is None
    assert readable("We designed this study to determine whether X reduces Y.") is None
    # a lead that says who was studied stays (synthetic wording), as "the" cohort (not the article's own)
    assert readable("In this cohort of 500 adults, we developed a risk score.") == (
        "In the cohort of 500 adults, the authors developed a risk score."
    )


def test_truncation_note_and_glued_parts_are_removed() -> None:
    src = _extra({"8021335", "14581254"})
    last = _sentence(src["8021335"], "These results suggest that M")
    assert "(ABSTRACT TRUNCATED AT 250 WORDS)" in last  # the real sentence carries the note
    assert trim_sentence(last) == (
        "The results suggest that M is effective for the treatment of hypertension with a lower incidence "
        "of adverse symptoms."
    )
    first = _sentence(src["14581254"], "Secondary outcomes included")
    assert first.endswith("with bupropion SR.")  # the ".;" section break ends it ("SR" is no "Sr.")
    # where two parts still come glued (as the raw text holds them), the ".;" is mended
    glued = first + "; " + _sentence(src["14581254"], "At 3 months, a significantly higher")
    assert ".;" not in trim_sentence(glued)
    assert "bupropion SR. At 3 months" in trim_sentence(glued)


def test_composed_article_of_a_truncated_abstract_has_no_note() -> None:
    src = _extra({"8021335"})["8021335"]
    a = compose_article(
        src.record.title.rstrip(".") + "?", OracleSearcher([src]), LexicalVerifier(), provenance=Provenance()
    )
    texts = [st.text for s in a.sections for st in s.statements if st.kind != "gap"]
    assert texts
    assert not any("TRUNCATED" in t or ".;" in t or first_person(t) for t in texts)
    assert "TRUNCATED" not in a.bottom_line


@pytest.mark.parametrize(
    "sentence",
    [
        # real sentences (PMIDs 11560455, 10663415, 11394732) that were findings before
        "Participants who were abstinent throughout week 7 of open-label treatment were randomly assigned to "
        "receive bupropion, 300 mg/d, or placebo for 45 weeks and were subsequently followed for an "
        "additional year after the conclusion of the medication phase.",
        "Given the importance of nicotine craving and withdrawal in the smoking cessation process, the "
        "current study examined the effects of bupropion on these parameters during smoking abstinence.",
        "In this analysis, short-term success was defined as smoking cessation after 14 or 21 days of "
        "therapy and long-term success was defined as smoking cessation after >21 days of therapy.",
        "We retrospectively reviewed the charts of all children admitted with bronchiolitis.",
        # a protocol's plan and a heading glued to its sentence (BioASQ snippet corpus, even half)
        "Regression and linear mixed model (LMM) analyses will examine associations across time points "
        "(T1 - T3), between groups, and covariates with gut microbiota, cognitive, psychological, and "
        "physiological parameters.",
        "Methods This longitudinal study investigates chemotherapy induced long-term gut dysbiosis.",
        # a real aim that filled the findings (BioASQ snippet corpus): two words between "this" and "study"
        "The aim of this prospective randomized study was to define the optimum management between early and "
        "delayed laparoscopic cholecystectomy for patients with acute cholecystitis.",
    ],
)
def test_method_sentences_are_methods(sentence: str) -> None:
    assert role_of("", sentence) == "methods"


def test_a_leading_connective_goes() -> None:
    """It points at a sentence the statement does not show; and 'In a randomised controlled trial,
    Nevertheless, it is clear ...' was a statement (PubMedQA even half, PMID 10808977; shortened here)."""
    sentence = "Nevertheless, it is clear that more interventions will be needed to keep women's adherence."
    # the connective goes, and so does the frame "it is clear that", which states the claim
    assert readable(sentence) == "More interventions will be needed to keep women's adherence."
    assert readable("It is evident that IL-6 rose in 12 patients.") == "IL-6 rose in 12 patients."
    # a frame that weighs the claim stays
    assert (
        readable("It is possible that IL-6 rose in 12 patients.")
        == "It is possible that IL-6 rose in 12 patients."
    )
    assert readable("It may be clear that IL-6 rose.") == "It may be clear that IL-6 rose."
    assert (
        readable("Interestingly, IL-6 rose after surgery in 12 patients.")
        == "IL-6 rose after surgery in 12 patients."
    )
    assert readable("Indeed the drug worked in 45% of patients.") == "The drug worked in 45% of patients."
    # the bottom line of "Which company sells the drug Afrezza since 2015?" (BioASQ even half, a snippet
    # of the shared corpus) had opened on "In contrary, MannKind Corporation started ..."
    mannkind = "In contrary, MannKind Corporation started developing its ultra-rapid-acting insulin Afrezza."
    assert readable(mannkind) == mannkind.removeprefix("In contrary, ")
    assert readable("On the contrary, IL-6 rose in 12 patients.") == "IL-6 rose in 12 patients."
    # "In an observational study, Yet, the disappearance of significance ..." (PubMedQA 18086459, a
    # tuning-half article); "Yet" with no comma opens its clause and stays
    assert readable("Yet, IL-6 rose in 12 patients.") == "IL-6 rose in 12 patients."
    assert readable("Yet few data are available on IL-6.") == "Yet few data are available on IL-6."
    # "In an animal or laboratory study, Alternatively, low-flow ischemia ..." (tune21, PubMedQA even half)
    assert readable("Alternatively, IL-6 rose in 12 patients.") == "IL-6 rose in 12 patients."


def test_the_first_letters_of_a_cut_off_next_sentence_go() -> None:
    """A BioASQ snippet stops a few letters into its next sentence (even half, "Is Baloxavir effective for
    influenza?"); the statement read "... developed by Roche and Shionogi. Th." (sentence shortened here)."""
    text = "Baloxavir marboxil is an oral endonuclease inhibitor developed by Roche and Shionogi. Th"
    assert unfinished(text)
    assert readable(text) == text.removesuffix(" Th")
    approved = "Baloxavir was approved by the U.S. FDA"
    assert readable(approved) == approved + "."  # an acronym


def test_a_heading_glued_to_its_sentence_goes() -> None:
    assert (
        readable("Results Mortality fell by 20% in the treated group.")
        == "Mortality fell by 20% in the treated group."
    )
    assert role_of("", "Results Mortality fell by 20% in the treated group.") == "results"
    assert readable("Results were mixed across the 12 sites.") == "Results were mixed across the 12 sites."


def test_words_that_open_a_phrase_are_no_connectives_or_headings() -> None:
    """Review of the connective and heading rules (synthetic sentences): the words stay where they open a
    phrase, and research to come is no protocol."""
    for sentence in (
        "In contrast with previous reports, no association was found.",
        "In contrast to placebo, drug X reduced pain by 20%.",
        "Overall survival was 12 months.",
        "Objective Response Rate (ORR) was 45% in the treated arm.",
        "Background EEG activity was abnormal in 12 of 20 patients.",
        "Regimen A was compared with regimen A vs. B.",
        "It was funded by the U.S. Army.",
    ):
        assert readable(sentence) == sentence
    assert role_of("", "Objective Response Rate (ORR) was 45% in the treated arm.") == "results"
    assert role_of("", "Ongoing randomized trials will determine whether early treatment helps.") != "methods"
    assert role_of("", "Outcomes will be assessed at 12 months.") == "methods"


@pytest.mark.parametrize(
    ("sentence", "call"),
    [
        # synthetic sentences (review of the rule): calls for research or action, and findings that stay
        ("Prospective studies are needed in older populations to establish the value of the score.", True),
        ("Further randomized trials of the drug for smoking cessation are needed.", True),
        ("Culturally appropriate interventions are sorely needed.", True),
        ("More data are needed.", True),
        ("This article reviews the evidence of efficacy and common adverse effects.", True),
        # a real sentence (BioASQ snippet record, PMID 29623652), in the past tense
        (
            "This article summarized the milestones in the development of baloxavir leading to this first "
            "global approval for influenza A or B virus infections.",
            True,
        ),
        ("Larger trials are needed to confirm the benefit reported here.", True),
        # a real sentence (PMID 23791827): research under way reports nothing yet
        ("Prospective study is ongoing to confirm safety and determine impact on cost.", True),
        ("A phase 3 trial is ongoing, and 40% of patients had responded at 12 weeks.", False),
        # a real sentence (BioASQ snippet record on mesenchymal stem cells in tendon disorders)
        (
            "A strong need for large-scale randomized controlled trials has emerged to confirm the long-term "
            "functional improvement and adverse effects of MSC therapies in tendon disorders.",
            True,
        ),
        ("The need for dose adjustment in renal impairment was confirmed in two trials.", False),
        ("Based on more recent studies in children, a higher starting dose is required.", False),
        ("In prospective research settings, informed consent from both parents is required.", False),
        ("The drug is effective for resistant depression, but further studies are needed on safety.", False),
        ("Dose adjustment is not required in renal impairment.", False),
        ("Further studies in children showed that no dose change is required.", False),
        ("Further trials are needed, as 12% of patients relapsed.", False),
    ],
)
def test_a_call_for_research_is_told_from_a_finding(sentence: str, call: bool) -> None:
    assert asks_for_research(sentence) is call


def test_the_research_call_rule_is_fast_on_long_runs_of_dashes() -> None:
    start = time.perf_counter()
    for text in ("More " + "-" * 300 + " results", "more " + "- " * 300, "further " + "word, " * 400):
        asks_for_research(text)
    assert time.perf_counter() - start < 0.5


def test_findings_stay_findings() -> None:
    assert role_of("", "Conclusions: clonidine reduced pain.") == "conclusions"
    assert role_of("", "We conclude that clonidine reduced pain.") == "conclusions"
    assert role_of("", "Pain scores were lower with clonidine (p < 0.05).") == "results"


def _articles(searcher: OverlapSearcher, extra: list[Article]) -> list[Article]:
    questions = []
    with (DATA_DIR / "pubmedqa" / "questions_dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            questions.append(json.loads(line)["question"])
            if len(questions) == 25:
                break
    made = [compose_article(q, searcher, LexicalVerifier(), provenance=Provenance()) for q in questions]
    return [*extra, *made]


def test_statements_read_well_and_numbers_stay_pinned(
    searcher: OverlapSearcher,
    corpus: list[StoredSource],
    bupropion_article: Article,
    therapy_article: Article,
) -> None:
    by_key = {s.key: s for s in corpus}
    pinned = 0
    for a in _articles(searcher, [bupropion_article, therapy_article]):
        for s in a.sections:
            for st in s.statements:
                if st.kind == "gap":
                    continue
                assert not first_person(st.text), st.text
                assert ".;" not in st.text and "TRUNCATED" not in st.text, st.text
                for num in st.numbers:
                    if num.origin == "text":
                        text = by_key[num.source_key].record.text
                        assert text[num.start : num.end] == num.value
                        pinned += 1
                assert {m.group(0) for m in NUMBER.finditer(st.text)} <= {x.value for x in st.numbers}
    assert pinned > 50


def test_a_stating_frame_with_an_adverb_after_its_verb_goes() -> None:
    """ "Taken together, we show here that X" (BioASQ snippet of PMID 29985992) reads as X: the adverb
    after the verb ("show here", "report for the first time") no longer hides the frame."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"29985992"' in x)
    sentence = next(s for s in rec["abstract_snippets"] if "we show here that" in s)
    sentence = sentence[sentence.index("Taken together") :].split(". ")[0] + "."
    out = readable(sentence)
    assert out is not None and out.startswith("Mutations leading either to BCL11B haploinsufficiency")
    assert not first_person(out)


def test_a_subject_that_looks_like_a_section_label_stays() -> None:
    # PubMedQA 17096624: "Findings suggest that ..." became "Suggest that ..."; a label keeps its colon
    real = (
        "Findings suggest that cluster analyses may be useful in identifying groups for targeted health "
        "messages."
    )
    assert readable(real) == real
    assert readable("Results were similar in both arms of the synthetic test.") == (
        "Results were similar in both arms of the synthetic test."
    )
    assert readable("Results: the synthetic test value was lower.") == "The synthetic test value was lower."


def test_a_section_label_without_its_colon_goes() -> None:
    """Snippet records keep some labels without their colon: "OBJECTIVE To summarize the US Food and Drug
    Administration's ..." (BioASQ snippet record 28493654) read as a statement with the label in front."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"28493654"' in x)
    sentence = next(s for s in rec["abstract_snippets"] if s.startswith("OBJECTIVE To summarize"))
    assert trim_sentence(sentence).startswith("To summarize the US Food and Drug Administration")
    assert (
        trim_sentence("BACKGROUND AND OBJECTIVES Synthetic test text is here.")
        == "Synthetic test text is here."
    )
    # a label in title case with a space before its colon (a BioASQ snippet record: "Summary : FunImageJ is")
    assert (
        trim_sentence("Summary : The synthetic test is a framework.") == "The synthetic test is a framework."
    )
    # a subject in capitals, and a label word before a lower-case word, stay
    assert (
        trim_sentence("AIDS PATIENTS Are a synthetic test group.")
        == "AIDS PATIENTS Are a synthetic test group."
    )
    assert (
        trim_sentence("RESULTS of the synthetic test were sent.")
        == "RESULTS of the synthetic test were sent."
    )


def test_a_sentence_cut_off_is_quoted_as_cut_off() -> None:
    """BioASQ snippets (and some screening-set abstracts) stop mid-sentence, some mid-word ("... a lower
    medication burden at the end o", "... coefficient, rs :"). Such a sentence is quoted up to its last whole
    word and ends in an ellipsis, not a full stop."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        cut = [
            s
            for line in fh
            for s in json.loads(line)["abstract_snippets"]
            if s.rstrip().endswith(" end o") or s.rstrip().endswith(" rs :")
        ]
    assert cut and all(unfinished(s) for s in cut)
    for s in cut:
        out = readable(s.split(". ")[-1])
        assert out is not None and out.endswith(" \u2026") and not out.endswith(" o \u2026"), out
        assert not out.endswith(": \u2026")
    assert readable("The synthetic test fell by 45%") == "The synthetic test fell by 45%."
    # a snippet that only lacks its full stop is whole (BioASQ snippets: "... among all patients treated
    # with radiotherapy" lost its last word when every unpunctuated end was read as a cut)
    assert readable("The synthetic test was given to patients treated with radiotherapy") == (
        "The synthetic test was given to patients treated with radiotherapy."
    )
    assert readable("The synthetic test was given in the") == "The synthetic test was given \u2026"
    assert readable("The synthetic test measured vitamin D") == "The synthetic test measured vitamin D."
    assert readable("The synthetic test was used as an anti-") == "The synthetic test was used \u2026"
    assert readable("In the") is None and readable(":") is None  # nothing left but the cut
    assert readable("The synthetic test was done. (ABSTRACT TRUNCATED AT 250 WORDS)") == (
        "The synthetic test was done."
    )


def test_an_arm_named_by_its_label_only_is_no_statement(pubmedqa: dict[str, StoredSource]) -> None:
    """PubMedQA 8200238 (tune21): "... more frequently by patients in Group 1 (44 percent vs. 25 percent
    ...)" was quoted twice with no word on what Group 1 received. A label the sentence defines stays."""
    from medcite.text.anaphora import leans_back

    said = [t for *_, t in record_sentences(pubmedqa["8200238"]) if "Group 1" in t and "percent" in t]
    assert said and all(leans_back(t) for t in said)
    # synthetic test sentences, not evidence
    assert not leans_back("Patients who received drug X (group A) reported less pain (synthetic test).")
    assert not leans_back("Group B (synthetic appendicitis, n = 73) contained more cases.")
    assert not leans_back("Blood group A was associated with the synthetic outcome.")
    assert not leans_back("In the control group a significant synthetic decrease was observed.")
    assert not leans_back("Patients with WHO group 1 pulmonary hypertension improved (synthetic).")
    assert not leans_back("Children in the age group 1 to 4 years were most affected (synthetic).")
    # a bacterium named by its group (PubMedQA 27405146, even half: its conclusion had been set aside)
    gbs = [t for *_, t in record_sentences(pubmedqa["27405146"]) if "Streptococcus group B" in t]
    assert gbs and not any(leans_back(t) for t in gbs if t.startswith("The prevalence"))
    assert leans_back("Less drainage was noted in group 2 (1010 mL vs 623 mL, P = .0001), a synthetic test.")


def test_a_sentence_that_leans_on_the_one_before_is_no_statement() -> None:
    # BioASQ snippet record 27940404: "Contrary to long-held dogma, human milk is not sterile. Instead, it
    # provides infants a rich source of diverse bacteria, ..." (the second alone says nothing of milk)
    assert readable("Instead, it provides infants a rich source of diverse bacteria.") is None
    assert readable("They were randomised to the synthetic test arm.") is None
    assert readable("It is unclear whether the synthetic test works.") == (
        "It is unclear whether the synthetic test works."
    )
    # "It is" with what the thing is or what is done to it names the previous sentence's subject: the answer
    # to "Can Panitumumab cause trichomegaly?" (BioASQ even half, 2026-12-06) quoted the first of these
    for it in (
        "It is most frequently associated with cetuximab and erlotinib; however, it has also been described "
        "in individuals treated with gefitinib or panitumumab.",
        "It is characterized by congenital anomalies, aplastic anemia, and a predisposition to cancer.",
        "It is a multifactorial, polygenic, and complex disorder.",
    ):
        assert readable(it) is None, it
    assert readable("It was found that IL-6 rose in 12 patients.") is not None  # impersonal


def test_a_background_sentence_is_not_put_in_the_study_design_s_mouth() -> None:
    """The Evidence Inference record of a trial of Lactobacillus gasseri BNR17 in obesity opens "Lactobacillus
    gasseri BNR17 is a type of probiotic strain isolated from human breast milk": quoted as "In a randomised
    controlled trial, lactobacillus gasseri BNR17 is a type of probiotic strain ..." it read as a finding of
    the trial. Its result sentence keeps the prefix."""
    src = next(s for s in load_extra(("gasseri BNR17",)).values() if "Double-Blind" in s.record.title)
    assert src.evidence.design is Design.RCT
    by_text = {t: (s, e) for _lab, s, e, t in record_sentences(src)}

    def draft_of(text: str, role: Role) -> str:
        s, e = next(span for t, span in by_text.items() if t.startswith(text))
        return make_draft(
            "efficacy", Candidate(src, src.record.text[s:e], s, e, "", role, None, 1.0, 0.5, False)
        ).text

    assert draft_of("Lactobacillus gasseri BNR17 is a type", "unknown").startswith(
        "Lactobacillus gasseri BNR17"
    )
    assert draft_of("Lactobacillus gasseri BNR17 is a type", "background").startswith("Lactobacillus gasseri")
    assert draft_of("Decrease of waist and hip", "unknown").startswith("In a randomised controlled trial")
    # a finding of no difference is a finding of the study ("The safety profile of bupropion SR was similar
    # to ..." lost its prefix); a synthetic sentence, quoted against the real record's design
    same = "The synthetic test profile was similar in both arms."
    cand = Candidate(src, same, 0, len(same), "", "unknown", None, 1.0, 0.5, False)
    assert make_draft("safety", cand).text.startswith("In a randomised controlled trial")


def test_a_study_in_animals_says_so_when_its_sentence_does_not() -> None:
    """PMID 19105845 (corpora/abstracts_extra), a study of bupropion seizures in mice: "The demonstration of
    an inverse relationship between infusion time ... in a prospective study is novel" named a design, so it
    went without a prefix and read as a study in people (the reading of issue 9)."""
    src = next(s for s in load_extra(("infusion rates on bupropion",)).values() if s.key == "19105845")
    assert src.evidence.design is Design.ANIMAL
    s, e, text = next((s, e, t) for _lab, s, e, t in record_sentences(src) if "in a prospective study" in t)
    draft = make_draft("pitfalls", Candidate(src, text, s, e, "", "conclusions", None, 1.0, 0.5, False))
    assert draft.text.startswith("In an animal or laboratory study")
    # a sentence that names its animals needs no prefix to say so
    mice = "Seizures were more frequent in the synthetic test mice in a prospective study."
    cand = Candidate(src, mice, 0, len(mice), "", "conclusions", None, 1.0, 0.5, False)
    assert make_draft("pitfalls", cand).text == mice


def test_a_figure_is_not_the_digit_of_a_name() -> None:
    text = "IL-6 fell by 45% (-1.2 points) in 1,524 adults with COVID-19 and CD40 at 10-20 mg"
    assert [m.group(0) for m in NUMBER.finditer(text)] == ["45%", "-1.2", "1,524", "10", "20"]


def test_a_heading_after_the_word_abstract_and_a_comparing_connective_go() -> None:
    """A screening-corpus record keeps "Abstract Background" before its first sentence (PMID 31870331),
    read as a finding of no known role; a BioASQ snippet opens "Similarly, circular DNAs ..." (PMID
    28090380), a connective that points at a sentence the statement does not show (even-half reading)."""
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        abstract = next(json.loads(x)["abstract"] for x in fh if '"31870331"' in x)
    first = abstract[: abstract.index(".") + 1]
    assert first.startswith("Abstract Background The gut microbiota")
    assert role_of("", first) == "background"
    assert trim_sentence(first).startswith("The gut microbiota is")
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"28090380"' in x)
    similar = next(s for s in rec["abstract_snippets"] if s.startswith("Similarly, circular DNAs"))
    assert readable(similar).startswith("Circular DNAs can be generated")
    assert readable("Last, the synthetic test drug was stopped in 3 patients.").startswith("The synthetic")
    # without its comma the word opens a phrase and stays; "Last, but not least," goes as a whole
    assert readable("Last year 12 patients were treated.") == "Last year 12 patients were treated."
    assert readable("Last, but not least, 12 patients were treated.") == "12 patients were treated."


@pytest.mark.parametrize(
    "sentence",
    [
        # PubMedQA even half, PMID 25957366: a conclusions sentence that was a statement under "Efficacy"
        "The results are both surprising and disappointing.",
        "Further studies are needed.",
        "These findings are important.",
    ],
)
def test_a_sentence_that_states_nothing_is_no_statement(sentence: str) -> None:
    assert vacuous(sentence) and readable(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Mortality was 12% in both groups.",
        "The results were similar in children.",
        "Further studies are needed to determine whether melatonin reduces delirium.",
    ],
)
def test_a_sentence_with_content_stays(sentence: str) -> None:
    assert not vacuous(sentence) and readable(sentence) == sentence


def test_a_study_gives_its_result_with_figures_beside_its_conclusion(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PMID 10808977 (PubMedQA), a randomised trial of mammography reminders: the answer quoted two of its
    conclusions ("additional interventions will be needed ...") and not its result with figures."""
    from medcite.compose import draft

    question = "Can tailored interventions increase mammography use among HMO women?"
    searcher = OverlapSearcher([pubmedqa["10808977"]])

    def efficacy() -> list[str]:
        a = compose_article(question, searcher, LexicalVerifier(), provenance=Provenance())
        return [st.text for s in a.sections if s.key == "efficacy" for st in s.statements]

    result = "telephone counseling promoted a significantly higher proportion of women having mammograms"
    assert any(result in t and "(71% vs 61%)" in t for t in efficacy())
    monkeypatch.setattr(draft, "RESULT_SECOND", False)
    assert not any(result in t for t in efficacy())


@pytest.mark.parametrize("label", ["", "RESULTS"])
def test_an_allocation_sentence_is_a_method_even_under_results(label: str) -> None:
    """An Evidence Inference record (CAVATAS) opens its results with who was randomised to what; it filled the
    findings of "Assessment of carotid artery stenosis before coronary artery bypass surgery. Is it always
    necessary?" (PubMedQA even half). Figures in brackets describe the groups, not a result."""
    sentence = (
        "504 patients with stenosis of the carotid artery (90% symptomatic) were randomly assigned to "
        "endovascular treatment (n=251) or surgery (n=253)."
    )
    assert role_of(label, sentence) == "methods"
    # a sentence that also reports an outcome is a result
    both = "A total of 120 patients were randomised; mortality was 12% vs 20% (p=0.03)."
    assert role_of(label, both) == "results"
    if label:  # under a results heading a compared outcome keeps it a result (unlabelled, no figure: methods)
        compared = "Patients were randomly assigned to either drug; pain scores were lower with drug A."
        assert role_of(label, compared) == "results"
    # results that name the assignment, statistics in brackets (PMID 10639539, the HOPE trial, shortened), an
    # outcome beside it, or only inclusion: still results
    for result in (
        "A total of 651 patients who were assigned to receive ramipril (14.0 percent) reached the primary "
        "end point, as compared with 826 patients (relative risk, 0.78; 95 percent confidence interval, "
        "0.70 to 0.86; P<0.001).",
        "Women who were randomised to multiple micronutrients breastfed for 12 days longer (p = 0.003).",
        "Of the 504 patients who were randomly assigned, 30 (6%) died within 30 days.",
        "Forty patients were enrolled and 12 (30%) responded.",
    ):
        assert not allocation(result) and role_of(label, result) == "results", result


@pytest.mark.parametrize("label", ["", "RESULTS"])
def test_who_took_part_is_a_method_even_under_results(label: str) -> None:
    """PMID 25274085 (PubMedQA) opens its results with the carriers it found in a database; a reading of
    tuning-half articles found that sentence quoted as the finding and as the bottom line."""
    src = load_pubmedqa()["25274085"].record
    sentence = "548 female BRCA1 mutation carriers and 523 BRCA2 carriers were identified from the database."
    assert sentence in src.text
    assert enrolment(sentence) and role_of(label, sentence) == "methods"
    for result in (  # a finding worded with "identified" or "included" stays one
        "A genetic mutation was identified in 23 patients (28 %) and BRAF was the most often mutated gene.",
        "Forty patients were enrolled and 12 (30%) responded.",
        "A total of 120 patients were included; mortality was 12% lower with drug A.",
    ):
        assert not enrolment(result) and role_of(label, result) == "results", result


def test_a_sentence_that_picks_from_the_previous_one_is_no_statement() -> None:
    """Real sentences of the shared corpora: "these" points at a group or list the statement does not show
    (PMID 9622044); "those ... who / with" names its own group and stands alone (PMID 12869813)."""
    assert (
        readable("Of these 16, 3 dropped out secondary to side effects of the clonidine and 1 withdrew.")
        is None
    )
    assert readable("Among these mechanisms is a role for cohesin in inflammatory responses.") is None
    own = (
        "In those children with persistent tics, behavioural disorders are associated which may impair "
        "success in school and psychosocial functioning."
    )
    assert readable(own) == own


def test_each_study_speaks_once_before_any_speaks_twice(
    bupropion_article: Article, searcher: OverlapSearcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9: "one statement per study per point". The bupropion answer (every shared corpus) quoted a
    15-patient pilot twice in Efficacy and had no room for a 629-patient trial's result."""
    from medcite.compose import draft

    def repeats_early(a: Article) -> bool:
        for s in a.sections:
            firsts = [st.citations[0] for st in s.statements if st.citations and st.kind != "contrast"]
            seen: set[int] = set()
            for i, ref in enumerate(firsts):
                if ref in seen and set(firsts[i:]) - seen:
                    return True  # a study spoke twice while another had not yet spoken
                seen.add(ref)
        return False

    assert not repeats_early(bupropion_article)
    monkeypatch.setattr(draft, "ONE_PER_STUDY_FIRST", False)
    before = compose_article(
        "Does bupropion help smoking cessation?", searcher, LexicalVerifier(), provenance=Provenance()
    )
    assert repeats_early(before)


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        # BioASQ snippet corpus (read in 16 tuning-half articles): labels and openers left in quotes
        (
            "Conclusions and Relevance\nIn patients with myelofibrosis and thrombocytopenia, pacritinib "
            "twice daily was more effective than BAT.",
            "In patients with myelofibrosis and thrombocytopenia, pacritinib twice daily was more effective "
            "than BAT.",
        ),
        (
            "Expert commentary: Pacritinib has demonstrated promising results in patients with myelofibrosis "
            "and thrombocytopenia.",
            "Pacritinib has demonstrated promising results in patients with myelofibrosis and "
            "thrombocytopenia.",
        ),
        (
            "Conclusions \u2022 The review indicates that yoga, aerobic exercise and biofeedback may be "
            "helpful.",
            "The review indicates that yoga, aerobic exercise and biofeedback may be helpful.",
        ),
        (
            "Here, Dacetuzumab and Lucatumumab are in the most advanced stage and are being tested as "
            "treatment for malignancies.",
            "Dacetuzumab and Lucatumumab are in the most advanced stage and are being tested as treatment "
            "for malignancies.",
        ),
        # "this study" reads in an article as the article's own
        (
            "Subarachnoid or epidural sufentanil, in the doses used in this study, associated with local "
            "anesthetics, had the same effect on the duration of labor.",
            "Subarachnoid or epidural sufentanil, in the doses used in the study, associated with local "
            "anesthetics, had the same effect on the duration of labor.",
        ),
        (
            "In this open-label, multicentre, phase 1 study a fully human anti-CD40 antagonist monoclonal "
            "antibody, lucatumumab, was evaluated.",
            "In the open-label, multicentre, phase 1 study a fully human anti-CD40 antagonist monoclonal "
            "antibody, lucatumumab, was evaluated.",
        ),
        # the subject of "is" stays: "This is a trial ..." ("This is the first trial ..." claims novelty, no
        # finding: test_a_claim_of_novelty_is_no_statement)
        (
            "This is a randomised trial of lucatumumab in lymphoma.",
            "This is a randomised trial of lucatumumab in lymphoma.",
        ),
        # ordinary words are no label without a colon
        ("Overall Survival Rates Were Higher in X.", "Overall Survival Rates Were Higher in X."),
    ],
)
def test_labels_openers_and_this_study_are_not_quoted(sentence: str, statement: str) -> None:
    assert readable(sentence) == statement


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        # "this" that is no study's determiner is not rewritten (found by a review on real snippets); "In
        # this respect, ...", "This allowed ...", "At this dose, ..." now lean back (none is quoted alone)
        ("At the present time, no trial has shown a benefit.", None),
        (
            "In this randomized, double-blind, placebo-controlled trial, X reduced Y.",
            "In the randomized, double-blind, placebo-controlled trial, X reduced Y.",
        ),
        ("This phase II trial showed that X reduced Y.", "The phase II trial showed that X reduced Y."),
        # a subject made of heading words is no label: the label needs a capital after it, and no verb
        ("Patient outcomes 30 days after surgery were better.", None),
        ("Patient Outcomes Were better after surgery.", None),
        (
            "Main Outcome Measures All-cause and cause-specific mortality.",
            "All-cause and cause-specific mortality.",
        ),
    ],
)
def test_only_a_study_and_a_real_label_are_rewritten(sentence: str, statement: str | None) -> None:
    """None: the sentence stays as it is."""
    assert readable(sentence) == (statement or sentence)


def test_a_sentence_leaning_on_the_one_before_is_dropped_before_this_is_rewritten() -> None:
    # the review found "This may explain ..." came back as "The may explain ..." when the rewrite ran first
    assert readable("This may explain the bias in subgroup analysis.") is None
    assert readable("This suggests bias in the present analysis.") is None


def test_a_snippet_opening_on_the_stop_before_it_is_quoted_from_its_first_word() -> None:
    path = DATA_DIR / "bioasq" / "snippet_corpus.jsonl"
    with path.open(encoding="utf-8") as fh:
        rec = next(json.loads(line) for line in fh if '"34535038"' in line)
    snippet = rec["abstract_snippets"][0]
    assert snippet.startswith(". In the COVID-19 era")  # the real record opens on a full stop
    first = snippet[: snippet.index(". There are") + 1]
    assert trim_sentence(first) == (
        "In the COVID-19 era, there has been a race for drugs to be effective against SARS-CoV-2."
    )
    assert trim_sentence("... In the COVID-19 era.").startswith("...")  # an ellipsis (a cut) stays


# sentences quoted alone in a reading of 16 tuning-half articles (2026-12-05), each from a shared record
LEANING_BACK = (
    "In this respect, mutation analysis of BRCA1 was useful.",
    "This allowed for mutation analysis of BRCA1.",
    "At this dose, trial enrolment was slow.",
    "The crystal structure of this compound with PIM1 confirmed the predicted binding mode and "
    "protein-ligand interactions except those in the acidic ribose pocket.",
    "The innate immune pathways involved in these events are known to be regulated by cellular molecules "
    "such as stimulator of interferon genes (STING).",
    "Mechanistically, this phenotype was driven by increased MYC and rapid DNA damage accumulation.",
    "It provides ambiguous results for intermediate sweat chloride cases while not reflecting disease "
    "progression.",
    # a BioASQ snippet on pannexins (a tuning-half reading, 2026-12-06): "a" is no study word, nor "large-"
    "These single membrane large-pore channels exhibit a variety of tissue, cell type, and subcellular "
    "distributions.",
)


@pytest.mark.parametrize("sentence", LEANING_BACK)
def test_a_sentence_that_needs_the_one_before_is_no_statement(sentence: str) -> None:
    assert readable(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "It is possible that early surgery reduces mortality.",  # impersonal "it"
        "In this population, the incidence of falls was 12%.",  # the study's own population
        "Four patients improved, but this association was not significant.",  # points back within it
        "These findings suggest that screening is cost-effective.",  # the study's own findings
        "Patients with these mutations who were treated had longer survival.",  # a defined group
    ],
)
def test_a_sentence_that_stands_alone_stays(sentence: str) -> None:
    assert readable(sentence) is not None


def test_an_ordinal_opening_is_trimmed() -> None:
    second = (
        "Second, subdural empyema appears to arise in the setting of subacute rather than acute sinusitis."
    )
    assert readable(second) == second.removeprefix("Second, ").capitalize()


@pytest.mark.parametrize(
    "sentence",
    [  # background of shared records (BioASQ snippets, PubMedQA): what earlier studies found, not the source
        "An earlier study showed that SLE patients carrying an interferon (IFN) gene expression signature in "
        "blood have elevated serum levels of IFN-regulated chemokines.",
        "Previous studies have shown that acquired prosopagnosia is characterized by impairment at "
        "holistic/configural processing.",
        "Earlier work demonstrated that the transcription factor C/EBPα can convert immature and mature "
        "murine B lineage cells into functional macrophages.",
    ],
)
def test_what_an_earlier_study_found_is_not_the_sources_finding(sentence: str) -> None:
    assert readable(sentence) is None


def test_what_the_source_itself_showed_stays() -> None:
    assert readable("The earlier diagnosis of sepsis showed a survival benefit in this cohort.") is not None
    assert readable("Treatment with drug A showed that previous studies had underestimated the risk.")


def test_a_call_for_study_to_come_is_no_finding() -> None:
    # PubMedQA 17595200's conclusion, quoted first under Key Findings (tuning-half reading, 2026-12-05)
    assert asks_for_research(
        "Associations at later ages and for different components of body composition now require study."
    )
    assert not asks_for_research("The diagnosis still requires investigation of the liver.")


def test_pubmeds_unlabelled_heading_is_no_part_of_a_statement() -> None:
    # BioASQ snippet record 11585074 opens "UNLABELLED Herpetic whitlow is ...": the heading had been quoted
    # in a bottom line, a statement and the evidence table (a tuning-half reading, 2026-12-05)
    text = "UNLABELLED Herpetic whitlow is a herpes simplex virus type 1 or 2 infection of the fingers."
    assert readable(text) == text.removeprefix("UNLABELLED ")


def test_a_snippet_cut_at_both_ends_is_no_statement() -> None:
    """The BioASQ snippet of PMID 29462394, "expression of the DNA double-strand break marker gamma-H2AX
    (γH2AX) ", was a bottom line with no verb (a tuning-half reading, 2026-12-05). A snippet that opens on
    a lower-case word and stops on no full stop is cut at both ends; one that ends its sentence, or opens
    on a gene name written in lower case ("mRNA", "p53"), is read as before."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open() as fh:
        rec = next(json.loads(line) for line in fh if '"29462394"' in line)
    (snippet,) = rec["abstract_snippets"]
    assert cut_both_ends(snippet) and readable(snippet) is None
    assert readable("expression of the marker was higher in cases than in controls.") is not None
    assert not cut_both_ends("mRNA levels of the marker rose") and not cut_both_ends("p53 expression rose")


def test_a_claim_of_novelty_is_no_statement() -> None:
    """ "This is the first known report of concurrent plasma and ISF concentrations ..." (PubMedQA, a
    tuning-half reading, 2026-12-05) was graded as a key conclusion; a claim of novelty states no finding."""
    first = "This is the first known report of concurrent plasma and ISF concentrations of meropenem."
    assert readable(first) is None
    assert (
        readable("To our knowledge, this is the first study to show that the drug lowers pressure.") is None
    )
    assert readable("The first patient recovered within a week.") is not None


def test_a_question_the_abstract_asks_is_no_statement() -> None:
    """A PubMedQA abstract's own question ("Do endometrial polyps ... have similar ... receptors?") was quoted
    under Mechanism of Action (a tuning-half reading, /tmp/tune17, 2026-12-05)."""
    asked = (
        "Do endometrial polyps from pre- and post-menopausal women have similar immunohistochemical "
        "expression of oestrogen and progesterone receptors?"
    )
    assert readable(asked) is None
    assert readable("Polyps from post-menopausal women expressed more receptors (p < 0.05).") is not None


def test_a_tokenised_snippet_reads_as_prose() -> None:
    """BioASQ snippet record 18683106 holds its sentences as tokens too ("IMVAMUNE , which", "( MVA )"); a
    tuning-half reading (2026-12-06) found them quoted so. The spaces go, and with them the look of a
    footnote that "10 ( 8 )" gave a dose."""
    import json

    from tests.compose.doubles import DATA_DIR

    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        d = next(d for line in fh if (d := json.loads(line))["pmid"] == "18683106")
    tokenised = next(s for s in d["abstract_snippets"] if "IMVAMUNE , which" in s)
    text = readable(tokenised)
    assert text is not None and " ," not in text and "IMVAMUNE, which" in text
    assert readable("Ankara ( MVA ) was given at 1x10 ( 8 ) TCID50 in 0.5 mL .") == (
        "Ankara (MVA) was given at 1x10 (8) TCID50 in 0.5 mL."
    )
    assert readable("The rate fell from 1.2 . 3 to 2.") == "The rate fell from 1.2 . 3 to 2."  # mid-text "."


def test_a_pointer_to_what_came_before_goes() -> None:
    """ "In an animal or laboratory study, most notably, fusion of COG133 ..." (BioASQ snippet record
    16740622, a tuning-half reading): "most notably" points at sentences the statement does not show."""
    assert readable("Most notably, fusion of COG133 to a protein transduction domain creates COG112.") == (
        "Fusion of COG133 to a protein transduction domain creates COG112."
    )
    assert readable("Based on these findings, IL-6 rose in 12 patients.") == "IL-6 rose in 12 patients."


def test_what_the_authors_found_is_said_without_them() -> None:
    """PubMedQA 18375490 ("Are laboratories reporting serum quantitative hCG results correctly?", gold no):
    its one result, "We identified errors in participant reporting ... (9.3%; 22 of 235 laboratories) ...",
    was left out as the authors speaking, and the answer rested on its list of causes (a tuning-half reading,
    2026-12-06). A bare plural or a count found is said as what there was."""
    from medcite.text import record_sentences
    from tests.compose.doubles import load_pubmedqa

    sentences = [t for _lab, _s, _e, t in record_sentences(load_pubmedqa()["18375490"])]
    result = next(t for t in sentences if t.startswith("We identified errors"))
    stated = readable(result)
    assert stated is not None and stated.startswith("There were errors in participant reporting")
    assert "9.3%; 22 of 235 laboratories" in stated
    assert readable("We found 12 mutations in BRCA1.") == "There were 12 mutations in BRCA1."
    assert readable("We found these results in a synthetic test.") is None  # a demonstrative: no repair


def test_a_closing_quote_that_ends_the_sentence_takes_no_second_full_stop() -> None:
    """A sentence of PMID 25677180 ends '... enhancer-promoter "connections" and "insulation."': it had been
    quoted with '."' and another full stop (a tuning-half article, 2026-12-06)."""
    text = (
        "The authors propose a model for cohesin-dependent gene regulation in which spatial clustering of "
        'enhancer elements acts as a unified mechanism for both enhancer-promoter "connections" and '
        '"insulation."'
    )
    assert trim_sentence(text) == text
    assert trim_sentence('The word was "good"') == 'The word was "good".'


def test_the_rest_or_the_kind_of_what_a_sentence_before_counted_is_no_statement(
    pubmedqa: dict[str, StoredSource],
) -> None:
    """PubMedQA 23052500 (tune22): "Exploratory laparotomy for the remaining 47 patients showed ..." was
    quoted with no word on whom the 47 remained from; "12 such cases" and "The remaining 94 patients" are
    the same shape. "such as" and "such that" point forward and stay."""
    from medcite.text.anaphora import leans_back

    for pmid, start in (
        ("23052500", "Exploratory laparotomy for the remaining 47"),
        ("10966943", "12 such cases were detected"),
        ("18274917", "The remaining 94 patients had a single episode"),
    ):
        said = [t for *_, t in record_sentences(pubmedqa[pmid]) if t.startswith(start)]
        assert said and all(leans_back(t) for t in said), pmid
    # synthetic test sentences, not evidence
    assert not leans_back("Drugs such as synthetic agent X reduced the test outcome.")
    assert not leans_back("The dose was titrated such that the synthetic target was reached.")
    assert not leans_back("Patients with such a synthetic risk profile were excluded from the test.")
    # one of two named before, or a second of a thing ("The latter had ...", "A separate model indicated
    # ...": PubMedQA results sentences; tune23)
    assert leans_back("The latter had higher male preponderance, more frequent onset with arthritis.")
    assert leans_back("A separate model indicated that the timing of medication was not associated with it.")
    assert not leans_back("The coefficients were 0.2 and 0.08 (synthetic), the latter being slightly higher.")
    # "former" as "ex-", and "a separate" inside a sentence, name no earlier thing (review of the change;
    # BioASQ snippet 17880814's sentence, synthetic ones)
    assert not leans_back(
        "Allgrove 's syndrome , is considered to be a separate condition , characterized by x."
    )
    assert not leans_back("Among the former smokers, the synthetic risk fell.")
    # "such" that names a word of its own sentence points inside it
    assert not leans_back("Drug X raised synthetic signals and the test detected such signals early.")


def test_a_sentence_stored_twice_takes_its_headings_role(monkeypatch: pytest.MonkeyPatch) -> None:
    """BioASQ snippet record 11830608 holds "BACKGROUND Lung cancer is a frequent cause of death ..." and the
    same sentence without its heading; the bare copy, of no known role, had answered "Does radiotherapy for
    Hodgkin disease increases risk for lung cancer?" with "No" (tune22)."""
    from medcite.compose import pool
    from medcite.text import record_sentences
    from tests.compose.doubles import bioasq_source

    sentences = record_sentences(bioasq_source(0, "11830608"))
    bare = [t for _l, _s, _e, t in sentences if t.startswith("Lung cancer is a frequent cause of death")]
    assert bare
    headed = pool._headed_roles(sentences)
    assert all(pool._role("", t, headed) == "background" for t in bare)
    monkeypatch.setattr(pool, "SAME_SENTENCE_ROLE", False)
    headed = pool._headed_roles(sentences)
    assert all(pool._role("", t, headed) == "unknown" for t in bare)
