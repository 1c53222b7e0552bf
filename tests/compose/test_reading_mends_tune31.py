"""Mends of the thirty-fifth session (2026-12-07), from a reading of 16 tuning-half articles (tune31)."""

from __future__ import annotations

import pytest

from medcite.compose.asking import asks_date, states_date
from medcite.compose.defining import defines, subject_defined
from medcite.compose.naming import concepts
from medcite.compose.plan import RankedSource
from medcite.compose.pool import candidates
from medcite.compose.question import analyze_question
from medcite.compose.stance import as_voted
from medcite.compose.wh_tail import own_subject
from medcite.domain import SearchHit
from medcite.text.actions import rare_but_possible
from medcite.text.cues import role_of, states_aim
from medcite.text.identifiers import identifiers
from medcite.text.kinds import set_apart
from medcite.text.statements import readable, unfinished
from tests.compose.doubles import bioasq_records


@pytest.mark.parametrize(
    ("question", "intervention"),
    [
        # BioASQ 7B-9B questions whose tail after "is" has a subject of its own: the wh-phrase before it
        # ("disease category", "cell organelle") had been read into the concept
        ("Which disease category is LB-100 mostly assessed for?", "LB-100"),
        ("In which cell organelle is the SAF-A protein localized?", "SAF-A protein"),
        ("What type of antagonist is istradefylline?", "istradefylline"),
        ("Which malignancies is Keytruda approved for before 2017?", "Keytruda"),
        ("Where is corticosterone synthesized?", "corticosterone"),
        ("Where in the body, is ghrelin secreted?", "ghrelin"),
        ("When was Afrezza approved by the FDA?", "Afrezza"),
        # a tail that opens with its predicate keeps the earlier reading
        ("Which gene is mutated in Kabuki syndrome?", "Kabuki syndrome"),
        ("Which disease is dabrafenib used for?", "dabrafenib"),
    ],
)
def test_a_wh_question_with_its_own_subject_after_is(question: str, intervention: str) -> None:
    assert analyze_question(question).intervention == intervention


@pytest.mark.parametrize(
    ("tail", "subject"),
    [
        ("LB-100 mostly assessed for", ("LB-100", None)),
        ("the lincRNA Xist expressed", ("the lincRNA Xist", None)),
        ("Hadron therapy using", ("Hadron therapy", None)),
        ("gepotidacin", ("gepotidacin", None)),
        ("vivotif first licenced in Europe", ("vivotif", "Europe")),
        ("the estrogen receptor expressed", ("the estrogen receptor", None)),  # "estrogen" is no participle
        ("microcephaly associated with", ("microcephaly", None)),  # "-cephaly" is no adverb
        ("the need for dialysis assessed", ("the need for dialysis", None)),  # "need" is no participle
        ("the most frequently mutated gene in glioblastoma", None),
        ("safe in pregnancy", None),
        ("specific to neurons", None),
        ("mutated in Kabuki syndrome", None),
        ("preferentially selected for transposon insertion", None),
        ("in the Andexxa", None),
        ("the carrier of the SFTS virus", None),
        ("available", None),
        ("FDA approved for retinal dystrophy", None),
        ("being tested", None),
    ],
)
def test_own_subject(tail: str, subject: tuple[str, str | None] | None) -> None:
    assert own_subject(tail) == subject


def test_a_coined_camel_case_name_is_named_whole() -> None:
    # "Describe ChromoTrace" (tune31): the six-letter stem "chromo" named a record on chromones, whose first
    # sentence became the bottom line
    assert identifiers("Describe ChromoTrace") == ("ChromoTrace",)
    (concept,) = concepts(analyze_question("Describe ChromoTrace"))
    assert concept.found_in("Our reconstruction method, ChromoTrace, uses suffix trees")
    assert not concept.found_in("The chromones are a class of chemical compounds")
    # not short names, names with one lower-case letter before a capital, nor lower-case led ones
    assert identifiers("PubMed HipMCL DiGeorge McDonald lincRNA") == ()


def test_a_thing_set_apart_from_what_the_question_names_reads_no() -> None:
    # the conclusion of PMID 31949313 (in the shared corpora; tune31), read as "yes" by the stance reader
    question = "Do exon 38 or 39 KMT2D missense variants cause Kabuki syndrome type 1 (KS1)?"
    text = (
        "KMT2D MVs located in a specific region spanning exons 38 and 39 and affecting highly conserved "
        "residues cause a novel multiple malformations syndrome distinct from KS1."
    )
    assert set_apart(question, text) == "distinct from KS1"
    (yes, _maybe, no), why = as_voted((0.8, 0.1, 0.1), text, question, None)
    assert no > yes and "distinct from" in why
    # not negated, not another thing, and not where the question asks whether they differ
    assert (
        set_apart(question, "Synthetic fixture: the phenotype was not distinct from Kabuki syndrome type 1.")
        is None
    )
    assert set_apart(question, "Synthetic fixture: a disorder distinct from Rett syndrome.") is None
    assert set_apart("Is syndrome X different from KS1?", text) is None
    # a control, and a kind of the asked thing set apart from another kind of it (an independent review)
    assert (
        set_apart("Does duloxetine reduce pain?", "Synthetic fixture: duloxetine was distinct from placebo.")
        is None
    )
    kdm6a = (
        "Synthetic fixture: mutations in KDM6A cause a form of Kabuki syndrome distinct from "
        "KMT2D-associated Kabuki syndrome."
    )
    assert set_apart("Do mutations in KMT2D cause Kabuki syndrome?", kdm6a) is None


def test_a_rare_occurrence_answers_that_it_can_happen() -> None:
    # a BioASQ snippet (tune31) read as "no" for its "rarely"
    question = "Can secondary glioblastoma be caused by brain irradiation?"
    text = (
        "Secondary brain tumors rarely arise after cranial irradiation; among them, meningiomas and "
        "glioblastomas are the most common and secondary oligodendroglial tumors the most rare."
    )
    assert rare_but_possible(question, text) == "rarely"
    (yes, _maybe, no), why = as_voted((0.1, 0.2, 0.7), text, question, None)
    assert yes > no and "rarely" in why
    assert rare_but_possible("Does aspirin prevent stroke?", text) is None  # not a "can it happen" question
    assert (
        rare_but_possible(question, "Synthetic fixture: glioblastoma was not rarely seen after irradiation.")
        is None
    )
    # a rarity said of something else, or beside a denial or a comparison (an independent review's cases)
    bosentan = (
        "Synthetic fixture: although hepatotoxicity is uncommon, bosentan does not cause pulmonary fibrosis."
    )
    assert rare_but_possible("Can bosentan cause pulmonary fibrosis?", bosentan) is None
    statins = "Synthetic fixture: patients on statins rarely developed diabetes compared with non-users."
    assert rare_but_possible("Can statins cause diabetes?", statins) is None
    assert (
        rare_but_possible(question, "Synthetic fixture: glioblastoma is a rare tumor.") is None
    )  # a rare disease


def test_a_snippet_ending_on_the_next_sentence_s_first_word_is_cut() -> None:
    # BioASQ record 9525637 holds the sentence whole and with the next sentence's first word ("These")
    cut = "The paramyxovirus genome ... dubbed the positive and negative leader regions. These"
    assert unfinished(cut)
    assert readable(cut).endswith("leader regions.")


def test_an_aim_in_the_infinitive_is_no_finding() -> None:
    # the opening sentence of PMID 27026812 (BioASQ 7B-9B, tune31), quoted as the bottom line
    assert states_aim(
        "To develop a simple systemic lupus erythematosus (SLE) severity index that requires knowledge of "
        "only American College of Rheumatology (ACR) criteria and subcriteria."
    )
    assert states_aim("To validate the index in a second cohort.")
    assert not states_aim("To date, no trial has tested it.")


def test_a_frame_that_goes_on_to_a_finding_is_no_aim() -> None:
    # the last sentence of PMID 32106218 (BioASQ snippet corpus, tune31): read as methods, so the bottom line
    # for "Is there any role of genotoxic pks+ E. coli in cancer?" quoted a background sentence instead
    text = (
        "Our study describes a distinct mutational signature in colorectal cancer and implies that the "
        "underlying mutational process results directly from past exposure to bacteria carrying the "
        "colibactin-producing pks pathogenicity island."
    )
    assert not states_aim(text)
    assert role_of("", text) == "conclusions"  # the study's own conclusion: a candidate for the bottom line
    aim = "This study aimed to assess whether imaging shows that plaques regress."  # synthetic fixture
    assert role_of("", aim) == "methods" and states_aim(aim)
    assert role_of("", "This study describes the cohort and its recruitment.") == "methods"


def test_a_tool_named_after_what_it_is_describes_it() -> None:
    # BioASQ record 29522506 (tune31): "Describe ChromoTrace" quoted a background sentence on chromatin; the
    # sentences that name the tool were not even candidates (their role is unknown)
    subject = subject_defined("Describe ChromoTrace")
    assert subject == "ChromoTrace"
    sentence = "Our method, ChromoTrace, uses a computer science data structure, suffix trees."
    assert readable(sentence) == sentence.replace("Our", "The", 1)
    assert defines(sentence, subject) and defines(readable(sentence) or "", subject)
    assert not defines("The 3D structure of chromatin plays a key role in genome function.", subject)
    src = bioasq_records({"29522506"})[0]
    hit = SearchHit(src, 1.0, ())
    texts = [
        c.text
        for c in candidates(
            [RankedSource(hit, 1.0, 1.0, frozenset())], analyze_question("Describe ChromoTrace")
        )
    ]
    assert any(t.startswith("Our reconstruction method, ChromoTrace,") for t in texts)


def test_a_question_for_a_date_wants_a_sentence_with_one() -> None:
    assert asks_date("When was vivotif first licenced in Europe?")
    assert asks_date("What year was the first successful human heart transplant performed?")
    assert not asks_date("When is serum AFP used as marker?")  # in what case, not when
    # the sentence of PMID 28515625 (in the shared corpora) that answers the first
    assert states_date("The vaccine was first licensed in Europe in 1983 and in the US in 1989.")
    assert not states_date("Vivotif is an oral live attenuated vaccine.")
    assert not states_date(
        "Synthetic fixture: of 2015 patients screened, 1850 were randomized."
    )  # counts, not years
    assert not asks_date("When did symptoms resolve after tonsillectomy?")  # a time after, not a date


def test_where_the_data_came_from_is_methods() -> None:
    # PubMedQA even half (tune31): filed as a clinical consideration
    text = (
        "Questions about citizens' attitudes towards different aspects of social exclusion were taken from "
        "the European Social Survey."
    )
    assert role_of("", text) == "methods"
