"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, second draws): a review's
scope and a trial's design read as findings, a label glued to the previous sentence, a dangling subject, a
capital after a prefix, a conceded clause read as the finding, a sibling term passing for the question's,
and a title-question read as one long intervention. Real sentences of the shared data."""

from __future__ import annotations

import json

import pytest

from medcite.compose import stance
from medcite.compose.candidates import lower_first
from medcite.compose.naming import concepts
from medcite.compose.question import analyze_question
from medcite.compose.stance import StanceInput, contrary, derive_stance, null_ratio, null_read, reader_votes
from medcite.text import finding_polarity, record_sentences, role_of, split_sentences
from medcite.text.actions import opposite_action
from medcite.text.kinds import excluded_qualifier
from medcite.text.research_calls import asks_for_research
from medcite.text.statements import readable
from tests.compose.doubles import DATA_DIR, bioasq_source, load_pubmedqa


def split_text(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def _sentence(sentences: list[tuple[str, int, int, str]], start: str) -> tuple[str, str]:
    """(label, text) of the sentence that starts with ``start``."""
    return next((label, text) for label, _s, _e, text in sentences if text.startswith(start))


def test_a_label_glued_to_a_sentence_end_starts_a_section() -> None:
    # BioASQ snippet corpus, PMID 27501293 (468 such glued labels in the shared corpora: "itor.METHODS:")
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        text = next(
            s
            for line in fh
            for s in json.loads(line)["abstract_snippets"]
            if "pharmacology.EXPERT OPINION:" in s
        )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    glued = next(s for s in sentences if s.startswith("EXPERT OPINION: Although ibudilast"))
    assert sentences[sentences.index(glued) - 1].endswith("as well as its pharmacology.")
    assert role_of("EXPERT OPINION", glued) == "conclusions"


@pytest.mark.parametrize(
    "sentence",
    [
        # PMID 27521810 (BioASQ snippet corpus)
        "SPRINT-MS is designed to evaluate the safety and efficacy of ibudilast in progressive MS.",
        # PMID 27501293 (BioASQ snippet corpus)
        "This article reviews various studies looking at ibudilast as a potential therapy for MS.",
        "It summarizes prior and current clinical trials of ibudilast in MS as well as its pharmacology.",
        # the SFTS tick survey of the factoid answer (BioASQ snippet corpus)
        "A survey of reptile-associated ticks and their infection status with severe fever with "
        "thrombocytopenia syndrome (SFTS) virus was conducted to determine the relative abundance and "
        "distribution among lizards, skinks, and snakes in the Republic of Korea (ROK).",
    ],
)
def test_a_design_or_a_scope_is_a_methods_sentence(sentence: str) -> None:
    assert role_of("", sentence) == "methods"


def test_a_passive_review_verb_inside_a_finding_is_no_scope() -> None:
    assert role_of("", "Patients whose charts are reviewed by a pharmacist had fewer errors.") != "methods"
    assert role_of("", "Current treatments are discussed.") == "methods"


def test_a_dangling_subject_is_no_statement_but_a_studys_own_cases_are() -> None:
    qa = load_pubmedqa()
    their = next(t for _l, _s, _e, t in record_sentences(qa["18607272"]) if t.startswith("Their parents"))
    assert readable(their) is None
    assert readable("This could result in decreased migraine burden by reducing total duration.") is None
    assert readable("These four cases may belong to a variant form of HAM/TSP.") is not None
    assert readable("This is the first randomised trial to show a benefit of early surgery.") is not None


def test_the_article_a_follows_a_prefix_in_lower_case() -> None:
    # PMID 18005142: "A separate model indicated that the timing of medication was not associated ..."
    text = next(
        t
        for _l, _s, _e, t in record_sentences(load_pubmedqa()["18005142"])
        if t.startswith("A separate model")
    )
    assert lower_first(text).startswith("a separate model")


def test_a_conceded_clause_is_not_the_finding() -> None:
    # PMID 27501293: supportive, though it opens with what ibudilast did not do
    sentences = record_sentences(bioasq_source(1, "27501293"))
    _label, text = _sentence(sentences, "Although ibudilast has not been found")
    assert finding_polarity(text) == "positive"  # "... it was shown to have an effect on preserving ..."
    assert finding_polarity("Although X reduced pain, it did not improve function.") == "negative"
    # a main clause with no cue leaves the conceded finding to decide
    assert (
        finding_polarity("Although statins did not reduce mortality, this study has limitations.")
        == "negative"
    )


def test_a_hyphenated_modifier_is_named_whole() -> None:
    (rna,) = concepts(analyze_question("What is small-activating RNA?"))[:1]
    assert rna.found_in("Small activating RNA (saRNA) triggers gene activation at promoters.")
    assert not rna.found_in("Small interfering RNA therapeutics such as givosiran silence their targets.")


def test_a_procedure_around_which_a_test_is_done_is_a_concept_of_its_own() -> None:
    a = analyze_question(
        "Assessment of carotid artery stenosis before coronary artery bypass surgery. Is it always necessary?"
    )
    assert a.intervention == "Assessment of carotid artery stenosis"
    assert a.condition == "coronary artery bypass surgery"


def test_a_studys_limits_and_a_call_for_analysis_are_no_findings() -> None:
    # PubMedQA 11340218 (even half), its two conclusions
    qa = load_pubmedqa()["11340218"].record.text
    power = next(s for s in split_text(qa) if s.startswith("The statistical power of this case-referent"))
    trend = next(s for s in split_text(qa) if "interesting enough to warrant" in s)
    assert asks_for_research(power) and asks_for_research(trend)
    assert not asks_for_research("The statistical power was low, but mortality was significantly lower.")


def test_effect_ratios_whose_intervals_span_one_read_as_no_difference() -> None:
    # PubMedQA 11340218: "Does pretreatment with statins improve clinical outcome after stroke?" (gold no)
    qa = load_pubmedqa()["11340218"].record.text
    unadjusted = next(s for s in split_text(qa) if s.startswith("The unadjusted odds ratio"))
    assert null_ratio(unadjusted)
    assert not null_ratio("Teeth grinding (odds ratio (OR) 2.0, 95% CI 1.3-3.0) was associated with pain.")
    # an excess relative risk's null is 0 (BioASQ snippet corpus, "Does head CT increase brain tumor risk?")
    assert not null_ratio(
        "Excess relative risk of new brain tumor averaged 1.29 (95% confidence interval, 0.66-1.93) for "
        "pediatric patients exposed to one or more head CTs."
    )
    item = StanceInput(unadjusted, "results", 0, 1.0, read=(0.9, 0.05, 0.05))
    q = "Does pretreatment with statins improve clinical outcome after stroke?"
    (yes, no, _maybe), _used = reader_votes([item], q)
    assert no > yes
    (yes, no, _maybe), _used = reader_votes([item], "Is pretreatment with statins safe?")
    assert yes > no  # not a question about an effect: the reader's reading stands
    (yes, no, _maybe), _used = reader_votes([item], "Does pretreatment with statins not improve outcome?")
    assert yes > no  # a negated question: no difference answers yes
    for q in ("Is there no difference in outcome with statins?", "Is drug X non-inferior to drug Y?"):
        assert null_read(q) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # a bound of 1.00 and a p value under 0.05
        "Mortality was lower with carvedilol (hazard ratio 0.77, 95% CI 0.60-1.00, p=0.047).",
        "Odds ratio 1.3 (95% CI 0.9-1.9) for X; the effect on Y was significant.",  # significance claimed
        "Risk was higher in the exposed (OR = 1,13; 95% CI 1,01-1,27).",  # decimal commas
        "Heart rate (HR 72, 95% CI 60-80 beats per minute) did not change.",  # a heart rate
    ],
)
def test_a_significant_or_unreadable_ratio_is_not_read_as_null(sentence: str) -> None:
    assert not null_ratio(sentence)


def test_capitalised_ratio_words_are_read() -> None:
    assert null_ratio("Odds ratio 1.2 (95% CI 0.8 to 1.9), not significant.")


def test_a_snippet_cut_mid_sentence_is_no_statement() -> None:
    """BioASQ snippet record (held-out reading, article 10): ", for the most part, ohnologs tend to appear
    remarkably similar to non-ohnologs ..." opened with the comma of a sentence cut before it, and the answer
    "Yes" quoted it though it says the opposite of the sentence it was cut from."""
    cut = (
        ", for the most part, ohnologs tend to appear remarkably similar to non-ohnologs in their structural "
        "attributes (specifically the relative composition frequencies of complete, partial and chimeric "
        "duplicates)."
    )
    assert readable(cut) is None
    assert readable(cut.lstrip(", ").capitalize()) is not None


def test_no_trial_is_said_missing_where_the_designs_are_not_stated() -> None:
    """BioASQ 7B-9B yes/no (even half, read): "Is inositol effective for trichotillomania?" cited a snippet of
    a placebo-controlled trial ("Patients assigned to inositol failed to show ... compared with placebo")
    whose stored text does not name its design, and the gaps said "No randomised controlled trial ... was
    found". The note now says what is known: no source is identified as one."""
    from medcite.compose.notes import gap_notes
    from medcite.corpus.classify import design_stated

    a = analyze_question("Is inositol effective for trichotillomania?")
    trial = bioasq_source(1, "27824633")
    assert not design_stated(trial)
    notes = gap_notes(a, ["efficacy"], [trial], [])
    assert not any(n.startswith("No randomised controlled trial") for n in notes)
    assert (
        "No cited source is identified as a randomised controlled trial, systematic review or guideline "
        in (" ".join(notes))
    )
    assert "(1 of 1 does not state its design)" in " ".join(notes)
    stated = load_pubmedqa()["24827404"]  # indexed as an observational study (MeSH)
    assert design_stated(stated)
    assert any(
        n.startswith("No randomised controlled trial") for n in gap_notes(a, ["efficacy"], [stated], [])
    )


def _snippet(pmid: str, start: str) -> str:
    """The sentence of a BioASQ snippet-corpus record that starts with ``start``."""
    text = bioasq_source(1, pmid).record.text
    return next(s for s in split_text(text) if s.startswith(start))


def test_a_qualifier_named_only_in_an_excluding_form_reads_as_no() -> None:
    # real sentences of the shared data (BioASQ snippet corpus; PubMedQA 24074624's conclusion), each read
    # yes by the stance reader; each question's gold answer is no
    pines = _snippet("30359302", "Here, we introduce the computational framework PINES")
    clostridium = _snippet("31076745", "Clostridium is a large genus of obligate anaerobes")
    transfusion = load_pubmedqa()["24074624"].record.sections[-1].text
    cases = [
        ("Is the PINES framework being used for the prediction of coding variants?", pines),
        ("Are bacteria in the genus Clostridium facultative anaerobes?", clostridium),
        (
            "Is intensive monitoring during the first transfusion in pediatric patients necessary?",
            transfusion,
        ),
    ]
    expected = [("coding", "noncoding"), ("facultative", "obligate"), ("necessary", "unnecessary")]
    for (q, sentence), pair in zip(cases, expected, strict=True):
        assert excluded_qualifier(q, sentence) == pair
        item = StanceInput(sentence, "conclusions", 0, 1.0, read=(0.95, 0.03, 0.02))
        (yes, no, _maybe), _used = reader_votes([item], q)
        assert no > yes
        assert derive_stance(q, [item]).stance == "no"
    # a negated question: the excluding form answers yes
    q = "Is the PINES framework not used for the prediction of coding variants?"
    item = StanceInput(pines, "conclusions", 0, 1.0, read=(0.2, 0.1, 0.7))
    assert derive_stance(q, [item]).stance == "yes"
    # a sentence the reader already read as no stays no; one it read as no answer keeps its weight there
    q, read = cases[2][0], (0.05, 0.05, 0.9)
    (yes, no, _maybe), _used = reader_votes([StanceInput(transfusion, "conclusions", 0, 1.0, read=read)], q)
    assert no > yes
    q, read = cases[0][0], (0.15, 0.8, 0.05)
    (yes, no, maybe), _used = reader_votes([StanceInput(pines, "conclusions", 0, 1.0, read=read)], q)
    assert maybe > no > yes
    assert "noncoding" in " ".join(
        derive_stance(q, [StanceInput(pines, "results", 0, 1.0, read=read)]).reasons
    )


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # the asked form is named too ("non-coding and coding variants")
        ("Are coding variants pathogenic?", "Both non-coding and coding variants were pathogenic."),
        # the question names both forms itself
        ("Is invasive ventilation better than noninvasive ventilation?", "Noninvasive ventilation helped."),
        # the negated form asked, the plain form said ("unlike typical antipsychotics"): not an exclusion
        ("Is pimavanserin an atypical antipsychotic?", "Unlike typical antipsychotics, it spares D2."),
        # "human" against "murine" is another population outside a kind question
        ("Is the antibody effective in human tumours?", "The antibody was effective in murine tumours."),
        # a short stem is no qualifier ("safe" / "unsafe" stays with the reader)
        ("Is the drug safe in pregnancy?", "The drug is unsafe in pregnancy."),
        # a name is not a qualifier ("IL-6" / "IL-17")
        ("Is IL-6 raised in sepsis?", "IL-17 is raised in sepsis."),
        # words that only look prefixed (the review of this rule), and another thing qualified
        (
            "Is mortality dependent on age in sepsis?",
            "Age was an independent predictor of mortality in sepsis.",
        ),
        ("Is aspirin effective in patients with atrial fibrillation?", "Aspirin helped inpatients with it."),
        ("Does melatonin improve sleep in ICU patients?", "Patients receiving melatonin fell asleep faster."),
        ("Is coeliac disease screening in risk groups justified?", "Rates were as in non-coeliac subjects."),
        ("Do probiotics prevent diarrhoea?", "Children who received antibiotics had diarrhoea."),
        ("Is amiodarone proarrhythmic?", "Amiodarone, an antiarrhythmic drug, caused torsades."),
        (
            "Is the microbiome of the human gut linked to mood?",
            "In nonhuman primates the gut microbiome did.",
        ),
    ],
)
def test_no_exclusion_where_the_asked_form_is_there_or_no_qualifier_is_reversed(
    question: str, sentence: str
) -> None:
    assert excluded_qualifier(question, sentence) is None


def test_a_contrary_read_is_a_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    q = "Are bacteria in the genus Clostridium facultative anaerobes?"
    item = StanceInput(
        _snippet("31076745", "Clostridium is a large"), "results", 0, 1.0, read=(0.9, 0.05, 0.05)
    )
    (yes, no, _maybe), _used = reader_votes([item], q)
    assert no > yes
    monkeypatch.setattr(stance, "CONTRARY_SWAP", False)
    (yes, no, _maybe), _used = reader_votes([item], q)
    assert yes > no


def test_the_opposite_action_on_the_asked_object_reads_as_no() -> None:
    # real snippet-corpus sentences (BioASQ), each read yes by the stance reader; both questions' gold is no
    esn = _snippet("26653113", "Oral administration of the NK3R antagonist, ESN364, suppressed")
    q = "Does ESN364 activate the hypothalamic-pituitary-gonadal axis?"
    assert opposite_action(q, esn) == "hypothalamic-pituitary-gonadal axis"
    assert contrary(q, esn) is not None
    item = StanceInput(esn, "conclusions", 0, 1.0, read=(0.84, 0.01, 0.15))
    assert derive_stance(q, [item]).stance == "no"


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Does X reduce mortality?", "X increased survival."),  # another object
        ("Does X increase the risk of diabetes?", "X reduced the risk of stroke."),  # another outcome
        (
            "Does X increase the risk of diabetes?",
            "X increased the risk of diabetes, then reduced the risk of diabetes.",
        ),
        ("Does X increase or decrease Y levels?", "X decreased Y levels."),  # both actions asked
        ("Do hospitals provide lower quality care on weekends?", "Weekend care raises quality concerns."),
        ("Does X4 increase the risk of diabetes?", "X4 did not reduce the risk of diabetes."),  # negated
        (
            "Can midostaurin inhibit angiogenesis?",
            "Hallmarks of cancer include inducing angiogenesis.",
        ),  # subject
        ("Does TP53 promote apoptosis?", "Knockdown of TP53 reduced apoptosis."),  # a loss of function
        ("Does ABC1 inhibit ejection fraction?", "ABC1 mice had reduced ejection fraction."),  # an adjective
    ],
)
def test_no_opposite_action_on_another_object_or_with_the_asked_one(question: str, sentence: str) -> None:
    # synthetic test fixtures (not evidence): the wording alone is under test
    assert opposite_action(question, sentence) is None


def test_a_paper_pointing_lead_without_a_comma_leaves_the_finding() -> None:
    # real snippet-corpus sentences (BioASQ): "Here we show that ..." had no comma for the frame to go
    alpha = _snippet("28923922", "Here we show that")
    assert readable(alpha) == alpha.removeprefix("Here we show that ")  # "\u03b1-Syn" keeps its case
    umbrella = _snippet("29899448", "Here we show that a melanocyte umbrella")
    out = readable(umbrella)
    assert out is not None and out.startswith("A melanocyte umbrella above the kidney marrow protects")
    # synthetic wording (not evidence): other paper-pointing leads, the plural study noun, and what stays
    assert readable("Herein we demonstrate that X lowers Y.") == "X lowers Y."
    assert readable("In this study we show that X lowers Y.") == "X lowers Y."
    assert readable("Here we found no difference in Y.") == "There was no difference in Y."
    assert readable("Our studies reveal that X lowers Y.") == "X lowers Y."
    assert readable("Here we believe that X lowers Y.") is None  # an opinion keeps its authors
    assert readable("Here we show X.") is None  # no claim to leave without the frame


# real sentences of the BioASQ snippet corpus (tuning-half articles of a reading): a trial's design paper
# (PMID 27521810) quoted in a bottom line with "high" certainty, and two reviews saying how they are built
# (PMIDs 26163814 and 22258511)
PROTOCOL = (
    "SPRINT-MS is designed to evaluate the safety and efficacy of ibudilast as a treatment for PMS while "
    "simultaneously validating five different imaging biomarkers as outcome metrics for use in future "
    "phase II proof-of-concept PMS trials."
)
ISSUE = (
    "This special issue concludes with a conceptual framework for linking obesity and diabetes with "
    "accelerated cognitive decline as related to the aging process."
)
CULMINATES = (
    "The review culminates in a preliminary model of obesity-related cognitive dysfunction and suggestions "
    "for future research, including the potential reversibility of these changes with weight-loss."
)


# a review's plan, in a tuning-half answer to "What is the mode of action of filgotinib?" (BioASQ snippet
# corpus), quoted in its bottom line
FOCUS = (
    "The review will focus on SM drugs approved and under development, including JAK inhibitors "
    "(tofacitinib, filgotinib, upadacitinib, peficitinib) and S1PR agonists (KRP-203, fingolimod, ozanimod, "
    "etrasimod, amiselimod), and their mechanism of action."
)


@pytest.mark.parametrize("sentence", [PROTOCOL, ISSUE, CULMINATES, FOCUS])
def test_a_trials_design_and_a_reviews_plan_are_no_findings(sentence: str) -> None:
    assert asks_for_research(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # findings said beside a design or protocol phrase (synthetic fixtures, not evidence)
        "The study was designed to evaluate pain, and found that drug alpha reduced it (synthetic fixture).",
        "Synthetic fixture: the trial was designed to assess safety; drug alpha reduced pain by half.",
        "Synthetic fixture: drug alpha reduced mortality, and the trial will continue to follow patients.",
        "Synthetic fixture: the review will show that drug alpha was associated with fewer falls.",
    ],
)
def test_a_finding_stays_a_finding_beside_design_words(sentence: str) -> None:
    assert not asks_for_research(sentence)


def test_the_study_is_not_named_twice_after_a_prefix() -> None:
    """A tuning-half article quoted "In a study of fifteen patients, in the study only six genes ..." (the
    conclusion's "In this study" read as "In the study", then prefixed)."""
    from medcite.compose.candidates import Prefix, prefixed
    from medcite.text.statements import readable

    said = readable(
        "In conclusion, in this study only six genes showed a quantitative homogeneous expression."
    )
    assert said == "In the study only six genes showed a quantitative homogeneous expression."
    prefix = Prefix("In a study of fifteen patients, ", "fifteen")
    text, core, _used = prefixed(prefix, said)
    assert (
        text == "In a study of fifteen patients, only six genes showed a quantitative homogeneous expression."
    )
    assert core == "Only six genes showed a quantitative homogeneous expression."  # the core the text holds
    # without a prefix, the study is one study (BioASQ snippet record of the GAIN Americas trial, a
    # tuning-half article: "In the study, gavestinel administered up to 6 hours ..."); a sentence that opens
    # otherwise stays
    one = "In one study only six genes showed a quantitative homogeneous expression."
    assert prefixed(Prefix(""), said.replace("study ", "study, "))[0] == one.replace("study ", "study, ")
    assert prefixed(Prefix(""), said)[:2] == (said, said)  # no comma: "In the study group ..." may follow
    group = "In the study group, mortality was lower than in controls (synthetic)."
    assert prefixed(Prefix(""), group)[0] == group
    other = "In the elderly, only six genes showed a quantitative homogeneous expression."
    assert prefixed(prefix, other)[1] == other


def test_what_the_authors_made_answers_a_question_about_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Describe SLIC-CAGE" (BioASQ 7B-9B summary) had no answer: its record's only sentence that says what
    SLIC-CAGE is ("Here, we present SLIC-CAGE, a Super-Low Input Carrier-CAGE approach ...") reads as
    methods. As the authors' presentation of a named thing, it is a finding of a question for that thing."""
    from medcite.compose import draft
    from medcite.compose.candidates import Candidate
    from medcite.text.statements import presents_made
    from tests.compose.doubles import bioasq_source

    src = bioasq_source(1, "30404778")
    text = src.record.text
    start = text.index("Here, we present SLIC-CAGE")
    end = text.index(".", text.index("total RNA", start)) + 1
    sentence = text[start:end]
    assert role_of("", sentence) == "methods" and presents_made(sentence)
    assert not presents_made("Here, we present a new method to map transcription start sites.")
    cand = Candidate(src, sentence, start, end, "", "methods", 1, 1.0, 0.5, True, fit=0.99)
    a = analyze_question("Describe SLIC-CAGE")
    quoted = [d.text for d in draft.extractive_drafts(a, [cand]) if d.section == "findings"]
    assert quoted and quoted[0].startswith("The authors present SLIC-CAGE, a Super-Low Input Carrier-CAGE")
    # "Describe SLIC-CAGE" also asks what it is, and "we present SLIC-CAGE, a ..." says so
    # (compose.defining): with both off, the methods sentence is no finding
    from medcite.compose import defining

    monkeypatch.setattr(draft, "ENTITY_INTRODUCED", False)
    assert [d for d in draft.extractive_drafts(a, [cand]) if d.section == "findings"]
    monkeypatch.setattr(defining, "DEFINING", False)
    defining.subject_defined.cache_clear()
    assert not [d for d in draft.extractive_drafts(a, [cand]) if d.section == "findings"]
    defining.subject_defined.cache_clear()


def test_the_people_are_named_once_when_the_sentence_opens_with_them() -> None:
    """ "In an observational study of 114 trauma patients, trauma patients have ..." reads "In an
    observational study (n = 114), trauma patients have ...": the count stays (pinned), the people go."""
    from medcite.compose.candidates import Prefix, prefixed
    from medcite.domain import Design

    prefix = Prefix(
        "In an observational study of 114 trauma patients, ", "114", 40, 43, None, "114 trauma patients", 40,
        Design.OBSERVATIONAL,
    )  # fmt: skip
    text, core, used = prefixed(prefix, "Trauma patients have a significant complication rate.")
    assert (
        text == "In an observational study (n = 114), trauma patients have a significant complication rate."
    )
    assert core == "Trauma patients have a significant complication rate."
    assert (used.n_value, used.n_start, used.n_end, used.phrase_start) == ("114", 40, 43, -1)
    # a sentence about something else keeps the people in the prefix
    other, _core, kept = prefixed(prefix, "Complications were more common with warfarin.")
    assert other.startswith("In an observational study of 114 trauma patients, ") and kept == prefix


def test_the_opposite_of_an_asked_quality_reads_as_no(monkeypatch: pytest.MonkeyPatch) -> None:
    """PubMedQA 18375490 ("Are laboratories reporting serum quantitative hCG results correctly?", gold no;
    a tuning-half reading, 2026-12-06): its result, quoted as "There were errors in participant reporting
    ...", was read as a yes. Naming the opposite of the asked quality ("errors in" for "correctly") votes no,
    unless the opposite is negated or avoided, or the asked quality is named too."""
    from medcite.text.qualities import opposite_quality

    q = "Are laboratories reporting serum quantitative hCG results correctly?"
    result = (
        "There were errors in participant reporting of intact hCG results as total beta hCG (9.3%; 22 of 235 "
        "laboratories) and total beta hCG as intact hCG (13.1%; 8 of 61 laboratories)."
    )
    assert opposite_quality(q, result) == ("correctly", "errors in")
    item = StanceInput(result, "results", 0, 1.0, read=(0.7, 0.2, 0.1))
    assert derive_stance(q, [item]).stance == "no"
    monkeypatch.setattr(stance, "OPPOSITE_QUALITY", False)
    assert derive_stance(q, [item]).stance == "yes"
    necessary = "Is routine dissection of the station 9 lymph nodes really necessary?"
    assert opposite_quality(necessary, "Sparing it avoids unnecessary dissections.") is None  # avoided
    assert opposite_quality("Is X safe?", "X was not unsafe.") is None  # negated
    assert opposite_quality("Is X safe?", "X was safe; Y was unsafe.") is None  # the asked one named too
    assert opposite_quality("Is unsafe sexual behaviour increasing?", "Unsafe sex rose.") is None
