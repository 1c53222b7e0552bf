"""Cues: the section-label vocabulary and section roles, and the wording that reads a finding.

Several readers look for negation, hedging or a direction of effect. They answer different questions,
were tuned on different data, and so use different cue lists, kept side by side here:

* :func:`finding_polarity` (:data:`Polarity`): does a sentence report a *positive*, *negative*, *hedged*
  or *neutral* finding? The composer orders the primary section by it (the majority first, the opposing
  evidence as "In contrast, ..."). Cues: :data:`NEGATIVE_FINDING`, :data:`HEDGE`, :data:`POSITIVE_FINDING`.
* :func:`medcite.text.direction_cues.effect_direction`: which way did the outcome move (the verifier's
  direction check), in its own module.
* The yes/no stance vote (``compose/stance.py``): :data:`NEGATION`, :data:`NOT_NEGATING`,
  :data:`EQUIVALENCE`, :data:`STRONG_HEDGE`, and for the question :data:`NEGATED_QUESTION`,
  :data:`QUESTION_NOT_NEGATING`, :data:`DIFFERENCE_QUESTION`.
* The composer's statements: :data:`AUTHORS_FRAME` with its verb lists (the authors' frame around a claim,
  "we conclude that X"), :data:`FIRST_PERSON`, :data:`TRUNCATION_MARKER` (a database's note).
* What a sentence is for: :func:`medcite.text.research_calls.asks_for_research` (a call for research or
  action, or what the article covers, in its own module) and :func:`states_aim`; the composer quotes neither
  as a finding. The design classifier's cues are in :mod:`medcite.text.design_cues`.

The lists overlap but are not interchangeable ("lower" is a positive finding to the composer and a decrease to
the verifier; "comparable" is no difference to the verifier and an equivalence to the stance vote)."""

from __future__ import annotations

import re
from typing import Literal

from medcite.text.clauses import main_clause
from medcite.text.design_cues import DESIGN_SCOPE_OR_TASK


def _labels(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- section labels -----------------------------------------------------------------------------------
# Words that name a section of a structured abstract ("RESULTS"); an inline label needs one of them.
_HEADINGS = _labels(
    """ACQUISITION AIM AIMS BACKGROUND CONCLUSION CONCLUSIONS CONTEXT CRITERIA DESIGN DISCUSSION FINDINGS
    IMPLICATIONS IMPORTANCE INTERPRETATION INTERVENTION INTERVENTIONS INTRODUCTION LIMITATIONS MATERIAL
    MATERIALS MEASUREMENTS MEASURES METHOD METHODS OBJECTIVE OBJECTIVES OUTCOME OUTCOMES PARTICIPANTS
    PATIENTS PURPOSE RATIONALE REGISTRATION RESULT RESULTS SELECTION SETTING SETTINGS SIGNIFICANCE SUBJECTS
    SUMMARY SYNTHESIS OPINION COVERED UNLABELLED UNLABELED OBJECT"""
)
# Words that only qualify a heading ("MAIN OUTCOME MEASURES", "DATA SOURCES").
_LINKS = _labels(
    "ANALYSIS AND AREAS CASE DATA EVIDENCE EXPERT FOR MAIN OF PRACTICE PRINCIPAL SOURCES STUDY THE TRIAL"
)
# Words of labels that open an abstract ("WHAT IS ALREADY KNOWN", "CLINICAL TRIAL REGISTRATION"), too
# ambiguous inside running text.
_OPENING = _labels(
    """ABSTRACT ADDS ALREADY ANALYSES APPROACH CASES CLINICAL ELIGIBILITY EXPERIMENTAL EXPOSURE EXPOSURES
    EXTRACTION FUNDING GOAL GOALS HISTORY HYPOTHESIS IN IS KEY KNOWN MEASURE NEW POINTS POLICY POPULATION
    PRESENTATION PROBLEM PROCEDURE PROCEDURES QUESTION QUESTIONS RECOMMENDATIONS RELEVANCE REPORT REPORTS
    REVIEW REVIEWS SCOPE SEARCH STATISTICAL STRATEGY THIS TO TRIALS WHAT"""
)
# inline labels inside an unlabelled abstract ("... were enrolled. RESULTS: Mortality ...")
# "CLASSIFICATION OF EVIDENCE" is Neurology's label (kept glued to its sentence by some snippet records)
HEADING_WORDS = _HEADINGS | _labels("IMPLICATION PATIENT PURPOSES RELEVANCE COMMENTARY CLASSIFICATION")
# Cochrane's "AUTHORS' / REVIEWERS' CONCLUSIONS" (quoted with its sentence in a tuning-half reading)
LINK_WORDS = _LINKS | _labels("COLLECTION AUTHORS AUTHORS' AUTHORS’ REVIEWERS REVIEWERS' REVIEWERS’")
# labels that split an abstract when it opens with one ("BACKGROUND: ... METHODS: ...")
STRUCTURED_LABEL_WORDS = _HEADINGS | _LINKS | _OPENING

# -- section roles ------------------------------------------------------------------------------------
Role = Literal["background", "methods", "results", "conclusions", "unknown"]
# stems looked for inside a section label, role by role in this order ("CONCLU": "CONCLUDING REMARKS")
ROLE_STEMS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("conclusions", ("CONCLU", "INTERPRETATION", "IMPLICATION", "SIGNIFICANCE", "OPINION")),
    ("results", ("RESULT", "FINDING")),
    ("methods", ("METHOD", "DESIGN", "SETTING", "PATIENT", "PARTICIPANT", "INTERVENTION", "MEASURE")),
    (
        "background",
        ("BACKGROUND", "INTRODUCTION", "CONTEXT", "OBJECT", "PURPOSE", "AIM", "RATIONALE", "COVERED"),
    ),
)
# the verbs of an aim ("To evaluate ...", "We aimed to assess ..."; compose.described reads them too)
AIM_VERBS = (
    "evaluate assess determine investigate examine compare study test explore describe summarize summarise "
    "review characterize characterise identify quantify estimate elucidate clarify"
).split()
# ... and verbs that open an aim in the infinitive only ("To develop a simple ... severity index ...", tune31;
# "We developed X" and "We validated X" report what was done: compose.described reads AIM_VERBS alone)
_INFINITIVE_AIM_VERBS = (
    "develop validate establish analyze analyse measure define ascertain understand".split()
)
# an unlabelled sentence that states the aim or the method, not a finding (not "To summarize, ...")
_AIM_CUE = re.compile(
    rf"(?:to (?:{'|'.join((*AIM_VERBS, *_INFINITIVE_AIM_VERBS))})\b(?!,)|"
    r"(?:in (?:this|the present|the current) study,? )?we (?:compared|examined|investigated|evaluated|"
    r"assessed|studied|conducted|performed|enrolled|recruited|randomi[sz]ed|aimed|sought|hypothesi[sz]ed|"
    r"designed|tested|explored|analy[sz]ed|reviewed|measured|used)\b|"
    r"(?:this|the present|the current|our) (?:study|trial|review|analysis) (?:was|is|aimed|aims|"
    r"examined|investigated|evaluated|assessed|compared|sought|describes)\b|"
    r"(?:the )?(?:primary |secondary |main )?(?:outcome )?measures? (?:of \w+ )?(?:was|were|included)\b|"
    r"(?:prospective|retrospective),? (?:randomi[sz]ed |controlled |observational )*(?:study|trial|"
    r"analysis|review)\b)",
    re.I,
)
_ASSIGNED_CUE = re.compile(
    r"\bwere (?:randomly |randomi[sz]ed and )?(?:assigned|randomi[sz]ed|allocated|enrolled|recruited|"
    r"initiated on|included)\b",
    re.I,
)
# what a study found, said with a verb of showing ("... and implies that ..."), unless what is shown is asked
# or supposed ("whether imaging shows that ...", "the hypothesis that ... implies that ...")
_SHOWS_THAT = r"\b(?:impl(?:y|ies)|suggests?|shows?|demonstrates?|indicates?|reveals?|confirms?)\s+that\b"
_ASKED = r"\b(?:whether|if|hypothes\w*|unknown|unclear|aim\w*|sought|designed|purpose)\b"
_CONCLUSION_CUE = re.compile(
    r"\b(?:we conclude|in conclusion|^conclusions?\b|\bconclusions?(?:</\w+>)?\s*:|"
    r"these (?:results|findings|data) (?:suggest|indicate|show)|"
    r"our (?:results|findings|data) (?:suggest|indicate|show)|in summary|taken together|overall,|"
    # "Our study describes a distinct mutational signature ... and implies that ..." (tune31)
    r"^(?:our|this|the present|the current) (?:study|work|analysis)\b"
    rf"(?![^.;]*{_ASKED})[^.;]{{0,160}}?{_SHOWS_THAT})",
    re.I,
)
# what an article says it covers: "This article reviews various studies ...", "It summarizes prior and
# current clinical trials ...", "The present review describes ..." (a methods sentence for role_of, and no
# statement for asks_for_research); not "... describes evidence that X", which states a finding
ARTICLE_SCOPE = (
    r"\b(?:it|(?:this|the present|the current|our|the) (?:article|paper|report|chapter|review|overview)) "
    r"(?:reviews|reviewed|summari[sz]e[sd]|discusse[sd]|describe[sd]|presents|presented|outlines|outlined|"
    r"highlights|highlighted|focuses on|provides? an? (?:overview|summary|update)|provided an overview)\b"
    r"(?!\s+(?:evidence\s+)?that\b)"
    # "The authors describe a case in which ..." (a case report's frame, quoted as a finding in a tuning-half
    # reading, 2026-12-07)
    r"|\bthe authors (?:describe|present|report|review|discuss)\b(?!\s+(?:evidence\s+)?that\b)"
    # an issue or a review that says how it is built: "This special issue concludes with a conceptual
    # framework ...", "The review culminates in a preliminary model ...", "The review integrates the recent
    # literature ..." (a reading of tuning-half articles found these quoted as findings, one in a bottom line)
    r"|\b(?:this|the present|the current|our|the) (?:special )?(?:issue|volume|supplement|article|paper|"
    r"review|overview) (?:concludes with|culminates in|integrates|opens with|begins with|closes with)\b"
)
# a trial's design or protocol, not its result: "SPRINT-MS is designed to evaluate the safety and efficacy of
# ibudilast ..." (quoted in a tuning-half bottom line, with "high" certainty), "Patients will be randomised
# to ...", "The trial will recruit ...", "The review will focus on ..."
PROTOCOL = (
    r"\b(?:is|are|was|were) (?:being )?designed to (?:evaluate|assess|determine|investigate|examine|compare|"
    r"test|explore|establish|identify|measure|study|describe)\b"
    r"|\bwill be (?:randomly )?(?:randomi[sz]ed|assigned|allocated|enrolled|recruited|assessed|evaluated|"
    r"measured|compared|analy[sz]ed|followed(?: up)?|collected|conducted|performed|included|screened)\b"
    r"|\b(?:this|the|our) (?:[\w-]+ ){0,3}(?:study|trial|protocol|review|article|paper) will (?:be |also )?"
    r"(?:\w+)\b"
)
# the method or the aim, worded anywhere in the sentence: "Given X, the current study examined ...", "In 2010,
# we retrospectively reviewed ...", "Success was defined as ...", "The aim of this study was to ...", "The
# TORTUGA trial investigated the efficacy and safety of filgotinib ..." (tune36: quoted as evidence; a bare
# "the" only opening the sentence: not "Since the trial was designed to", "the AN1792 study compared with")
_METHOD_CUE = re.compile(
    r"(?:(?:\b(?:this|the present|the current|our)|^(?:(?-i:[A-Z]{3,}):?\s+)?the) (?:[\w-]+ ){0,3}"
    r"(?:study|trial|review|analysis) "
    r"(?:was designed|aimed|aims|examined|investigated|evaluated|assessed|compared(?! (?:with|to)\b)|sought|"
    r"describes|explored|"
    # "This study looks for a rebound aggravation of symptoms ..." (tune35: quoted as the bottom line)
    r"tested|look(?:s|ed) (?:for|at)|seeks? to|set out to)\b|"
    # "The study used immunohistochemistry to evaluate target expression ..." (tune32: a bottom line)
    r"(?:this|the|our) (?:[\w-]+ ){0,2}(?:study|trial) used\b[^.;]{0,120}?\bto (?:evaluate|assess|measure|"
    r"determine|examine|investigate|compare|estimate|identify|detect|quantify)\b|"
    # "The aim of the trial was to evaluate ..." (tune32: filed under Mechanism of Action)
    r"(?:aim|purpose|objective|goal)s? of (?:this|the present|the current|our|the) (?:[\w-]+ ){0,3}"
    r"(?:study|trial|review|analysis|work) (?:was|were|is|are)\b|"
    r"we (?:\w+ly )?(?:compared|examined|investigated|evaluated|assessed|studied|conducted|performed|"
    r"enrolled|recruited|randomi[sz]ed|aimed|sought|designed|tested|explored|analy[sz]ed|reviewed|measured|"
    r"administered|collected|identified|included|searched|interviewed|surveyed|selected|extracted|screened|"
    r"calculated|obtained|followed|describe|present)\b|"
    # what the authors made, not what they found: "We report the design, synthesis, immunological evaluation,
    # and conformational analysis of new saponin variants ..." (tune35: quoted as the bottom line)
    r"we report (?:the |a |an )?(?:design|development|synthesis|construction|generation)\b|"
    r"(?:was|were) (?:operationally )?defined as\b|"
    # what was made with a technique: "... lines were constructed using standard balancer-chromosome
    # techniques" (tune41: a finding); 49 corpus sentences, nearly all methods ("... developed using ...")
    r"(?:was|were) (?:constructed|generated|prepared|created|established|built|developed) using\b|"
    # where the data came from: "Questions about citizens' attitudes ... were taken from the European Social
    # Survey" (tune31: filed as a clinical consideration)
    r"(?:was|were) (?:taken|obtained|extracted|collected|drawn|derived|retrieved) from (?:the |a |an )?"
    r"(?:[\w-]+ ){0,4}(?:survey|database|registry|register|records|questionnaire|dataset|census)\b|"
    rf"{DESIGN_SCOPE_OR_TASK}|"  # "The study was a ... trial of ...", "... was used for the fractionation of"
    # "A survey of reptile-associated ticks ... was conducted to determine ...": the aim, in the passive
    r"(?:was|were) (?:conducted|performed|carried out|undertaken|initiated) (?:in order )?to (?:determine|"
    r"evaluate|assess|investigate|examine|compare|study|test|explore|describe|identify|characteri[sz]e|"
    r"estimate|establish|clarify|elucidate)\b|"
    # a design or a scope, not a finding: "SPRINT-MS is designed to evaluate the safety and efficacy of
    # ibudilast", "This article reviews various studies ...", "It summarizes prior and current clinical
    # trials ...", "The evidence ... is reviewed as it relates to cognitive decline"
    r"(?:is|are) designed to (?:evaluate|assess|determine|test|compare|examine|investigate|study)\b|"
    rf"{ARTICLE_SCOPE}|"
    r"(?:is|are) (?:here |briefly |critically |also )?(?:reviewed|summari[sz]ed|discussed|outlined)"
    r"(?=\s*[.;]|\s+(?:as|here|below|in this|in the present)\b))",
    re.I,
)
# a protocol's plan: "Regression analyses will examine associations ...", "Outcomes will be assessed"; not
# research to come ("Ongoing randomized trials will determine whether ...", "Future studies will examine")
_PLAN_CUE = re.compile(
    r"\bwill (?:be )?(?:examine|assess|evaluate|compare|investigate|measure|explore|determine|test|recruit|"
    r"enrol|enroll|collect|analy[sz]e|randomi[sz]e|follow)(?:d|ed)?\b",
    re.I,
)
_RESEARCH_TO_COME = re.compile(
    r"\b(?:ongoing|future|further|larger|additional|upcoming|planned|phase (?:ii|iii|3|2))\b|"
    r"\bwill be tested\b",
    re.I,
)
# background, not a finding of the study: what was not known before it ("Little is known about ..."), or what
# others (or the authors before) found ("X has been shown to reduce Y", "was previously reported"), or what is
# under way ("MVA is being developed as a safer smallpox vaccine", "Bavarian Nordic is developing IMVAMUNE":
# a tuning-half reading, 2026-12-06, found both under Efficacy for "Is MVA effective for smallpox?"; "The
# use of botulinum toxin is under investigation")
# tried, not kept (tune36): "X was previously shown to ..., with significant improvements" read as background
# though it states figures (they are the earlier study's): the BioASQ yes/no even half lost "Does ProSavin use
# an adenoviral vector?" (no -> uncertain: only that sentence says "lentiviral"), 73.66 -> 73.17%
_BACKGROUND_CUE = re.compile(
    r"\b(?:little is known|(?:few|no) (?:previous |prior )?studies have|(?:has|have) not (?:yet )?been "
    r"(?:well |fully |systematically )?(?:studied|investigated|examined|evaluated|established)|(?:has|have) "
    r"(?:previously |already )?been (?:previously )?(?:shown|reported|demonstrated|suggested) to|"
    r"(?:was|were|(?:has|have) been) previously (?:shown|reported|demonstrated|described)|"
    r"we (?:have )?previously (?:shown|reported)|"
    r"(?:is|are) (?:currently |now |still )?(?:being developed|under (?:development|investigation|evaluation|"
    r"consideration)|in (?:clinical )?development)|"
    r"(?:is|are) (?:currently |now )?developing|"
    # a study still running reports no result: "EPICCURE is an ongoing randomized, double-blind,
    # placebo-controlled study of the safety of AZD8601 ..." (tune32: quoted as a key finding)
    r"\bis an ongoing\b|"
    # what is not known yet: "The role of p300 in protection against doxorubicin-induced apoptosis is
    # unknown." (BioASQ snippets, a tuning-half reading, 2026-12-06: quoted as a finding beside the result
    # that answers it)
    r"(?:is|are) (?:still |largely |currently |as yet |yet )?(?:unknown|not known|poorly understood)|"
    r"remains? (?:largely |still )?(?:unknown|poorly understood|to be elucidated))\b",
    re.I,
)
_NAMED_STATISTICS = r"confidence interval|odds ratio|hazard ratio|relative risk"
RESULT_CUE = re.compile(
    rf"\b(?:p\s?[<=>]\s?0?\.\d|95%\s?CI|{_NAMED_STATISTICS}|\d+(?:\.\d+)?\s?%|significant(?:ly)?)", re.I
)


# headings in sentence case, as exports from full-text pages keep them (also read by
# text.sentences.inline_sections)
TITLE_HEADINGS = (
    r"(?:Materials and [Mm]ethods|Background|Introduction|Context|Importance|Objectives?|Purpose|Aims?|"
    r"Rationale|Design|Setting|Methods?|Methodology|Patients|Participants|Subjects|Interventions?|"
    r"Measurements|Results|Findings|Conclusions?|Interpretation|Discussion|Relevance|Significance)"
)
# a section heading in sentence case glued to its first sentence, as some exports keep it: "Methods This
# longitudinal study investigates ...", "Results Mortality fell ..."
# ("Objective Response Rate (ORR) was 45%" and "Background EEG activity ..." are no headings: the word after
# the heading is a capitalised word followed by a small one); a corpus may keep the word "Abstract" before it
# ("Abstract Background The gut microbiota is ..."); or glued ("BackgroundTreatment guidelines ...", a
# tuning-half reading; not "MethodsX is ...")
_AFTER_LABEL = r"(?:\s+(?=[A-Z][a-z]*\s+[a-z(])|(?=(?:A|[A-Z][a-z]+)\s+[a-z(]))"
WORD_LABEL = re.compile(rf"^(?:Abstract\s+)?({TITLE_HEADINGS}){_AFTER_LABEL}")


_PARENTHESES = re.compile(r"\([^()]*\)")
# only assignment: "were (randomly) assigned / randomised / allocated" (not "included", "enrolled")
_ALLOCATED = re.compile(
    r"\bwere (?:then |subsequently )?(?:randomly |randomi[sz]ed and )?(?:assigned|randomi[sz]ed|allocated)\b",
    re.I,
)
# a statistic anywhere, brackets included: a result
STATISTIC = re.compile(
    rf"\b(?:(?i:p\s?[<=>]\s?0?\.\d+|\d+(?:\.\d+)?\s?percent|{_NAMED_STATISTICS}|risk ratio|significan\w*)|"
    r"OR|HR|RR|CI)\b",
)
# an outcome reported beside the assignment: "... were randomised; mortality was lower with X", "... of the
# 504 patients who were randomly assigned, 30 (6%) died"
_REPORTED_OUTCOME = re.compile(
    r"\b(?:higher|lower|greater|fewer|less|more|improv\w*|reduc\w*|increas\w*|decreas\w*|differ\w*|"
    r"similar|associated|better|worse|longer|shorter|compared|versus|vs|died|deaths?|events?|end ?points?|"
    r"responded|response|remission|reached|achieved|developed|experienced|occurred)\b",
    re.I,
)
# who took part: "548 female BRCA1 mutation carriers and 523 BRCA2 carriers were identified from the
# database." (a finding and a bottom line in a reading of tuning-half articles, 2026-12-05)
_ENROLLED = re.compile(
    r"\b(?:were|was) (?:then |subsequently |finally |consecutively |prospectively |retrospectively )?"
    r"(?:identified (?:from|through|via|in (?:the|a|our) (?:[\w-]+ )?(?:database|registry|records?))|"
    r"enrolled|included|recruited|screened|selected|eligible|available for (?:analysis|follow-up)|entered|"
    r"registered)\b"
    # "A total of 37 patients meet the study criteria." (tune32: a key finding)
    r"|(?<!who )(?<!that )(?<!which )\b(?:met|meet|fulfil+(?:ed)?|satisfied) (?:the |our |all )?"
    r"(?:study|inclusion|eligibility|entry|selection) criteria\b"
    # ... and who stayed: "Of the 4718 infants enrolled under the program 1745 (36.9%) completed both TEOAE
    # and AABR" (a finding in a reading of tuning-half articles, 2026-12-06); not "completed treatment"
    r"|\bcompleted (?:both|all|the (?:[\w-]+ ){0,2}?"
    r"(?:study|trial|protocol|follow-up|survey|questionnaires?))\b"
    r"(?![^.;]*\b(?:doses?|and (?:remained|were|was|had|achieved|reported|showed))\b)"
    r"|\b(?:were|was) lost to follow-up\b"
    r"|(?<!who )\b(?:withdrew|dropped out)\b(?! from (?:treatment|therapy))"
    r"(?![^.;]*\b(?:because|due|owing|as a result)\b)",
    re.I,
)


def enrolment(text: str) -> bool:
    """The sentence says who took part (:data:`_ENROLLED`) and nothing else (as :func:`allocation`)."""
    return bool(_ENROLLED.search(text)) and _nothing_else(text)


def _nothing_else(text: str) -> bool:
    """No statistic, and outside brackets no result, conclusion or outcome word."""
    bare = _PARENTHESES.sub(" ", text)
    found = (RESULT_CUE.search(bare), _CONCLUSION_CUE.search(bare), _REPORTED_OUTCOME.search(bare))
    return not STATISTIC.search(text) and not any(found)


def allocation(text: str) -> bool:
    """Who was assigned to what and nothing else (:func:`_nothing_else`: figures in brackets describe the
    groups): "504 patients with stenosis of the carotid artery (90% symptomatic) were randomly assigned to
    endovascular treatment (n=251) or surgery (n=253)." A method, though many results open with it."""
    if not (m := _ALLOCATED.search(text)):
        return False
    return _nothing_else(_DESCRIBED.sub(" ", text[: m.start()]) + text[m.start() :])


# a figure that describes who was assigned, before the verb: a mean with its spread or a level "of" a share
# ("One-hundred participants with a mean±s.d. age of 55.6±10.6 year ... and HbA1c of 7.7±1.3% were randomly
# assigned to ...", tune36: a bottom line); not "Mortality was 6% in patients who were randomly assigned"
_DESCRIBED = re.compile(r"\d+(?:\.\d+)?\s?(?:±|\+/-)\s?\d+(?:\.\d+)?\s?%?|\bof\s+\d+(?:\.\d+)?\s?%")


# a label in capitals glued to its sentence, with or without its colon, as some corpora keep it: "OBJECTIVE
# To summarize ...", "BACKGROUND AND OBJECTIVES Olaratumab is ...", "RESULTS: IL-6 fell ..." (a heading only
# where its words are heading words, :func:`is_heading`: not "AIDS patients ...", "DNA Damage ...")
CAPS_LABEL = re.compile(r"^((?:[A-Z]+['\u2019]?\s+){0,3}[A-Z]+):?\s+(?=[A-Z0-9(])")


def is_heading(label: str) -> bool:
    """Whether ``label`` is made of heading words (at least one, beside linking words such as "and")."""
    words = label.upper().split()
    return any(w in HEADING_WORDS for w in words) and all(
        w in HEADING_WORDS or w in LINK_WORDS for w in words
    )


def titled_heading(label: str) -> bool:
    """Whether ``label`` is heading words (:func:`is_heading`), or two words or more, each capitalised or a
    small linking word, one of them a heading or linking word: "Clinical Relevance", "Level of Evidence",
    "LAY SUMMARY" (a review of tune36: left inside quoted statements); not "Yes" nor "Mean age"."""
    words = label.split()
    titled = all(w[0].isupper() or (w.islower() and w.upper() in LINK_WORDS) for w in words)
    named = any(w.upper() in HEADING_WORDS or w.upper() in LINK_WORDS for w in words)
    return is_heading(label) or (len(words) >= 2 and titled and named)


def caps_label(text: str) -> re.Match[str] | None:
    """The heading in capitals that ``text`` opens with (:data:`CAPS_LABEL`), or None."""
    m = CAPS_LABEL.match(text)
    return m if m and is_heading(m.group(1)) else None


def role_of(label: str, text: str) -> Role:
    """The role of a sentence in its abstract: from its section label (or a heading glued to its start),
    else from its wording."""
    if not label and (m := WORD_LABEL.match(text) or caps_label(text)):
        label = m.group(1)
    lab = label.upper()
    for role, stems in ROLE_STEMS:
        if any(k in lab for k in stems):
            return "methods" if role == "results" and (allocation(text) or enrolment(text)) else role
    finding = RESULT_CUE.search(text) or _CONCLUSION_CUE.search(text) or found_that(text)
    plan = _PLAN_CUE.search(text) and not _RESEARCH_TO_COME.search(text)
    if (
        (
            (_AIM_CUE.match(text) or _ASSIGNED_CUE.search(text) or _METHOD_CUE.search(text) or plan)
            and not finding
        )
        or allocation(text)
        or enrolment(text)
    ):
        return "methods"
    if _BACKGROUND_CUE.search(text) and not finding:
        return "background"
    if _CONCLUSION_CUE.search(text):
        return "conclusions"
    if RESULT_CUE.search(text):
        return "results"
    return "unknown"


# -- the polarity of a finding (the composer) ---------------------------------------------------------
Polarity = Literal["positive", "negative", "hedged", "neutral"]
NEGATIVE_FINDING = re.compile(
    r"\b(?:did not|does not|do not|was not|were not|is not|are not|has not|have not|could not|cannot|"
    r"no (?:statistically )?significant|not (?:statistically )?significant(?:ly)?|"
    r"no (?:significant )?differences?|"
    r"not associated|no association|no (?:clear |convincing )?evidence|failed to|no (?:beneficial )?effect|"
    r"no benefit|not effective|ineffective|no role|not related|no relationship|no correlation|"
    r"not superior|not improve|neither|nor|unrelated|independent of|no longer|no advantage|lack of|"
    r"no impact|no influence|not predictive|not useful|not justified|not necessary|not recommended|"
    r"not (?:be )?(?:required|needed|warranted))\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|potential(?:ly)?|appears? to|seems? to|further (?:studies|"
    r"research|trials|"
    r"investigations?|evaluation|work)|more (?:research|studies)|larger|warrant(?:ed|s)?|remains? (?:unclear|"
    r"uncertain|controversial|to be)|unclear|uncertain|preliminary|inconclusive|controversial|conflicting|"
    r"not (?:yet )?(?:clear|known|established)|limited evidence|needs? to be|"
    r"should be (?:confirmed|investigated))\b",
    re.I,
)
POSITIVE_FINDING = re.compile(
    r"\b(?:significant(?:ly)?|improv\w*|reduc\w*|effective\w*|efficac\w*|associated with|benefit\w*|"
    r"superior|increas\w*|decreas\w*|safe|useful|feasible|predict\w*|lower|higher|better|successful\w*|"
    r"accurate|reliable|valid|recommended|support\w*|promot\w*|enhanc\w*|prevent\w*|protect\w*|"
    r"(?:ha(?:s|ve|d)|had) an? (?:\w+ )?effect)",
    re.I,
)


def finding_polarity(text: str) -> Polarity:
    """Whether a sentence reports an effect (positive), its absence (negative), a hedged finding, or
    neither (neutral), by counting cue matches; after an opening concession, in the main clause where it has
    a cue."""
    # a sentence that opens with a concession says its finding in the main clause: "Although X did not reduce
    # pain, function improved" is positive. A main clause with no cue leaves the whole sentence to decide
    # ("Although statins did not reduce mortality, this study has limitations": negative)
    if (main := main_clause(text)) != text and (polarity := finding_polarity(main)) != "neutral":
        return polarity
    neg = len(NEGATIVE_FINDING.findall(text))
    hedge = len(HEDGE.findall(text))
    pos = len(POSITIVE_FINDING.findall(text))
    if neg and neg >= pos:
        return "negative"
    if hedge and not neg:
        return "hedged" if pos <= hedge else "positive"
    if pos or neg:
        return "positive" if pos > neg else "negative"
    return "neutral"


# -- the yes/no stance vote ---------------------------------------------------------------------------
NEGATION = re.compile(
    r"\b(?:not|no|none|never|neither|nor|cannot|can't|doesn't|don't|didn't|isn't|aren't|wasn't|weren't|"
    r"won't|without (?:any|a) (?:significant|clear)|fail(?:s|ed)? to|insufficient|unable to|lack(?:s|ed)? of|"
    r"absence of|unrelated|independent(?:ly)? of|irrespective of|unchanged|ineffective|inaccurate|"
    r"unreliable|unnecessary|poor(?:ly)?|limited value|"
    r"rather than|instead of)\b",
    re.I,
)
# "not only", "no longer", "whether or not": a "not" that negates nothing
NOT_NEGATING = re.compile(
    r"\b(?:not only|no longer|whether or not|if not|not yet|no doubt|not uncommon|not infrequent\w*|"
    r"not unusual|not surprising\w*|none the less|nonetheless|no (?:other|more) than|not (?:be )?"
    r"(?:ignored|overlooked|neglected|underestimated|forgotten))\b",
    re.I,
)
# "equally safe", "comparable yield", "no significant difference": a *no* to "does X differ / improve Y?",
# a *yes* to "is X safe / feasible / as good as Y?"
EQUIVALENCE = re.compile(
    r"\b(?:similar(?:ly)?|comparable|equivalent|identical|equally|as (?:safe|effective|accurate|good) as|"
    r"no (?:statistically )?(?:significant )?differences?|"
    r"not (?:statistically )?(?:significantly )?differ\w*|"
    r"did not differ|non-?inferior\w*)\b",
    re.I,
)
# a strong hedge ("remains unclear", "inconclusive"); mild ones ("may", "suggest") do not vote uncertain
STRONG_HEDGE = re.compile(
    r"\b(?:remains? (?:unclear|uncertain|unknown|controversial|to be (?:determined|established|seen|"
    r"clarified))|inconclusive|controversial|conflicting|equivocal|not (?:yet )?(?:clear|known|"
    r"established|conclusive)|unclear|uncertain|may or may not|further (?:studies|research|trials|"
    r"investigation|evaluation) (?:is|are) (?:needed|required|warranted) to (?:determine|confirm|clarify|"
    r"establish)|larger (?:studies|trials) (?:are|is) (?:needed|required|warranted)|"
    r"cannot (?:be )?(?:excluded|ruled out|determined|confirmed)|"
    r"trend(?:ed)? towards?)\b",
    re.I,
)
# a question about a difference or an effect (then "comparable" answers no)
# ("differ", "difference"; not "differentiation": "Is cohesin linked to myeloid differentiation?")
DIFFERENCE_QUESTION = re.compile(
    r"\b(?:differ(?!entiat)\w*|better|superior|inferior|more|less|improv\w*|increas\w*|reduc\w*|decreas\w*|"
    r"affect\w*|influenc\w*|impact\w*|associat\w*|relat\w*|predict\w*|change\w*|alter\w*|promot\w*|"
    r"higher|lower|worse|benefit\w*|prevent\w*|protect\w*|cause\w*|risk|"
    r"requir\w*|needs?|needed|necessar\w*|contraindicat\w*)\b",
    re.I,
)
NEGATED_QUESTION = re.compile(r"\b(?:not|never|fail(?:s|ed)? to)\b", re.I)  # "Does X not reduce Y?"
QUESTION_NOT_NEGATING = re.compile(r"\b(?:or not|whether or not|if not|not only)\b", re.I)  # "X or not?"


# what a study found, said after its frame: "Our study describes a distinct mutational signature in colorectal
# cancer and implies that the underlying mutational process results directly from past exposure to bacteria
# carrying the ... pks pathogenicity island" (tune31: the bottom line quoted a background sentence instead)
_SHOWS_THAT_CUE = re.compile(_SHOWS_THAT, re.I)
_ASKED_CUE = re.compile(_ASKED, re.I)


def found_that(text: str) -> bool:
    """Whether ``text`` says what was shown (:data:`_SHOWS_THAT`), not after words that ask or suppose it."""
    m = _SHOWS_THAT_CUE.search(text)
    return m is not None and _ASKED_CUE.search(text, 0, m.start()) is None


def states_aim(text: str) -> bool:
    """The sentence states the study's aim ("To compare ...", "The aim of this study was ..."), and not what
    it found too (:func:`found_that`)."""
    if found_that(text):
        return False
    return bool(_AIM_CUE.match(text)) or bool(_METHOD_CUE.search(text) and not RESULT_CUE.search(text))
