from __future__ import annotations

import pytest

from medcite.compose import QuestionType, ThreadContext, analyze_question, follow_up, plan_queries, shapes
from medcite.errors import InputError


@pytest.mark.parametrize(
    ("question", "qtype", "intervention", "condition"),
    [
        ("What is the role of ketamine in treating anxiety?", QuestionType.THERAPY, "ketamine", "anxiety"),
        # BioASQ 7B-9B (even half, tune23): "as androgen deprivation" had been read, and no source named it
        (
            "Can leuprorelin acetate be used as androgen deprivation therapy?",
            QuestionType.YES_NO,
            "leuprorelin acetate",
            "androgen deprivation",
        ),
        # ... but the abbreviation AS (ankylosing spondylitis) is a concept (review of the change)
        ("Does exercise improve function in AS patients?", QuestionType.YES_NO, "exercise", "AS"),
        ("What is the dose of IV ketamine for TRD?", QuestionType.DOSING, "IV ketamine", "TRD"),
        ("What are the side effects of esketamine?", QuestionType.ADVERSE, "esketamine", None),
        ("How does lithium work in bipolar disorder?", QuestionType.MECHANISM, "lithium", "bipolar disorder"),
        ("Sertraline versus escitalopram for GAD", QuestionType.COMPARISON, "Sertraline", "GAD"),
        (
            "Does metformin reduce mortality in heart failure?",
            QuestionType.YES_NO,
            "metformin",
            "heart failure",
        ),
    ],
)
def test_question_type_and_pico(
    question: str, qtype: QuestionType, intervention: str, condition: str | None
) -> None:
    a = analyze_question(question)
    assert a.qtype is qtype
    assert a.intervention == intervention
    assert a.condition == condition


def test_yes_no_keeps_focus_and_outcome() -> None:
    a = analyze_question("Does metformin reduce mortality in heart failure?")
    assert a.yes_no and a.focus is QuestionType.THERAPY
    assert a.outcome == "mortality"
    b = analyze_question("Double balloon enteroscopy: is it efficacious and safe in a community setting?")
    assert b.yes_no


def test_abbreviations_are_expanded_into_queries() -> None:
    a = analyze_question("What is the dose of IV ketamine for TRD?")
    assert ("TRD", "treatment-resistant depression") in a.expansions
    assert ("IV", "intravenous") in a.expansions
    queries = " ".join(q.query for q in plan_queries(a))
    assert "treatment-resistant depression" in queries and "intravenous" in queries


def test_plan_is_small_and_covers_sections() -> None:
    plan = plan_queries(analyze_question("What is the role of ketamine in treating anxiety?"))
    assert 4 <= len(plan) <= 6
    sections = {q.section for q in plan}
    assert {"primary", "efficacy", "safety", "dosing"} <= sections
    assert any("ketamine anxiety efficacy randomized" in q.query for q in plan)


def test_population_is_separated() -> None:
    a = analyze_question("Is ketamine safe for adolescents with GAD?")
    assert a.population == "adolescents"
    assert a.intervention == "ketamine" and a.condition == "GAD"
    assert a.focus is QuestionType.ADVERSE


def test_a_count_of_people_is_no_concept() -> None:
    # PubMedQA dev: "in 370 Postmenopausal Women" had left the condition "370", and every source that
    # did not say 370 was set aside as not mentioning it
    a = analyze_question(
        "Are Biochemical Markers of Bone Turnover Representative of Bone Histomorphometry in 370 "
        "Postmenopausal Women?"
    )
    assert a.population == "postmenopausal women"
    # "X representative of Y": the second concept is Y, without the people or their count
    assert (a.intervention, a.condition) == ("Biochemical Markers of Bone Turnover", "Bone Histomorphometry")
    a = analyze_question("Is serum ferritin indicative of iron deficiency in 120 children?")
    assert (a.intervention, a.condition, a.population) == ("serum ferritin", "iron deficiency", "children")


@pytest.mark.parametrize(
    ("question", "concept"),
    [
        # BioASQ 7B-9B questions: the clause had been read as the concept ("evaluated with the SAD PERSONS
        # scale"), and a source naming the scale did not count as naming it
        ("What is evaluated with the SAD PERSONS scale?", "SAD PERSONS scale"),
        ("What is targeted by Pexidartinib?", "Pexidartinib"),
        ("What is caused by de novo sox6 variants?", "de novo sox6 variants"),
        ("What is known about the orphan receptor GPR151?", "orphan receptor GPR151"),
    ],
)
def test_what_is_done_by_x_reads_x(question: str, concept: str) -> None:
    assert analyze_question(question).intervention == concept


@pytest.mark.parametrize(
    ("question", "concept", "before"),
    [
        # BioASQ 7B-9B and MedicationQA questions: the attribute asked for had been read into the concept, so
        # that a source naming Eligard did not name "active ingredient of Eligard", and an article on another
        # drug's "active ingredients" did
        ("What is the active ingredient of Eligard?", "Eligard", "active ingredient of Eligard"),
        ("What is the trade name of sildenafil?", "sildenafil", "trade name of sildenafil"),
        ("what is the maximum dose of pregabalin", "pregabalin", "maximum dose of pregabalin"),
        (
            "What is the chromosomal location of the LDL receptor gene?",
            "LDL receptor gene",
            "chromosomal location of the LDL receptor gene",
        ),
    ],
)
def test_the_attribute_of_x_reads_x(
    question: str, concept: str, before: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert analyze_question(question).intervention == concept
    monkeypatch.setattr(shapes, "COMMON_FRAMES", False)
    assert analyze_question(question).intervention == before


@pytest.mark.parametrize(
    "question",
    [
        "What is cluster of differentiation?",  # no article: a term of its own, no frame
        "Does route of delivery affect maternal and perinatal outcome in women with eclampsia?",  # yes/no
    ],
)
def test_a_term_with_of_inside_is_no_frame(question: str) -> None:
    a = analyze_question(question)
    assert "of" in (a.intervention or "").split()


def test_follow_up_merges_context() -> None:
    first = analyze_question("What is the role of ketamine in treating anxiety?")
    ctx = ThreadContext(first.question, first)
    merged = follow_up(ctx, "What about adolescents?")
    assert (merged.intervention, merged.condition, merged.population) == (
        "ketamine",
        "anxiety",
        "adolescents",
    )
    queries = " ".join(q.query for q in plan_queries(merged))
    assert "ketamine" in queries and "anxiety" in queries and "adolescents" in queries
    side = follow_up(ctx, "What about side effects?")
    assert side.focus is QuestionType.ADVERSE and side.intervention == "ketamine"
    other = follow_up(ctx, "And for depression?")
    assert other.condition == "depression" and other.intervention == "ketamine"


def test_follow_up_with_full_question_keeps_missing_parts() -> None:
    first = analyze_question("What is the role of ketamine in treating anxiety?")
    nxt = follow_up(ThreadContext(first.question, first), "Is it safe in older adults?")
    assert nxt.population == "older adults"
    assert nxt.intervention == "ketamine"


@pytest.mark.parametrize("bad", ["", "  ", "???", "x" * 1200])
def test_bad_questions_are_input_errors(bad: str) -> None:
    with pytest.raises(InputError):
        analyze_question(bad)


def test_yes_or_no_suffix_makes_a_yes_no_question() -> None:
    # a BioASQ 7B-9B question written as a statement with "yes or no"
    q = "Anaplasma phagocytophilum is an obligate gram-negative, intracellular bacterium, yes  or no"
    assert analyze_question(q).yes_no


# (question, intervention, condition, outcome)
SHAPES = [
    # risk questions: the exposure after "with/after", the outcome before it (sample article 20 read
    # "seizures with bupropion" as one intervention)
    ("What is the risk of seizures with bupropion?", "bupropion", None, "seizures"),
    (
        "What is the incidence of hypothyroidism after radioiodine therapy?",
        "radioiodine",
        None,
        "hypothyroidism",
    ),
    (
        "What is the risk of hypoglycaemia with insulin glargine in type 2 diabetes?",
        "insulin glargine",
        "type 2 diabetes",
        "hypoglycaemia",
    ),
    (
        "What is the risk of stroke in patients with atrial fibrillation?",
        "stroke",
        "atrial fibrillation",
        None,
    ),
    # "impact" as a verb (PubMedQA dev; the first had no concept at all)
    (
        "Do emergency ultrasound fellowship programs impact emergency medicine residents' ultrasound "
        "education?",
        "emergency ultrasound fellowship programs",
        None,
        "emergency medicine residents' ultrasound education",
    ),
    ("Do statins impact mortality in sepsis?", "statins", "sepsis", "mortality"),
    # the shape (the gene and the drug of BioASQ snippet PMID 31673144)
    (
        "Which VKORC1 genotypes are associated with a need for a lower warfarin dose?",
        "VKORC1",
        None,
        "warfarin dose",
    ),
    # PubMedQA dev and BioASQ 7B-9B questions
    (
        "Is human cytomegalovirus infection associated with hypertension?",
        "human cytomegalovirus infection",
        "hypertension",
        None,
    ),
    ("Is mesothelioma caused by asbestos exposure?", "asbestos exposure", "mesothelioma", None),
    (
        "Does erenumab target the calcitonin gene-related peptide?",
        "erenumab",
        None,
        "calcitonin gene-related peptide",
    ),
    (
        "Is there any relationship between streptococcal infection and multiple sclerosis?",
        "streptococcal infection",
        "multiple sclerosis",
        None,
    ),
    (
        "Recurrent spontaneous abortion and skewed X-inactivation: is there an association?",
        "Recurrent spontaneous abortion",
        "skewed X-inactivation",
        None,
    ),
    (
        "Undescended testes: does age at orchiopexy affect survival of the testis?",
        "age at orchiopexy",
        "Undescended testes",
        "survival of the testis",
    ),
    ("Is there an intrauterine influence on obesity?", "intrauterine", "obesity", None),
    (
        "Biliary atresia: should all patients undergo a portoenterostomy?",
        "portoenterostomy",
        "Biliary atresia",
        None,
    ),
    (
        "Chemoradiotherapy in the management of locally advanced squamous cell carcinoma esophagus: "
        "is surgical resection required?",
        "surgical resection",
        "locally advanced squamous cell carcinoma esophagus",
        None,
    ),
    (
        "What are the effects of 14-3-3 dimers on Tau phosphorylation?",
        "14-3-3 dimers",
        "Tau phosphorylation",
        None,
    ),
    ("Which company developed eptinezumab?", "eptinezumab", None, None),
    ("Which molecule is targeted by Camrelizumab?", "Camrelizumab", None, None),
    # BioASQ 7B-9B (even half) shapes that the reader got wrong
    ("Is pembrolizumab effective against Ewing's sarcoma?", "pembrolizumab", "Ewing's sarcoma", None),
    ("Is AZD5153 active in prostate cancer?", "AZD5153", "prostate cancer", None),
    ("Are astronauts in higher risk for developing cancer?", "astronauts", "cancer", None),
    ("Are smokers at increased risk of stroke?", "smokers", "stroke", None),
    (
        "Has istadefylline been considered as a treatment for Parkinson's disease?",
        "istadefylline",
        "Parkinson's disease",
        None,
    ),
    (
        "As of Feb 2019, are major brain gangliosides a target for the treatment of Alzheimer's disease?",
        "major brain gangliosides",
        "Alzheimer's disease",
        None,
    ),
    (
        "Can PRL3-zumab inhibit PRL3+ cancer cells in vitro and in vivo?",
        "PRL3-zumab",
        "PRL3+ cancer cells",
        None,
    ),
    (
        "Is the enzyme ERAP2 associated with the disease birdshot chorioretinopathy?",
        "ERAP2",
        "birdshot chorioretinopathy",
        None,
    ),
    # the wh-phrase as the object of a verb after "does" (BioASQ 7B-9B questions)
    ("Which receptor does amantadine antagonize?", "amantadine", None, None),
    ("What does gepotidacin do to bacteria?", "gepotidacin", None, "bacteria"),
    (
        "What effect does Methylsulfonylmethane (MSM) have on inflammation?",
        "Methylsulfonylmethane (MSM)",
        None,
        "inflammation",
    ),
    ("Which S1P receptors does fingolimod bind to?", "fingolimod", None, "S1P"),
    ("What disease does BCG immunotherapy used to treat?", "BCG immunotherapy", None, None),
    ("For which disease is sutezolid developed?", "sutezolid", None, None),
    # "interaction" names the kind of answer (BioASQ factoid, even half: "interaction MLP" had been the
    # intervention, and no source names that)
    (
        "Through which protein interaction does MLP regulate F-actin dynamics?",
        "MLP",
        None,
        "F-actin dynamics",
    ),
    # ... and shapes it must leave to the other readers
    ("How much does aspirin reduce stroke risk?", "aspirin", "stroke risk", None),
    ("Which patients do not benefit from statins?", "statins", None, None),
    # the wh-phrase as the subject of a verb of molecular biology: what it acts on is the concept
    (
        "Which gene controls the consistency of cerumen (ear wax)?",
        "consistency of cerumen (ear wax)",
        None,
        None,
    ),
    ("Which enzyme degrades heparan sulfate?", "heparan sulfate", None, None),
    # verbs the clause reader did not know read the whole clause as one concept, or nothing (BioASQ 7B-9B
    # and PubMedQA dev questions)
    ("Can simvastatin alleviate depressive symptoms?", "simvastatin", "depressive symptoms", None),
    ("Do yeast LTR give rise to circular DNA?", "yeast LTR", None, "circular DNA"),
    ("Does AZD3759 cross the blood brain barrier?", "AZD3759", None, "blood brain barrier"),
    ("Has ubrogepant entered clinical phase III trials?", "ubrogepant", None, "clinical phase III trials"),
    (
        "Does spontaneous remission occur in polyarteritis nodosa?",
        "spontaneous remission",
        "polyarteritis nodosa",
        None,
    ),
    # ... but a noun that is also a verb stays a noun ("metformin use", "cytokine release syndrome")
    ("Does metformin use reduce cancer risk?", "metformin use", "cancer risk", None),
    ("Describe a cytokine release syndrome.", "cytokine release syndrome", None, None),
]


@pytest.mark.parametrize(("question", "intervention", "condition", "outcome"), SHAPES)
def test_question_shapes(
    question: str, intervention: str, condition: str | None, outcome: str | None
) -> None:
    a = analyze_question(question)
    assert (a.intervention, a.condition, a.outcome) == (intervention, condition, outcome)


def test_comparison_shapes() -> None:
    a = analyze_question(
        "Is dexamethasone an effective alternative to oral prednisone in the treatment of pediatric asthma "
        "exacerbations?"
    )
    assert (a.intervention, a.comparator, a.condition) == (
        "dexamethasone",
        "oral prednisone",
        "pediatric asthma exacerbations",
    )
    b = analyze_question("Cold knife conization vs. LEEP. Are they the same procedure?")
    assert (b.intervention, b.comparator) == ("Cold knife conization", "LEEP")


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("Which gene controls the consistency of cerumen (ear wax)?", True),
        ("What does the pembrolizumab companion diagnostic test assess?", True),
        ("Which company developed eptinezumab?", True),
        ("How many genes are imprinted in humans?", True),
        ("List the side effects of bupropion.", True),
        ("What is the role of ketamine in treating anxiety?", False),
        ("What are the effects of 14-3-3 dimers on Tau phosphorylation?", False),
        ("What is the evidence for melatonin in insomnia?", False),
        ("Does bupropion help smoking cessation?", False),
        ("Is Baloxavir effective for influenza?", False),
        # a wh-phrase inside the question (BioASQ 7B-9B): a thing is asked for, no yes or no
        ("Cemiplimab is used for treatment of which cancer?", True),
        ("In which tissues is the lincRNA Xist expressed?", True),
        ("Interaction of WDR5 with which gene has a critical role in pancreatic cancer?", True),
        # ... but a question with an auxiliary before it still asks yes or no (PubMedQA)
        ("Metered-dose inhalers. Do health care providers know what to teach?", False),
        # ... nor does an evidence question with its wh-phrase later, or a relative clause
        ("Statins for primary prevention: what is the evidence?", False),
        ("Tamoxifen, which is a SERM, increases the risk of endometrial cancer?", False),
        ("How does metformin compare with what is usually prescribed?", False),
        # "Describe X" asks what a thing is (BioASQ 7B-9B summary questions; the even half's summary ROUGE-2
        # rose 49.9 -> 52.6 with it), not "Describe the role of X in Y"
        ("Describe SLIC-CAGE", True),
        ("Describe the mechanism of action of apalutamide.", True),
        ("Define the exposome.", True),
        ("Describe the role of ketamine in treating anxiety.", False),
        ("Explain the evidence for melatonin in insomnia.", False),
    ],
)
def test_questions_that_ask_for_a_thing(question: str, entity: bool) -> None:
    a = analyze_question(question)
    assert a.asks_entity is entity
    if entity:
        assert not a.yes_no


@pytest.mark.parametrize(
    ("question", "primary"),
    [
        ("Which gene controls the consistency of cerumen (ear wax)?", "findings"),  # BioASQ 7B-9B
        ("What is the 3D genome browser?", "findings"),
        ("Which antibiotics are effective against MRSA?", "efficacy"),  # a thing, but a treatment
        ("What is the best treatment for acute migraine?", "efficacy"),
        ("What is the role of ketamine in treating anxiety?", "efficacy"),
        # a yes/no question keeps the therapy layout: its words cannot tell a treatment from a laboratory
        # question (layout.YESNO_FINDINGS)
        ("Does bupropion help smoking cessation?", "efficacy"),
    ],
)
def test_a_question_for_a_thing_that_is_no_treatment_gets_findings(question: str, primary: str) -> None:
    from medcite.compose.layout import layout_for

    layout = layout_for(analyze_question(question))
    assert layout[0] == primary
    if primary == "findings":  # no dosing, safety or pitfalls sections for a gene or a software tool
        assert not {"dosing", "safety", "pitfalls", "considerations"} & set(layout)


def test_the_findings_layout_for_yes_no_questions_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """layout.YESNO_FINDINGS (measured, off): it would give a laboratory question the findings layout, and
    it would do the same to a treatment question without clinical words, which is why it is off."""
    from medcite.compose import layout

    lab = analyze_question("Do yeast LTR give rise to circular DNA?")
    treatment = analyze_question("Does bupropion help smoking cessation?")
    assert layout.layout_for(lab)[0] == layout.layout_for(treatment)[0] == "efficacy"
    monkeypatch.setattr(layout, "YESNO_FINDINGS", True)
    assert layout.layout_for(lab)[0] == layout.layout_for(treatment)[0] == "findings"


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # PubMedQA and BioASQ 7B-9B (even half): a reading of 16 articles found "Efficacy" over these
        (
            "Are even impaired fasting blood glucose levels preoperatively associated with increased "
            "mortality after CABG surgery?",
            "Key Findings",
        ),
        ("Does lucatumumab bind to CD140?", "Key Findings"),
        (
            "Does epidural anesthesia for pain management during labor affect the Apgar score of the infant?",
            "Key Findings",
        ),
        ("Does bupropion help smoking cessation?", "Efficacy"),
        ("Is pacritinib effective for treatment of myelofibrosis?", "Efficacy"),
        ("What is the role of ketamine in treating anxiety?", "Efficacy"),
    ],
)
def test_the_efficacy_section_is_titled_so_only_for_a_treatment_question(question: str, title: str) -> None:
    """The section keeps its key and place (the layout is unchanged); its heading follows the question."""
    from medcite.compose.layout import primary_key, section_title

    a = analyze_question(question)
    assert primary_key(a) == "efficacy"
    assert section_title(a, "efficacy") == title
    assert section_title(a, "safety") == "Safety and Side Effects"


@pytest.mark.parametrize(
    ("question", "intervention", "condition", "outcome"),
    [
        # PubMedQA dev questions: a verb of giving ("offer", "provide") ends the subject
        (
            "Attenuation of ischemia/reperfusion-induced ovarian damage in rats: "
            "does edaravone offer protection?",
            "edaravone",
            None,
            "protection",
        ),
        (
            "Can Roux-en-Y gastric bypass provide a lifelong solution for diabetes mellitus?",
            "Roux-en-Y gastric bypass",
            "diabetes mellitus",
            "lifelong solution",
        ),
        # an adverb that only stresses the question is no part of a concept
        (
            "Is cholecystectomy really an indication for concomitant splenectomy in mild hereditary "
            "spherocytosis?",
            "cholecystectomy",
            "concomitant splenectomy in mild hereditary spherocytosis",
            "indication",
        ),
    ],
)
def test_a_giving_verb_or_a_stressing_adverb_is_no_part_of_a_concept(
    question: str, intervention: str, condition: str | None, outcome: str
) -> None:
    a = analyze_question(question)
    assert (a.intervention, a.condition, a.outcome) == (intervention, condition, outcome)


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        # BioASQ 7B-9B factoid and list questions that were read as yes/no (an auxiliary after a comma)
        ("Where, in what US state, was there a measles outbreak in an Amish community", False),
        ("Where in the body, is ghrelin secreted?", False),
        ("What drug, used to treat rheumatoid arthritis, is an interleukin-1 receptor antagonist?", False),
        ("From where is gamabufotalin (GBT) isolated?", False),
        ("For how long do Drosophila embryos use maternal genome mRNA?", False),
        ("Explain the association between Barr bodies (nuclear inclusions) and the X chromosome?", False),
        # a yes/no question in a sentence of its own, or said to be one, after a wh-word
        ("What is known about tirzepatide? Is it effective for type 2 diabetes?", True),
        ("Which is the case: tocilizumab is an anti-TNF antibody, yes or no?", True),
        ("Multidisciplinary breast cancer clinics. Do they work?", True),
    ],
)
def test_a_question_opening_with_a_wh_word_asks_yes_or_no_only_in_a_sentence_of_its_own(
    question: str, yes_no: bool
) -> None:
    assert analyze_question(question).yes_no is yes_no


def test_a_wh_word_after_a_preposition_asks_for_a_thing() -> None:
    # BioASQ 7B-9B factoid (even half): read as a yes/no question, then as one whole concept once it was not
    a = analyze_question("From where is gamabufotalin (GBT) isolated?")
    assert not a.yes_no and a.asks_entity
    assert a.intervention is not None and a.intervention.startswith("gamabufotalin")


def test_a_bracketed_expansion_is_read_as_one_word() -> None:
    """BioASQ 7B-9B writes "the SFTS ( severe fever with thrombocytopenia syndrome) virus": the space inside
    the bracket goes, and the "with" inside it splits no concept (it had read "( severe fever" and
    "thrombocytopenia syndrome) virus"); a one-word group ("(GRBs)") is read as before."""
    a = analyze_question(
        "Which species is the carrier of the SFTS ( severe fever with thrombocytopenia syndrome) virus?"
    )
    assert a.question.startswith("Which species is the carrier of the SFTS (severe fever with")
    assert a.condition is None
    assert a.outcome == "carrier of the SFTS (severe fever with thrombocytopenia syndrome) virus"
    assert (
        analyze_question("What is circulating free DNA ( cfDNA)?").intervention
        == "circulating free DNA (cfDNA)"
    )
    grb = analyze_question("Are genomic regulatory blocks (GRBs) any different than TADs?")
    assert (grb.intervention, grb.comparator) == ("genomic regulatory blocks (GRBs)", "TADs")


def test_a_condition_asked_after_the_colon_comes_before_the_titles() -> None:
    """PubMedQA dev: "Women with synchronous primary cancers of the endometrium and ovary: do they have Lynch
    syndrome?" had read "ovary" (from the title) as the condition and lost Lynch syndrome, so a study of
    ovarian ultrasound answered it; a non-condition after the colon ("a benefit of alcohol consumed with
    meals?") leaves the title's condition."""
    lynch = analyze_question(
        "Women with synchronous primary cancers of the endometrium and ovary: do they have Lynch syndrome?"
    )
    assert lynch.condition == "Lynch syndrome"
    alcohol = analyze_question(
        "Alcohol consumption and acute myocardial infarction: a benefit of alcohol consumed with meals?"
    )
    assert alcohol.condition == "acute myocardial infarction"


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # PubMedQA and BioASQ 7B-9B (even half): a reading of 16 articles found "Efficacy" or "Safety and Side
        # Effects" over these
        ("Is subdural empyema a complication of sinusitis?", "Complications and Risks"),
        (
            "Can multiple SNP testing in BRCA2 and BRCA1 female carriers be used to improve risk prediction "
            "models in conjunction with clinical assessment?",
            "Complications and Risks",
        ),
        ("School food policy at Dutch primary schools: room for improvement?", "Key Findings"),
        # a treatment's harms and effects keep their headings
        ("What are the side effects of ketamine?", "Safety and Side Effects"),
        ("Is pembrolizumab safe in elderly patients?", "Safety and Side Effects"),
        ("Does bupropion help smoking cessation?", "Efficacy"),
    ],
)
def test_treatment_headings_only_where_a_treatment_is_asked_about(question: str, first: str) -> None:
    from medcite.compose.layout import layout_for, section_title

    a = analyze_question(question)
    assert section_title(a, layout_for(a)[0]) == first
    titles = [section_title(a, k) for k in layout_for(a)]
    assert "Efficacy" not in titles or first in ("Efficacy", "Safety and Side Effects")


@pytest.mark.parametrize(
    ("question", "intervention", "condition", "outcome"),
    [
        # "matter" and "make a difference to" judge, they name nothing (PubMedQA dev questions)
        (
            "Do symptoms matter when considering patients for phase I clinical trials?",
            "symptoms",
            "phase I clinical trials",
            None,
        ),
        (
            "Does rural or urban residence make a difference to neonatal outcome in premature birth?",
            "rural or urban residence",
            "premature birth",
            "neonatal outcome",
        ),
        (
            "Neck pain treatment with acupuncture: does the number of needles matter?",
            "number of needles",
            None,
            None,
        ),
    ],
)
def test_a_verb_that_only_judges_is_no_part_of_a_concept(
    question: str, intervention: str, condition: str | None, outcome: str | None
) -> None:
    a = analyze_question(question)
    assert a.intervention == intervention
    assert a.outcome == outcome
    if condition is not None:
        assert a.condition == condition


@pytest.mark.parametrize(
    "question",
    [  # BioASQ 7B-9B: what a drug binds or acts on is its mechanism (a reading found it under "Efficacy")
        "Erenumab, used to treat migraine headaches, binds to what protein?",
        "Which enzyme is inhibited by a drug Lorlatinib?",
        "What is the target of galcanezumab?",
    ],
)
def test_what_a_drug_binds_or_acts_on_is_read_as_its_mechanism(question: str) -> None:
    from medcite.compose.layout import primary_key

    a = analyze_question(question)
    assert a.focus is QuestionType.MECHANISM and primary_key(a) == "mechanism"
    # a yes/no question keeps its layout (the tuning half lost an answer to it)
    assert analyze_question("Does lucatumumab bind to CD140?").focus is not QuestionType.MECHANISM


def test_a_binding_protein_is_no_mechanism_question() -> None:
    assert (
        analyze_question("Where is fatty acid binding protein 2 expressed?").focus
        is not QuestionType.MECHANISM
    )


@pytest.mark.parametrize(
    ("question", "condition"),
    [  # PubMedQA dev: "in the elderly" taken out whole (the summary of findings had read "... in the: main")
        (
            "Vaccine protection in the elderly: are Austrian seniors adequately protected by vaccinations?",
            "Vaccine protection",
        ),
        (
            "Is there a role for leukocyte and CRP measurements in the diagnosis of acute appendicitis "
            "in the elderly?",
            "acute appendicitis",
        ),
    ],
)
def test_the_people_asked_about_leave_no_article_behind(question: str, condition: str) -> None:
    a = analyze_question(question)
    assert a.population == "elderly" and a.condition == condition


@pytest.mark.parametrize(
    ("question", "condition", "outcome"),
    [
        ("Does bupropion help people stop smoking?", "smoking", None),
        ("Does exercise help patients lose weight?", "weight", None),
        ("Can metformin help women with PCOS get pregnant?", "PCOS", "pregnant"),
        ("Does melatonin help people sleep?", "sleep", None),
        ("Does CBT help patients with chronic insomnia?", "chronic insomnia", None),  # no verb: as before
    ],
)
def test_the_people_helped_and_the_verb_of_change_are_no_part_of_the_condition(
    question: str, condition: str, outcome: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Does bupropion help people stop smoking?" (tried on the bench store, 2026-12-06) read "people stop
    smoking" as the condition: every large bupropion trial was set aside for not saying it, and the answer
    (Yes, high certainty) rested on a 15-patient pilot."""
    a = analyze_question(question)
    assert (a.condition, a.outcome) == (condition, outcome)
    monkeypatch.setattr(shapes, "HELP_SHAPE", False)
    if outcome is None and " with " not in question:
        assert analyze_question(question).condition != condition
