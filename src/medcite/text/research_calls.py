"""What a sentence is for: a call for research or action, what its article covers, a trial's protocol, or the
study's own limits (:func:`asks_for_research`); the composer quotes none of them as a finding."""

from __future__ import annotations

import re

from medcite.text.cues import ARTICLE_SCOPE, PROTOCOL, RESULT_CUE

# a conclusion that asks for research or action, not a finding (the composer does not quote it): "Prospective
# studies are needed ...", "interventions are sorely needed"; not "Dose adjustment is not required"
RESEARCH_CALL = re.compile(
    r"\b(?:future|further|additional|larger|more|prospective|well-designed|confirmatory),?\s+"
    r"(?:[\w-]+,?\s+){0,4}?(?:studies|study|trials?|research|investigations?|rcts?|evaluations?|work|data|"
    r"evidence|validation),?\s+(?:[\w-]+\s+){0,8}?(?:are|is|will be|should be|would be)\s+(?:\w+\s+)?"
    r"(?:needed|warranted|required|necessary)\b"
    r"|\b(?:now|still) (?:needs?|warrants?|requires?) (?:\w+ )?(?:study|studies|investigation|research)"
    r"\b(?! of\b)"
    r"|\b(?:needs?|warrants?|requires?|calls? for)\s+(?:further|more|additional|future|prospective|larger)\s+"
    r"(?:\w+\s+){0,2}?(?:studies|study|trials?|research|investigations?|evaluation)\b"
    # "... is interesting enough to warrant a more detailed analysis of this question"
    r"|\bwarrants?\s+(?:an?\s+)?(?:more\s+)?(?:detailed|closer|careful|thorough|formal)\s+(?:analysis|study|"
    r"investigation|examination|evaluation)\b"
    # the study's own limits, in its conclusions too: "The statistical power of this case-referent study was
    # such that only large beneficial effects of statins could be confirmed"
    r"|\b(?:statistical )?power of (?:this|the|our|the present) (?:[\w-]+ ){0,3}?(?:study|trial|analysis) "
    r"(?:was|is) (?:such|low|limited|insufficient|inadequate|not)\b"
    r"|\b(?:was|were) (?:under-?powered|not powered|insufficiently powered)\b"
    r"|\b(?:future|further|additional|more)\s+(?:\w+\s+){0,2}?(?:studies|research|trials|work)\s+"
    r"(?:should|must|will need to)\b"
    # "Further studies taking into account the role of psychological stress, ... could help identify the
    # factors ..." (quoted as a finding in a tuning-half reading, tune25)
    r"|\b(?:future|further|additional)\s+(?:studies|research|trials|work|investigations?)\b[^.;]{0,200}?"
    r"\b(?:could|may|might|would|will)\s+help\b"
    r"|\b(?:studies|trials|research|interventions|efforts|strategies)\s+(?:are|is)\s+"
    r"(?:sorely |urgently |clearly |still |therefore |thus )?(?:needed|warranted)\b"
    # research under way, no finding: "Prospective study is ongoing to confirm safety and determine impact
    # on cost" (PMID 23791827, quoted under Safety and in the evidence table by a tuning-half article)
    r"|\b(?:stud(?:y|ies)|trials?|research|investigations?)\s+(?:is|are)\s+(?:currently\s+|now\s+)?"
    r"(?:ongoing|underway|under way|in progress)\b"
    # "A strong need for large-scale randomized controlled trials has emerged to confirm ..."
    r"|\bneed for\s+(?:[\w-]+\s+){0,4}?(?:studies|trials|research|investigations|rcts)\b"
    # an aim with no finding: "To examine the safety and tolerability ... of arimoclomol ...", "This article
    # aims to determine the ability of ..." (a reading of tuning-half articles, 2026-12-05: quoted under
    # Emerging Evidence and Key Findings)
    r"|^to (?:evaluate|assess|determine|investigate|examine|compare|study|test|explore|describe|identify|"
    r"characteri[sz]e|analy[sz]e|estimate|establish|quantify|measure|clarify|elucidate|validate|review)\b"
    r"|\b(?:this|the present|the current|our) (?:[\w-]+ ){0,3}(?:article|paper|study|review|trial|analysis) "
    r"aim(?:s|ed)? to\b"
    # "Further evaluation of the FAC as a potential diagnostic biomarker ... is warranted", "specific
    # thresholds need to be defined based on prospective studies", "findings provide a foundation to further
    # evaluate ..." (quoted as findings in a tuning-half reading, 2026-12-07)
    r"|^\W*(?:\w+\W+){0,2}?(?:further|additional|future)\s+(?:evaluation|investigation|study|research|work|"
    r"validation)\s+of\s+(?!(?:the\s+)?(?:patients?|subjects?|individuals?|children|women|men)\b)"
    r"[^.;]{0,160}?\b(?:is|are)\s+(?:\w+\s+)?(?:needed|warranted|necessary)\b"
    r"|\b(?:thresholds?|role|mechanisms?|efficacy|benefits?|value|utility|findings?|results?|effects?)\s+"
    r"(?:[\w-]+\s+){0,3}?need(?:s)? to be (?:further )?(?:defined|determined|established|confirmed|clarified|"
    r"validated|investigated|elucidated|explored)\b(?!\s+by\s+(?:biopsy|autopsy|histolog))"
    r"|\b(?:findings|results|data) (?:provide|lay) (?:a |the )?(?:foundation|basis) (?:to|for) (?:further|"
    r"future) (?:evaluat|stud|research|investigat|explor)\w*"
    rf"|{ARTICLE_SCOPE}|{PROTOCOL}",
    re.I,
)


def asks_for_research(text: str) -> bool:
    """The sentence asks for research or action, says what its article covers or its own limits (its power),
    and reports no result (no figure, p value or "significant", no "showed" or "found", no finding before ",
    but further ...")."""
    m = RESEARCH_CALL.search(text)
    if m is None or RESULT_CUE.search(text) or _REPORTED.search(text):
        return False
    if _PROTOCOL_CUE.fullmatch(m.group(0)) and _EFFECTED.search(text):
        return False  # "Drug X reduced mortality, and the trial will continue ...": a finding with its design
    return not _CONCESSION.search(text[: m.start()])


# a sentence that reports what was found ("Further studies in children showed that no change is required")
_REPORTED = re.compile(
    r"\b(?:showed|found|demonstrated|revealed)\b"
    r"|\b(?:was|were|has been|have been) (?:shown|found|reported)\b",
    re.I,
)
_PROTOCOL_CUE = re.compile(PROTOCOL, re.I)
# an effect stated beside a design or protocol phrase, in the past tense or as a result; not the direction
# cues (effect_direction), which read an aim's "to compare the antihypertensive effect" or "to reduce" as an
# effect (on the shared abstracts they spared 193 of 870 protocol sentences, nearly all aims; this spares 9)
_EFFECTED = re.compile(
    r"\b(?:reduced|increased|improved|decreased|lowered|raised|prevented|worsened|shortened|prolonged|"
    r"did not (?:differ|change|improve|reduce|increase)|no (?:significant )?differences?|"
    r"(?:was|were) (?:associated|effective|superior|inferior|similar|comparable))\b",
    re.I,
)
# a finding, then the call: "X is effective for Y, but further studies are needed to ..."
_CONCESSION = re.compile(r"[,;]\s*(?:but|although|though|whereas|while|yet)\b", re.I)
