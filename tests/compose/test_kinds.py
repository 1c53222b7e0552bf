"""Questions about what a thing is ("Is ustekinumab a polyclonal antibody?"), answered from what the sources
call it. The records are real BioASQ snippet records; the questions are BioASQ 7B-9B dev questions whose gold
answer is no (ustekinumab, pimavanserin, impetigo, L-4F, lucatumumab) or yes (Netrin-1)."""

from __future__ import annotations

import pytest

from medcite.compose import compose_article
from medcite.compose.kinds import KindQuestion, kind_answer, kind_question, mentions
from medcite.corpus.classify import classify
from medcite.domain import AbstractSection, Label, Provenance, SourceRecord, StoredSource
from medcite.text.kinds import agrees, excludes
from tests.compose.doubles import LexicalVerifier, OracleSearcher, ScriptedVerifier, bioasq_source


@pytest.mark.parametrize(
    ("asked", "said", "expected"),
    [
        ("polyclonal", "monoclonal", True),  # a reversing prefix swapped
        ("typical", "atypical", True),
        ("proapoptotic", "antiapoptotic", True),
        ("viral", "bacterial", True),  # one set of alternatives
        ("recessive", "dominant", True),
        ("apoE", "A-I", True),  # two names
        ("PD-L1", "IgG1", False),  # an antibody class is no rival target
        ("CD40", "antiCD40", False),  # an anti-CD40 antibody is a CD40 antibody
        ("monoclonal", "human", False),  # unrelated words
        ("secreted", "multifunctional", False),
    ],
)
def test_which_qualifiers_exclude_each_other(asked: str, said: str, expected: bool) -> None:
    assert excludes(asked, said) is expected


def test_a_name_agrees_with_its_anti_form() -> None:
    assert agrees("CD40", "antiCD40") and agrees("viral", "Viral") and not agrees("viral", "bacterial")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Is ustekinumab a polyclonal antibody?", KindQuestion("ustekinumab", "antibody", ("polyclonal",))),
        (
            "Is Impetigo a viral infection that affects the skin?",
            KindQuestion("Impetigo", "infection", ("viral",)),
        ),
        (
            "Is Li\u2013Fraumeni syndrome a rare, autosomal recessive, hereditary disorder that predisposes "
            "carriers to cancer development?",
            KindQuestion("Li-Fraumeni syndrome", "disorder", ("autosomal", "recessive", "hereditary")),
        ),
        (  # "pro apoptotic" is read as one qualifier, as "pro-apoptotic" and "proapoptotic" are
            "Is Bcl-2-like protein 1 an pro apoptotic protein?",
            KindQuestion("Bcl-2-like protein 1", "protein", ("proapoptotic",)),
        ),
        ("Is chlorotoxin a peptide?", None),  # a kind without a qualifier
        (  # the subject's other name in brackets goes, as it does in the sentences read
            "Is Nivolumab (Opdivo) a PD-L1 inhibitor?",
            KindQuestion("Nivolumab", "inhibitor", ("PD-L1",)),
        ),
        ("Is there an increased risk of meningiomas in atomic bomb survivors?", None),
        ("Does ketamine reduce anxiety?", None),
        # a predicate read as the subject: no kind question (the README's question, and PubMedQA and BioASQ
        # dev questions of the even half)
        ("Is double balloon enteroscopy efficacious and safe in a community setting?", None),
        ("Is progeria caused by an autosomal recessive gene?", None),
        ("Is laparoscopic cholecystectomy safe and acceptable as a day case procedure?", None),
        ("Is the FIP virus thought to be a mutated strain for the Feline enteric Coronavirus?", None),
        # an abbreviation that spells a small word is no preposition (synthetic question)
        ("Is BE a premalignant condition?", KindQuestion("BE", "condition", ("premalignant",))),
    ],
)
def test_kind_questions_are_read(question: str, expected: KindQuestion | None) -> None:
    assert kind_question(question) == expected


def test_an_apposition_before_or_after_the_subject_is_a_mention() -> None:
    q = kind_question("Is lucatumumab a polyclonal antibody?")
    assert q is not None
    # "a fully human anti-CD40 antagonist monoclonal antibody, lucatumumab, was evaluated ..."
    said = [m.said for m in mentions(q, bioasq_source(1, "22861192"))]
    assert ("fully", "human", "antiCD40", "antagonist", "monoclonal") in said
    q = kind_question("Is ustekinumab a polyclonal antibody?")
    assert q is not None
    ust = bioasq_source(2, "29164954")
    found = mentions(q, ust)
    assert found and found[0].said == ("human", "monoclonal", "IgG1")
    assert ust.record.text[found[0].start : found[0].end].startswith("Ustekinumab, a human monoclonal")


@pytest.mark.parametrize(
    ("question", "pmid"),
    [
        ("Is ustekinumab a polyclonal antibody?", "29164954"),
        ("Is pimavanserin a typical antipsychotic?", "28493654"),
        ("Is Impetigo a viral infection that affects the skin?", "29063621"),
        ("Is L-4F an apoE mimetic peptide?", "29245934"),
    ],
)
def test_a_qualifier_that_excludes_the_asked_one_answers_no(question: str, pmid: str) -> None:
    answer = kind_answer(question, [bioasq_source(1, pmid)])
    assert answer is not None and answer.answers_no
    assert answer.against[0].source.key == pmid


def test_the_asked_qualifier_found_does_not_answer_no() -> None:
    answer = kind_answer("Is Netrin-1 a secreted protein?", [bioasq_source(1, "28174720")])
    assert answer is not None and answer.agreeing >= 1 and not answer.answers_no


def test_the_article_answers_no_and_quotes_what_the_subject_is() -> None:
    sources = [bioasq_source(1, "29164954")]
    art = compose_article(
        "Is ustekinumab a polyclonal antibody?",
        OracleSearcher(sources),
        LexicalVerifier(),
        provenance=Provenance(),
    )
    assert art.stance == "no"
    assert art.bottom_line.startswith("No (") and "monoclonal IgG1 antibody" in art.bottom_line
    assert any(
        r.startswith("what ustekinumab is: 1 sentence(s) call it otherwise")
        and "(the quoted one: a human monoclonal IgG1 antibody)" in r
        for r in art.stance_reasons
    )
    # the finding-based synopsis ("Direct evidence: ...") says nothing about what a thing is
    assert "Direct evidence" not in art.bottom_line


def test_without_a_rival_qualifier_the_stance_is_left_to_the_findings() -> None:
    sources = [bioasq_source(1, "28174720")]
    art = compose_article(
        "Is Netrin-1 a secreted protein?", OracleSearcher(sources), LexicalVerifier(), provenance=Provenance()
    )
    assert not any(r.startswith("what Netrin-1 is") for r in art.stance_reasons)


def _synthetic(text: str) -> StoredSource:
    """A synthetic test record (not evidence): one sentence, for the reading rules only."""
    rec = SourceRecord(key="synthetic-test", title="", sections=(AbstractSection("", text),))
    return StoredSource(id=1, record=rec, evidence=classify(rec))


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # a denial is no mention, either way
        (
            "Is syntheticumab a polyclonal antibody?",
            "Syntheticumab is not a polyclonal antibody in this test.",
        ),
        ("Is syntheticumab a typical antipsychotic?", "Syntheticumab is not an atypical antipsychotic here."),
        # a list is no apposition: syntheticumab is not the chimeric antibody
        (
            "Is syntheticumab a humanized antibody?",
            "Patients received syntheticumab, infliximab, a chimeric antibody, or placebo in this test.",
        ),
        # another name that is not a rival target: a disease, a description, one of two targets
        ("Is synthevax an mRNA vaccine?", "Synthevax, a COVID-19 vaccine, was given in this test."),
        ("Is syntheticumab a PD-1 inhibitor?", "Syntheticumab, an FDA-approved inhibitor, was tested."),
        ("Is syntheticumab an IL-12 inhibitor?", "Syntheticumab, an IL-12/23 inhibitor, was tested."),
    ],
)
def test_no_answer_from_a_denial_a_list_or_a_name_that_is_no_rival(question: str, sentence: str) -> None:
    answer = kind_answer(question, [_synthetic(sentence)])
    assert answer is None or not answer.answers_no


def test_a_kind_sentence_the_verifier_does_not_fully_support_changes_nothing() -> None:
    sources = [bioasq_source(1, "29164954")]
    partial = ScriptedVerifier(LexicalVerifier(), lambda c: Label.PARTIAL if "monoclonal IgG1" in c else None)
    art = compose_article(
        "Is ustekinumab a polyclonal antibody?", OracleSearcher(sources), partial, provenance=Provenance()
    )
    assert not any(r.startswith("what ustekinumab is") for r in art.stance_reasons)


def test_a_kind_in_es_matches_its_singular_and_plural() -> None:
    # synthetic test fixture, not evidence
    text = "Synthetic fixture: cohesin is a ring-shaped protein complex that holds sister chromatids."
    rec = SourceRecord(key="synthetic-kind", title="", sections=(AbstractSection("", text),))
    src = StoredSource(id=1, record=rec, evidence=classify(rec))
    for question in ("Is cohesin a protein complex?", "Is cohesin a membrane complexes?"):
        q = kind_question(question)
        assert q is not None
        assert [m.said for m in mentions(q, src)] == [("ring-shaped", "protein")]


PIMAVANSERIN = ("29047301", "28493654", "29185820", "28817967", "27830568", "27609312")


def test_a_kind_answer_quotes_what_the_subject_is_not_an_aim_and_keeps_to_the_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "Is pimavanserin a typical antipsychotic?" (BioASQ snippet records; a tuning-half reading,
    2026-12-05): the bottom line had quoted the objective "To summarize the US Food and Drug Administration's
    (FDA's) review ...", the answer had quoted "pimavanserin is the first FDA-approved atypical antipsychotic"
    twice (with and without its full stop), and a trial's efficacy result among what pimavanserin is."""
    from medcite.compose import kinds

    q = "Is pimavanserin a typical antipsychotic?"
    sources = [bioasq_source(i, p) for i, p in enumerate(PIMAVANSERIN)]

    def compose() -> list[str]:
        art = compose_article(q, OracleSearcher(sources), LexicalVerifier(), provenance=Provenance())
        assert art.stance == "no" and "To summarize" not in art.bottom_line
        return [st.text for s in art.sections[:1] for st in s.statements]

    body = compose()
    assert all("antipsychotic" in t.lower() for t in body), body
    assert len({t.rstrip(" .") for t in body}) == len(body)  # no sentence twice
    monkeypatch.setattr(kinds, "KIND_ONLY", False)  # the switch: what the sources say of it besides
    assert not all("antipsychotic" in t.lower() for t in compose())


@pytest.mark.parametrize(
    ("question", "what_it_is"),
    [
        ("Is pimavanserin a typical antipsychotic?", True),
        ("Is ustekinumab a polyclonal antibody?", True),
        # PubMedQA questions of a clinical role: the findings answer them (keeping to the kind cost 3 answers)
        ("Is double-balloon enteroscopy an accurate method to diagnose small-bowel disorders?", False),
        ("Is low birth weight a risk indicator for congenital cytomegalovirus infection?", False),
        ("Is HbA1c an ideal biomarker of well-controlled diabetes?", False),
    ],
)
def test_only_a_question_of_what_a_thing_is_keeps_to_its_kind(question: str, what_it_is: bool) -> None:
    from medcite.compose.kinds import asks_what_it_is

    kind = kind_question(question)
    assert kind is not None and asks_what_it_is(kind) is what_it_is


def test_a_sentence_that_does_not_name_the_subject_says_nothing_of_what_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "Is myc a tumour suppressor gene?" (BioASQ 7B-9B, gold no; tuning half): the one source retrieved, a
    snippet record on HUWE1, names the kind in "... the intestinal tumour suppressor gene Apc ..." and not
    myc; the answer had been "Yes" from that sentence. With no sentence naming myc there is no answer."""
    from medcite.compose import kinds

    q = "Is myc a tumour suppressor gene?"
    sources = [bioasq_source(0, "28003334")]

    def compose() -> str | None:
        art = compose_article(q, OracleSearcher(sources), LexicalVerifier(), provenance=Provenance())
        return art.stance

    assert compose() == "uncertain"
    monkeypatch.setattr(kinds, "KIND_NONE", False)  # the switch: any sentence when none names the subject
    assert compose() == "yes"


def test_what_the_subject_is_called_is_filed_as_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Is PF-05190457 an inverse agonist of the ghrelin receptor?" (BioASQ 7B-9B, gold yes; a tuning-half
    reading, 2026-12-06): "PF-05190457 is a well-tolerated first-in-class ghrelin receptor inverse agonist
    with acceptable pharmacokinetics for oral daily dosing" (BioASQ snippet record 27621150) was filed under
    Dosing, its harm cue keeping it out of Key Findings, and the gaps then named Key Findings as omitted."""
    from medcite.compose import assemble, kinds

    q = "Is PF-05190457 an inverse agonist of the ghrelin receptor?"
    sources = [bioasq_source(0, "27621150")]

    def section_of_answer() -> str:
        art = compose_article(q, OracleSearcher(sources), LexicalVerifier(), provenance=Provenance())
        return next(s.title for s in art.sections for st in s.statements if "inverse agonist" in st.text)

    assert section_of_answer() == "Key Findings"
    monkeypatch.setattr(kinds, "KIND_FIRST", False)
    monkeypatch.setattr(assemble, "LEAD_IN_MAIN", False)  # else it opens the empty main section (tune38)
    assert section_of_answer() != "Key Findings"
