from __future__ import annotations

import pytest

from medcite.compose import QuestionType, ThreadContext, analyze_question, follow_up, plan_queries
from medcite.errors import InputError


@pytest.mark.parametrize(
    ("question", "qtype", "intervention", "condition"),
    [
        ("What is the role of ketamine in treating anxiety?", QuestionType.THERAPY, "ketamine", "anxiety"),
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
