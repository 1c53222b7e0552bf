"""What a study set out to do, quoted as such where a question of fact finds nothing else."""

from __future__ import annotations

import pytest

from medcite.compose import compose_article
from medcite.compose.described import AIM_PREFIX, DONE_REASON, aim_of, asks_done
from medcite.domain import Provenance
from tests.compose.doubles import LexicalVerifier, OracleSearcher, bioasq_source

# the BioASQ snippet record of PMID 20567999: its one sentence naming ZP-PTH is its aim
QUESTION = "Which disease is ZP-PTH used for?"


def test_an_aim_is_read_in_the_infinitive() -> None:
    aim = "To evaluate the PK/PD of PTH(1-34) delivered by a patch system (ZP-PTH) for osteoporosis."
    assert aim_of(aim) == "to" + aim[2:]
    assert aim_of("We evaluated the efficacy of leuprorelin acetate depot formulations (Eligard).") == (
        "to evaluate the efficacy of leuprorelin acetate depot formulations (Eligard)."
    )
    assert aim_of("We aimed to assess the safety of MVA85A.") == "to assess the safety of MVA85A."
    assert aim_of("To summarize, ZP-PTH was well tolerated.") is None  # a conclusion
    assert aim_of("ZP-PTH was well tolerated.") is None


def test_a_question_of_fact_with_only_an_aim_is_answered_by_the_aim(monkeypatch: pytest.MonkeyPatch) -> None:
    """It had answered "Insufficient evidence ... No relevant study was found ... for: ZP-PTH" with the
    study of ZP-PTH retrieved; the aim says what ZP-PTH is for, and the article says it is an aim."""
    search = OracleSearcher([bioasq_source(1, "20567999")])
    art = compose_article(QUESTION, search, LexicalVerifier(), provenance=Provenance())
    assert not art.insufficient
    assert art.bottom_line.startswith(AIM_PREFIX + "to evaluate") and "osteoporosis" in art.bottom_line
    (stmt,) = [st for s in art.sections if s.key != "gaps" for st in s.statements]
    assert stmt.text.startswith(AIM_PREFIX) and stmt.verdict == "supported"
    monkeypatch.setattr("medcite.compose.compose.DESCRIBED", False)  # the switch: the answer before
    assert compose_article(QUESTION, search, LexicalVerifier(), provenance=Provenance()).insufficient
    # a yes/no question is never answered by an aim
    yes_no = compose_article(
        "Is ZP-PTH used for osteoporosis?", search, LexicalVerifier(), provenance=Provenance()
    )
    assert not any(st.text.startswith(AIM_PREFIX) for s in yes_no.sections for st in s.statements)


def test_a_question_on_whether_it_has_been_done_is_answered_yes_by_a_study_that_set_out_to() -> None:
    """ "Have machine learning methods been used to predict the severity of major depressive disorder (MDD)?"
    (BioASQ, gold yes): its one direct source names the methods only in its objective, "We aimed to
    integrate neural data and an advanced machine learning technique to predict individual major depressive
    disorder (MDD) patient severity" (PMID 26821982)."""
    assert asks_done("Have machine learning methods been used to predict the severity of MDD?")
    assert asks_done("Has ZP-PTH been tested in a phase II clinical trial?")
    assert not asks_done("Has the incidence of MDD increased?")
    aim = aim_of(
        "OBJECTIVE We aimed to integrate neural data and a machine learning technique to predict it."
    )
    assert aim == "to integrate neural data and a machine learning technique to predict it."
    assert (
        aim_of("To date, no trial has tested it.") is None and aim_of("To our knowledge, it is new.") is None
    )
    q = "Have machine learning methods been used to predict the severity of major depressive disorder (MDD)?"
    art = compose_article(
        q, OracleSearcher([bioasq_source(1, "26821982")]), LexicalVerifier(), provenance=Provenance()
    )
    assert art.stance == "yes" and DONE_REASON in art.stance_reasons
    assert AIM_PREFIX + "to integrate" in art.bottom_line
