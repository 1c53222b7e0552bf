"""Mends of the thirty-seventh session (2026-12-07): the tuning half's yes/no answers that said yes where the
evidence says no (a vector of another family, a treatment's effects named harmful, an outcome that
deteriorated under it, expression confined to some cells), and a reading of 16 tuning-half articles (tune34):
question reading ("Is X found in Y?", initials of possessive names and of names with codes), a source's own
reference numbers quoted, the study's n in two more forms, "How many X?" answered by a count of X, a source
pointing at itself, and one large study graded down as a single one. Real sentences from the shared data
unless marked as a synthetic fixture."""

from __future__ import annotations

import pytest

from medcite.compose.stance import as_voted
from medcite.text.kinds import excluded_qualifier
from medcite.text.qualities import opposite_quality

# BioASQ snippets (ProSavin, aptiganel, enlimomab)
PROSAVIN = (
    "ProSavin, a lentiviral vector based gene therapy that delivers local and continuous dopamine, was "
    "previously shown to be well tolerated in a Phase I/II first-in-human study, with significant "
    "improvements in motor behavior from baseline at 1 year."
)
APTIGANEL = (
    "The larger proportion of patients with favorable outcomes and lower mortality rate in the placebo group "
    "suggest that glutamate blockade with aptiganel may have detrimental effects in an undifferentiated "
    "population of stroke patients."
)
ENLIMOMAB = (
    "The observations provide several possible mechanisms for central nervous system-related clinical "
    "deterioration that occurred when Enlimomab was given in acute ischemic stroke."
)


def test_a_vector_of_another_family_excludes_the_asked_one() -> None:
    q = "Does ProSavin use an adenoviral vector?"
    assert excluded_qualifier(q, PROSAVIN) == ("adenoviral", "lentiviral")
    assert excluded_qualifier("Does ProSavin use a lentiviral vector?", PROSAVIN) is None
    # the reader's lean for yes votes no
    voted, why = as_voted((0.45, 0.01, 0.04), PROSAVIN, q, None)
    assert voted == (0.04, 0.01, 0.45) and "lentiviral" in why


def test_harmful_effects_are_the_opposite_of_effective() -> None:
    q = "Is Aptiganel effective for treatment of stroke?"
    assert opposite_quality(q, APTIGANEL) == ("effective", "detrimental effects")
    # averted or named beside the asked quality: no answer
    synthetic = "Synthetic fixture: X prevented the detrimental effects of ischaemia."
    assert opposite_quality(q, synthetic) is None
    both = "Synthetic fixture: X was effective, without detrimental effects on renal function."
    assert opposite_quality(q, both) is None


def test_deterioration_is_the_opposite_of_improvement() -> None:
    q = "Can Enlimomab improve stroke outcomes?"
    assert opposite_quality(q, ENLIMOMAB) == ("improve", "deterioration")
    for averted in (
        "Synthetic fixture: X slowed the deterioration of renal function.",
        "Synthetic fixture: X protected against worsening of heart failure.",
        "Synthetic fixture: on X, no patient's condition deteriorated.",
    ):
        assert opposite_quality(q, averted) is None, averted
    # a question about worsening itself is not read against it
    assert opposite_quality("Does X improve worsening heart failure?", ENLIMOMAB) is None


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Is Aptiganel effective for treatment of stroke?", APTIGANEL),
        ("Can Enlimomab improve stroke outcomes?", ENLIMOMAB),
    ],
)
def test_the_opposite_votes_no(question: str, text: str) -> None:
    voted, why = as_voted((0.6, 0.1, 0.3), text, question, None)
    assert voted == (0.3, 0.1, 0.6) and why.endswith("read as no")


def test_expression_confined_to_some_cells_is_not_ubiquitous() -> None:
    # a BioASQ snippet
    text = "Protamines are nuclear proteins which are specifically expressed in haploid male germ cells."
    q = "Are protamines ubiquitously expressed?"
    assert opposite_quality(q, text) == ("ubiquitously", "specifically expressed")
    assert opposite_quality(q, "Synthetic fixture: X is not specifically expressed in testis.") is None
    # "ubiquitin" is no quality asked about
    assert opposite_quality("Is the ubiquitin ligase X expressed in brain?", text) is None


def test_a_sources_reference_numbers_are_not_quoted() -> None:
    from medcite.text.statements import readable

    # a BioASQ snippet (G3BP1) and an abstracts_extra record (a drug profile)
    g3bp1 = (
        "Using super-resolution microscopy, we find that the SG component UBAP2L [11, 12] and the core "
        "protein G3BP1 [5, 11-13] occupy different domains inside SGs."
    )
    assert readable(g3bp1) == (
        "Using super-resolution microscopy, the authors find that the SG component UBAP2L and the core "
        "protein G3BP1 occupy different domains inside SGs."
    )
    profile = "Safinamide is under development for epilepsy, pain and stroke [345222], [348351]."
    assert readable(profile) == "Safinamide is under development for epilepsy, pain and stroke."


@pytest.mark.parametrize(
    "figures",
    [
        # figures in brackets stay (abstracts_extra records)
        "ICU length of stay was shorter (3 days [1-5] vs. 6 days [3-11], p = 0.01).",
        "Creatine kinase was higher in them (CK, 91 U [60, 157]; CK-MB, 3 U [2, 5]).",
        "Recovery improved on midazolam (66% [95% CI 53-80] vs 23% [12-35]).",
        "The effect on the subscale was small (F [1, 17] = 4.39, p = 0.051).",
        "The genotypes G1P[8], G2P[4] and G9P[8] circulated all over the world.",
    ],
)
def test_figures_in_brackets_stay(figures: str) -> None:
    from medcite.text.brackets import without_reference_numbers

    assert without_reference_numbers(figures) == figures


def test_patients_and_healthy_people_beside_them_are_the_sample() -> None:
    from medcite.corpus.sample_size import sample_size

    # PubMedQA abstracts (mean platelet volume in PID; CYP2D6 in breast cancer)
    assert sample_size("Overall, 44 patients with PID and 44 healthy women were included in the study.") == 88
    ninety_six = (
        "Ninety-six breast cancer Spanish patients and one hundred healthy female volunteers were genotyped "
        "for the CYP2D6*4 allele using AmpliChip CYP450 Test technology."
    )
    assert sample_size(ninety_six) == 196
    # a third group counted in the same list is not summed as two
    three = (
        "The subjects were 30 patients with first-episode schizophrenia, 12 patients chronically treated "
        "with typical antipsychotics, and 23 healthy comparison subjects."
    )
    assert sample_size(three) is None


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # BioASQ questions: "found" reads as what is asked of the subject, not part of its name
        ("Is G3BP1 found in stress granules?", ["G3BP1", "stress granules"]),
        ("Is erabutoxin b usually found in plants?", ["erabutoxin b", "plants"]),
    ],
)
def test_found_in_reads_as_the_predicate(question: str, names: list[str]) -> None:
    from medcite.compose import analyze_question
    from medcite.compose.naming import concepts

    assert [c.name for c in concepts(analyze_question(question))] == names


@pytest.mark.parametrize(
    ("question", "concept", "initials", "not_initials"),
    [
        ("Is Semagacestat effective for Alzheimer's disease?", "Alzheimer's disease", "AD", "ASD"),
        ("Is isradipine effective for Parkinson's disease?", "Parkinson's disease", "PD", "PSD"),
        ("Is atenolol metabolized by CYP2D6?", "CYP2D6", None, "CD"),
        ("Is g-H2AX a marker for double strand breaks?", "g-H2AX", None, "GH"),
    ],
)
def test_initials_skip_a_possessive_and_names_with_codes(
    question: str, concept: str, initials: str | None, not_initials: str
) -> None:
    from medcite.compose import analyze_question
    from medcite.compose.naming import concepts

    c = next(c for c in concepts(analyze_question(question)) if c.name == concept)
    assert not_initials not in c.abbrevs  # "ASD" is autism spectrum disorder, "CD" Crohn's disease
    if initials is not None:
        assert initials in c.abbrevs


def test_the_arms_denominators_are_the_sample() -> None:
    from medcite.corpus.sample_size import sample_size

    # a BioASQ snippet record (eflornithine plus sulindac in familial adenomatous polyposis)
    arms = (
        "Disease progression occurred in 18 of 56 patients (32%) in the eflornithine-sulindac group, "
        "22 of 58 (38%) in the sulindac group, and 23 of 57 (40%) in the eflornithine group, with a hazard "
        "ratio of 0.71 (95% confidence interval [CI], 0.39 to 1.32) for eflornithine-sulindac as compared "
        "with sulindac (P = 0.29)."
    )
    assert sample_size(arms) == 56 + 58 + 57
    # one arm's share alone is no sample
    assert sample_size("Synthetic fixture: it occurred in 18 of 56 patients (32%) in the X group.") is None


def test_a_source_pointing_at_itself_is_not_quoted_so() -> None:
    from medcite.text.statements import readable

    # a BioASQ snippet's opening (tune34), and a lead that is the authors' own judgement, which stays
    lead = "As discussed in the review, long noncoding RNAs are more than 200 nucleotides in length."
    assert readable(lead) == "Long noncoding RNAs are more than 200 nucleotides in length."
    assert readable("Synthetic fixture: As expected, X was higher.") is not None
    assert readable("As expected, the dose of X was 5 mg.") == "As expected, the dose of X was 5 mg."


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        # BioASQ factoid questions
        ("How many doses of vaxchora are required?", "dose"),
        ("How many annotated conserved human lncRNAs come from ancestral protein-coding genes?", "lncrna"),
        ("How many copies of TP53 does the elephant genome contain?", "copy"),
        ("When was vivotif first licenced in Europe?", None),
    ],
)
def test_the_noun_a_how_many_question_counts(question: str, noun: str | None) -> None:
    from medcite.compose.asking import counted_noun

    assert counted_noun(question) == noun


def test_a_count_of_the_asked_noun() -> None:
    from medcite.compose.asking import states_count, states_date

    # BioASQ snippets
    yeast = (
        "The genome of the budding yeast contains 50% of protein-coding genes that are paralogs, including "
        "457 pairs of duplicated genes coming probably from an ancient whole genome duplication."
    )
    assert states_count(yeast, "gene")
    assert states_count("Vaxchora, the reformulated, single-dose oral CVD 103-HgR cholera vaccine", "dose")
    mapping = "The two genomes are related by a 1:2 mapping, each region of K. waltii matching two"
    assert not states_count(mapping, "gene")
    assert not states_count("Synthetic fixture: in 2016 the genes were sequenced.", "gene")  # a year
    # the date reader beside it is unchanged
    assert states_date("The vaccine was first licensed in Europe in 1983 and in the US in 1989.")


def test_one_large_study_is_not_graded_down_as_a_single_study(monkeypatch: pytest.MonkeyPatch) -> None:
    from medcite.compose import certainty
    from tests.compose.doubles import bioasq_records

    source = bioasq_records({"32905675"})[0]  # the eflornithine plus sulindac trial
    for n, down in ((400, True), (36_492, False)):
        monkeypatch.setattr(certainty, "study_n", lambda s, n=n: n)
        reasons = certainty.grade([source]).reasons
        assert ("imprecision: a single study" in reasons) is down, (n, reasons)


def test_a_question_about_no_treatment_lacks_no_dosing() -> None:
    from medcite.compose import analyze_question
    from medcite.compose.notes import OMITTED, gap_notes

    def omitted(question: str) -> str:
        notes = gap_notes(analyze_question(question), ["efficacy"], [], [])
        return next(n for n in notes if n.startswith(OMITTED))

    # a PubMedQA question (tune34), a treatment question beside it
    diagnostic = omitted("Is mean platelet volume a predictor for diagnosing pelvic inflammatory disease?")
    assert "Dosing" not in diagnostic and "Treatment Protocol" not in diagnostic
    assert "Dosing" in omitted("Is oral clonidine effective in paediatric adenotonsillectomy?")
    assert "Dosing" in omitted("What is the role of clonidine in paediatric adenotonsillectomy?")
