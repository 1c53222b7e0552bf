"""Recognising a question's concepts in real sources: abbreviations a source defines itself ("recombinant
human erythropoietin (rhEPO)", then "rhEPO"), and MeSH synonyms ("heart attack" <-> "myocardial
infarction", "statins" <-> "HMG-CoA reductase inhibitors"). Real abstracts from the shared data."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from medcite.compose import analyze_question
from medcite.compose.naming import concepts
from medcite.domain import StoredSource
from medcite.text.abbreviations import defined_abbreviations
from tests.compose.doubles import DATA_DIR, load_extra, load_pubmedqa

REPO = Path(__file__).resolve().parents[2]


def _extra(pmid: str, keyword: str) -> tuple[str, str]:
    src = load_extra([keyword], limit=5000)[pmid]
    return src.record.title, src.record.text


def _snippets(pmid: str, title: bool = False) -> str:
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["pmid"] == pmid:
                return " ".join([d.get("title") or ""] * title + d["abstract_snippets"])
    raise AssertionError(pmid)


def test_abbreviations_defined_in_an_abstract() -> None:
    title, text = _extra("9346382", "rhEPO")  # ACE inhibitors and rhEPO doses in haemodialysis
    defined = defined_abbreviations(f"{title}. {text}")
    assert defined["rhEPO"] == "recombinant human erythropoietin"
    assert defined["ACEIs"] == "angiotensin-converting enzyme inhibitors"
    # "SF (long form)" as well, and no pair from a statistic in parentheses
    assert defined_abbreviations("EPO (erythropoietin) rose (P=.02) in all") == {"EPO": "erythropoietin"}


def test_the_long_form_whose_words_the_letters_open(pubmedqa: dict[str, StoredSource]) -> None:
    """PubMedQA 18086459 defines "postictal psychotic episodes (PIPE)"; the shortest long form the letters
    fit, "psychotic episodes", had been written out in a tuning-half article and changed the exposure."""
    from medcite.text.abbreviations import initials

    defined = defined_abbreviations(pubmedqa["18086459"].record.text)
    assert defined["PIPE"] == "postictal psychotic episodes"
    assert defined["IPE"] == "interictal psychotic episodes"
    assert initials("PIPE", "postictal psychotic episodes") == 3
    assert initials("PIPE", "psychotic episodes") == 1
    # a longer form is taken only where each word it adds opens with a letter of the short form (synthetic
    # test sentences, not evidence)
    cases = {
        "Use of proton pump inhibitors (PPIs) rose.": ("PPIs", "proton pump inhibitors"),
        "We measured the incidence of intraocular pressure (IOP) rise.": ("IOP", "intraocular pressure"),
        "It follows anti-tumor necrosis factor (TNF) agents.": ("TNF", "anti-tumor necrosis factor"),
        "This is the first approved infliximab (IFX) biosimilar.": ("IFX", "infliximab"),
        "Membranes containing mitomycin C (MMC) were used.": ("MMC", "mitomycin C"),
    }
    for text, (short, long) in cases.items():
        assert defined_abbreviations(text)[short] == long, text


def test_a_long_form_does_not_open_on_a_linking_word(pubmedqa: dict[str, StoredSource]) -> None:
    """PubMedQA 19615731 defines "the Asthma Control and Communication Instrument (ACCI)"; its "A" had been
    taken from "and", and a tuning-half article (tune22) wrote "and Communication Instrument (ACCI)" out."""
    from medcite.text.abbreviations import initials

    defined = defined_abbreviations(pubmedqa["19615731"].record.text)
    assert defined["ACCI"] == "Asthma Control and Communication Instrument"
    assert defined["ACT"] == "Asthma Control Test"
    assert initials("ACCI", "and Communication Instrument") == 2  # "and" gives no initial
    # synthetic test sentences, not evidence
    cases = {
        "Time to maximum concentration (tmax) was short.": ("tmax", "Time to maximum concentration"),
        "We used acceptance and commitment therapy (ACT) here.": ("ACT", "acceptance and commitment therapy"),
        # "in situ" opens a long form of its own (review of the change)
        "By staining and in situ hybridization (ISH) we saw it.": ("ISH", "in situ hybridization"),
    }
    for text, (short, long) in cases.items():
        assert defined_abbreviations(text)[short] == long, text


def test_a_sentence_that_uses_only_the_abbreviations_names_the_concepts() -> None:
    # "buspirone (BSR), in comparison with amitriptyline (AML) ... chronic tension-type headache (CTH)"
    title, text = _extra("9325477", "buspirone")
    defined = defined_abbreviations(f"{title}. {text}")
    assert defined["AML"] == "amitriptyline"  # not the glossary's acute myeloid leukaemia
    sentence = next(s for s in text.split(". ") if "results suggest that BSR" in s)
    a = analyze_question("Is buspirone effective for chronic tension-type headache?")
    cs = concepts(a)
    assert [c.name for c in cs] == ["buspirone", "chronic tension-type headache"]
    assert not any(c.found_in(sentence) for c in cs)
    assert all(c.found_in(sentence, defined) for c in cs)


def test_boys_with_dmd_names_duchenne_muscular_dystrophy() -> None:
    text = _snippets("31479456")  # "boys with Duchenne muscular dystrophy (DMD) ... boys with DMD could ..."
    sentence = (
        "We hypothesised that boys with DMD could be clustered into groups sharing similar trajectories"
    )
    a = analyze_question("Is ambulatory function variable in Duchenne muscular dystrophy?")
    c = next(c for c in concepts(a) if c.name == "Duchenne muscular dystrophy")
    assert c.found_in(sentence, defined_abbreviations(text))


def test_mesh_synonyms_name_the_concept() -> None:
    mi = load_pubmedqa()["12006913"].record.text  # coronary risk factors; says "myocardial infarction"
    assert "heart attack" not in mi.lower()
    c = next(
        c
        for c in concepts(analyze_question("Do smoking and diabetes predict a heart attack?"))
        if c.name == "heart attack"
    )
    assert c.found_in(mi)
    title, text = _extra("8746603", "pravastatin")  # "HMG-CoA reductase inhibitor", never "statin"
    statins = next(
        c for c in concepts(analyze_question("Do statins lower blood pressure?")) if c.name == "statins"
    )
    assert statins.found_in(f"{title} {text}")


@pytest.mark.slow
def test_shipped_synonym_file_is_what_the_build_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "syn.json.gz"
    mesh = DATA_DIR / "mesh"
    cmd = [
        sys.executable,
        str(REPO / "training" / "build_synonyms.py"),
        "--terms",
        str(mesh / "mesh_terms.tsv.gz"),
    ]
    cmd += ["--trees", str(mesh / "mesh_trees.tsv.gz"), "--tree-2017", str(mesh / "2017MeshTree.txt")]
    subprocess.run([*cmd, "--out", str(out)], check=True, capture_output=True, cwd=REPO)
    shipped = REPO / "src" / "medcite" / "models" / "synonyms" / "mesh_synonyms.json.gz"
    with gzip.open(out, "rt") as a, gzip.open(shipped, "rt") as b:
        assert json.load(a) == json.load(b)


def test_an_abbreviation_unknown_to_the_glossary_is_learned_from_the_sources() -> None:
    from medcite.compose import plan_queries
    from medcite.compose.plan import learned_abbreviations, run_plan, split_direct
    from tests.compose.doubles import OracleSearcher

    pool = load_extra(["buspirone"], limit=5000)
    defines = pool["9325477"]  # "buspirone (BSR)"
    plain = pool["9164427"]  # "Clinical effects of buspirone in social phobia": never says BSR
    a = analyze_question("Is BSR effective in social phobia?")
    found = run_plan(OracleSearcher([defines, plain]), plan_queries(a), a)
    assert learned_abbreviations(a, found) == {"BSR": "buspirone"}
    direct, _indirect = split_direct(a, found)
    assert "9164427" in {rs.hit.source.record.key for rs in direct}


def test_shipped_common_terms_are_what_the_build_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "common_terms.txt"
    cmd = [sys.executable, str(REPO / "training" / "build_common_terms.py"), "--data", str(DATA_DIR)]
    subprocess.run([*cmd, "--out", str(out)], check=True, capture_output=True, cwd=REPO)
    shipped = REPO / "src" / "medcite" / "text" / "common_terms.txt"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


def test_common_words_alone_do_not_name_a_name_of_several_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """PubMedQA dev (odd half, read in the held-out sample): a Canadian survey of outcome feedback named
    "emergency ultrasound fellowship programs" by "emergency" and "programs". Synthetic sentences modelled
    on it."""
    from medcite.compose import naming
    from medcite.text.words import common_terms

    q = (
        "Do emergency ultrasound fellowship programs impact emergency medicine residents' ultrasound "
        "education?"
    )
    survey = (
        "Canadian EM training programs do not mandate follow-up, performed by emergency medicine residents."
    )
    fellowship = concepts(analyze_question(q))[0]
    assert {"emerge", "progra"} <= common_terms() and "fellow" not in common_terms()
    assert not fellowship.found_in(survey)
    assert fellowship.found_in("Programs with an emergency ultrasound fellowship trained more residents.")
    monkeypatch.setattr(naming, "SPECIFIC_TERMS", False)
    assert fellowship.found_in(survey)


def test_an_identifier_with_a_number_must_be_named_exactly() -> None:
    # BioASQ 7B-9B: "What is the combined effect of Nfat and miR-25?". The composer's terms drop numbers of
    # one or two digits, and the part "combined effect" alone named the concept, so any microRNA study (or
    # any "combination" trial) was read as naming it
    a = analyze_question("What is the combined effect of Nfat and miR-25?")
    (c,) = concepts(a)
    assert c.ids == ("miR-25",)
    # "Nfat and miR-25 cooperate to reactivate ... Hand2"; "MiR-7 functions as a tumor suppressor ...",
    # "Molecular network of miR-1343 ...", "Panitumumab in combination with gemcitabine ..."
    assert c.found_in(_snippets("24161931", title=True))
    assert not c.found_in(_snippets("32633635", title=True))
    assert not c.found_in(_snippets("30567463", title=True))
    assert not c.found_in(_snippets("26540314", title=True))
    # spellings of the same identifier name it; a longer number, a receptor or a decimal does not
    assert c.found_in("MIR25 and NFAT") and c.found_in("miR-25-3p and Nfat")
    assert c.found_in("miR 25 with NFATc3")
    assert not c.found_in("miR-251 and Nfat") and not c.found_in("miR-25b and Nfat")


def test_an_identifier_is_named_by_its_mesh_long_form() -> None:
    # "IL-6" alone had no terms at all (no concept); now it is a concept, named by "interleukin 6" (MeSH
    # gives IL-6 as an abbreviation of Interleukin-6) and not by "IL-6R" or "interleukin-1"
    a = analyze_question("Does IL-6 predict mortality in sepsis?")
    il6 = concepts(a)[0]
    assert il6.name == "IL-6"
    # "Olokizumab, a monoclonal antibody against interleukin 6, ..."
    assert il6.found_in(_snippets("34344706", title=True))
    assert il6.found_in("IL6 levels rose") and il6.found_in("IL-6-induced STAT3")
    assert not il6.found_in("IL-6R blockade") and not il6.found_in("interleukin-1 beta")


def test_a_word_of_measure_before_an_identifier_need_not_be_named(pubmedqa: dict[str, StoredSource]) -> None:
    """PubMedQA 28006766 (even half): "Is Overexpression of Ki-67 a Prognostic Biomarker of Upper Tract
    Urinary Carcinoma?" set its own abstract aside ("high Ki-67 expression") for not naming "Overexpression
    of Ki-67"."""
    a = analyze_question(
        "Is Overexpression of Ki-67 a Prognostic Biomarker of Upper Tract Urinary Carcinoma?"
    )
    ki67 = concepts(a)[0]
    assert ki67.ids == ("Ki-67",)
    assert ki67.found_in(pubmedqa["28006766"].record.text)
    assert not ki67.found_in("Overexpression of Ki-6 in tumours")  # the identifier is still required
    # a name with more than the identifier keeps its words
    other = concepts(analyze_question("Do levels of IL-6 and fibrinogen predict mortality in sepsis?"))[0]
    assert other.terms == ("levels", "fibrin")
    # only words of measure or state: an action on the identifier is part of the name
    cox = concepts(analyze_question("Does inhibition of COX-2 reduce pain after surgery?"))[0]
    assert cox.ids == ("COX-2",) and cox.terms


CELECOXIB_ALS = "Is celecoxib effective for treatment of amyotrophic lateral sclerosis?"


def test_the_primary_query_adds_the_mesh_abbreviation_of_a_concept(monkeypatch: pytest.MonkeyPatch) -> None:
    """BioASQ 7B-9B yes/no (even half): the trial that answers the question (PMID 16802291, a partial
    abstract) writes only "ALS", so a query in the question's words ranked it 12th; MeSH gives ALS as the
    abbreviation of Amyotrophic Lateral Sclerosis."""
    from medcite.compose import naming, plan_queries
    from medcite.compose.naming import query_abbreviations

    a = analyze_question(CELECOXIB_ALS)
    assert query_abbreviations(a) == ("ALS",)
    assert plan_queries(a)[0].query == f"{CELECOXIB_ALS} ALS"
    # a glossary long form that merely contains the concept's word is a narrower thing, not its abbreviation
    assert query_abbreviations(analyze_question("Are astronauts in higher risk for developing cancer?")) == ()
    # MeSH files other things under a descriptor: MODY under type 2 diabetes, IL-17F under interleukin-17;
    # only a short form made of the name's letters in order is its abbreviation
    assert query_abbreviations(analyze_question("Which cells produce Interleukin 17A?")) == (
        "IL-17",
        "IL-17A",
    )
    raspberries = analyze_question("Do raspberries improve glucose in type 2 diabetes?")
    assert "MODY" not in query_abbreviations(raspberries) and "NIDDM" not in query_abbreviations(raspberries)
    monkeypatch.setattr(naming, "QUERY_ABBREVIATIONS", False)
    assert plan_queries(a)[0].query == CELECOXIB_ALS


def test_a_concept_named_by_its_abbreviation_counts_as_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same trial: "celecoxib did not have a beneficial effect on research subjects with ALS". Its share
    of the question's key terms (which ranks it among the sources) counts "amyotrophic lateral sclerosis"
    as named; before, it counted celecoxib alone (1 of 4 terms) and the trial fell out of the 14 sources."""
    from medcite.compose import plan, plan_queries
    from medcite.compose.plan import run_plan
    from tests.compose.doubles import OracleSearcher, bioasq_source

    a = analyze_question(CELECOXIB_ALS)
    trial = bioasq_source(1, "16802291")
    review = bioasq_source(2, "31959876")  # "Amyotrophic lateral sclerosis (ALS) is ...": no celecoxib
    share = {
        rs.hit.source.key: rs.relevance
        for rs in run_plan(OracleSearcher([review, trial]), plan_queries(a), a)
    }
    assert share == {"16802291": 1.0, "31959876": 0.75}
    monkeypatch.setattr(plan, "NAMED_OVERLAP", False)
    share = {
        rs.hit.source.key: rs.relevance
        for rs in run_plan(OracleSearcher([review, trial]), plan_queries(a), a)
    }
    assert share == {"16802291": 0.25, "31959876": 0.75}


def test_a_concept_with_a_name_in_it_is_named_only_with_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """BioASQ 7B-9B factoid (even half): a snippet record on "(SAM) syndrome" had named "SAMHD1 gene
    mutations" by two of its three terms and answered "Which syndrome is associated to SAMHD1 gene
    mutations?"; the snippet record's sentence that names SAMHD1 still names it (both quoted from the
    BioASQ snippet corpus)."""
    from medcite.compose import naming

    (c,) = concepts(analyze_question("Which syndrome is associated to SAMHD1 gene mutations?"))
    other = (
        "Recently, homozygous mutations in the desmoglein-1 (DSG1) gene and heterozygous mutation in the "
        "desmoplakin (DSP) gene have been demonstrated to be associated with severe dermatitis, multiple "
        "allergies and metabolic wasting (SAM) syndrome"
    )
    own = "mutations in the SAMHD1 gene that cause the severe autoimmune disease, Aicardi-Goutieres syndrome"
    assert not c.found_in(other) and c.found_in(own)
    monkeypatch.setattr(naming, "NAMES_REQUIRED", False)
    (c,) = concepts(analyze_question("Which syndrome is associated to SAMHD1 gene mutations?"))
    assert c.found_in(other)


def test_each_condition_of_a_compound_name_must_be_named() -> None:
    """ "metastases in non-small cell lung cancer": a cervical cancer study of lymph node metastasis does
    not name it (it was cited for this PubMedQA question before); the question's own abstract does."""
    q = (
        "Can the condition of the cell microenvironment of mediastinal lymph nodes help predict the risk of "
        "metastases in non-small cell lung cancer?"
    )
    condition = concepts(analyze_question(q))[1]
    assert [d.heading for d in condition.diseases] == [
        "Neoplasm Metastasis",
        "Carcinoma, Non-Small-Cell Lung",
    ]
    src = load_pubmedqa()
    own, cervical = src["19931500"].record, src["25859857"].record
    assert "cervical cancer" in cervical.text and "lymph node metastasis" in cervical.text
    assert not condition.found_in(f"{cervical.title} {cervical.text}")
    assert condition.found_in(f"{own.title} {own.text}")
    assert condition.found_in("Nodal metastases were frequent in NSCLC.")  # the MeSH abbreviation
    # a one-piece condition is unchanged
    assert not concepts(analyze_question("Is pembrolizumab effective against Ewing's sarcoma?"))[1].diseases


def test_a_concept_with_its_abbreviation_in_brackets_is_named_by_either() -> None:
    """ "What is the role of metalloproteinase-17 (ADAM17) in NK cells?" had set aside a study of CD16
    shedding by ADAM17 in NK cells (PMID 25816339, a BioASQ snippet) as not naming the concept: the name in
    brackets is the concept's own abbreviation (a tuning-half reading, 2026-12-05)."""
    (adam, _nk) = concepts(analyze_question("What is the role of metalloproteinase-17 (ADAM17) in NK cells?"))
    assert adam.name == "metalloproteinase-17 (ADAM17)"  # as asked, for the notes
    assert adam.found_in("Our findings provide further characterization of CD16 cleavage by ADAM17.")
    assert adam.found_in("A disintegrin and metalloproteinase-17 is involved in ectodomain shedding.")
    assert not adam.found_in("ADAM10 cleaves CD16 in NK cells.")
    (lads, _act) = concepts(analyze_question("Are lamina-associated domains (LADs) linked to silencing?"))
    assert lads.found_in("LADs are enriched in repressive chromatin marks.")


def test_a_hyphenated_word_names_the_solid_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tuning-half reading (2026-12-06): "Does metformin has as an antitumor effect?" had set aside the
    record that says "The anti-tumor effect of metformin ..." (BioASQ snippet record 30053447)."""
    from medcite.compose import naming

    text = _snippets("30053447")
    assert "anti-tumor effect" in text and "antitumor" not in text.lower()

    def named() -> bool:
        cs = concepts(analyze_question("Does metformin has as an antitumor effect?"))
        return all(c.found_in(text) for c in cs)

    assert named()
    monkeypatch.setattr(naming, "SOLID_HYPHENS", False)
    assert not named()
