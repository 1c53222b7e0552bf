"""An article's layout: which sections a question's answer has, in what order, and their headings."""

from __future__ import annotations

import re
from functools import lru_cache

from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.text.design_cues import CLINICAL_WORDING, TREATMENT_HARM_WORDING, TREATMENT_WORDING
from medcite.text.synonyms import synonyms
from medcite.text.words import ANIMAL_NOUNS, alternation

TITLES: dict[str, str] = {
    "efficacy": "Efficacy",
    "findings": "Key Findings",
    "dosing": "Administration Routes and Settings / Dosing",
    "mechanism": "Mechanism of Action",
    "considerations": "Clinical Considerations (Patient Selection, Treatment Protocol)",
    "safety": "Safety and Side Effects",
    "harms": "Complications and Risks",  # the safety section's heading where no treatment is asked about
    "emerging": "Emerging Evidence",
    "pitfalls": "Clinical Pitfalls to Avoid",
    "gaps": "Evidence Gaps",
    # an answer with no direct evidence: what the animal or laboratory studies found (compose.instead)
    "indirect": "Indirect Evidence: Animal or Laboratory Studies",
}
LAYOUTS: dict[QuestionType, tuple[str, ...]] = {
    QuestionType.THERAPY: (
        "efficacy",
        "dosing",
        "mechanism",
        "considerations",
        "safety",
        "emerging",
        "pitfalls",
        "gaps",
    ),
    QuestionType.DOSING: ("dosing", "efficacy", "considerations", "safety", "pitfalls", "gaps"),
    QuestionType.ADVERSE: ("safety", "considerations", "efficacy", "pitfalls", "gaps"),
    QuestionType.MECHANISM: ("mechanism", "efficacy", "emerging", "gaps"),
    QuestionType.COMPARISON: ("efficacy", "safety", "considerations", "pitfalls", "gaps"),
    QuestionType.DIAGNOSIS: ("findings", "considerations", "pitfalls", "gaps"),
    QuestionType.PROGNOSIS: ("findings", "considerations", "pitfalls", "gaps"),
}

# a question that asks for a thing in no clinical wording ("Which gene controls ...?", "What is the 3D genome
# browser?") gets findings, mechanism and emerging evidence, not the clinical sections of a therapy answer
# (the reading found laboratory findings filed under Safety and Pitfalls, and gaps on the dosing of software)
FINDINGS_LAYOUT: tuple[str, ...] = ("findings", "mechanism", "emerging", "gaps")
ENTITY_FINDINGS = True  # a switch for measuring it (bench: --no-findings-layout)
# YESNO_FINDINGS: so would a yes/no question in no clinical wording ("Do yeast LTR give rise to circular
# DNA?": its findings are no "Efficacy"). Off: the wording test cannot tell a treatment question without
# clinical words ("Does bupropion help smoking cessation?") from a laboratory one, and on the even half of
# BioASQ 7B-9B yes/no it changed 3 answers (1 right, 2 wrong: 63.9 -> 63.4%)
YESNO_FINDINGS = False
# ROLE_FINDINGS: so does a question for the evidence in no clinical wording, in the laboratory's words
# (:data:`_LABORATORY`), that names no condition (MeSH C, F03): "What is the role of the Hof1-Cyk3
# interaction in yeast?" (tune38 found a yeast finding under "Clinical Pitfalls to Avoid" and no Key
# Findings); not "how to administer denosumab" nor "What is the effect of Bisphenol A in the body?" (an
# independent review: the synonyms name too few drugs to tell a drug question by its chemical). Off: only a
# question for a thing gets them
ROLE_FINDINGS = True
_LABORATORY = re.compile(
    rf"\b(?:{alternation(ANIMAL_NOUNS)}|genes?|genom\w*|proteins?|peptides?|cells?|cellular|yeast|bacteri\w*|"
    r"viral|virus(?:es)?|dna|rna|mrna|lncrnas?|mirnas?|micrornas?|chromatin|transcript\w*|enzymes?|kinases?|"
    r"receptors?|pathways?|domains?|mutations?|binding|express\w*|phosphorylat\w*|methylat\w*|histones?|"
    r"nucleosom\w*|cohesin|molecul\w*|in vitro|ligands?|signal+ing|proteom\w*|imprint\w*|interactions?|"
    r"splicing|translation|replication|differentiation)\b",
    re.I,
)


@lru_cache(maxsize=256)  # asked for each section of an article
def _laboratory(question: str) -> bool:
    """Whether the question is worded as a laboratory one and names no condition."""
    return bool(_LABORATORY.search(question)) and not any(d.is_condition for d in synonyms().find(question))


def layout_for(a: QuestionAnalysis) -> tuple[str, ...]:
    if (
        ENTITY_FINDINGS
        and (a.asks_entity or (YESNO_FINDINGS if a.yes_no else ROLE_FINDINGS and _laboratory(a.question)))
        and a.focus is QuestionType.THERAPY
        and not CLINICAL_WORDING.search(a.question)
    ):
        return FINDINGS_LAYOUT
    return LAYOUTS[a.focus]


def primary_key(a: QuestionAnalysis) -> str:
    return layout_for(a)[0]


def section_title(a: QuestionAnalysis, key: str) -> str:
    """A section's heading: "Efficacy" only where the question asks about a treatment's effect
    (:data:`medcite.text.design_cues.TREATMENT_WORDING`: "effective", "treat", "improve", "prevent", ...);
    the same section of another question ("Is X associated with Y?", "Does X bind Y?") is its "Key
    Findings" (a reading of 16 tuning-half articles found "Efficacy" over 5 such answers). "Safety and Side
    Effects" likewise only where a treatment is asked about (:data:`TREATMENT_HARM_WORDING`); else
    "Complications and Risks"."""
    if key == "efficacy" and not TREATMENT_WORDING.search(a.question):
        return TITLES["findings"]
    if key == "safety" and not (
        TREATMENT_WORDING.search(a.question) or TREATMENT_HARM_WORDING.search(a.question)
    ):
        return TITLES["harms"]
    return TITLES[key]
