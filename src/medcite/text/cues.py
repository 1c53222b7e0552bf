"""Cues: the section-label vocabulary and section roles, and the wording that reads a finding.

Several readers look for negation, hedging or a direction of effect. They answer different questions,
were tuned on different data, and so use different cue lists, kept side by side here:

* :func:`finding_polarity` (:data:`Polarity`): does a sentence report a *positive*, *negative*, *hedged*
  or *neutral* finding? The composer orders the primary section by it (the majority first, the opposing
  evidence as "In contrast, ..."). Cues: :data:`NEGATIVE_FINDING`, :data:`HEDGE`, :data:`POSITIVE_FINDING`.
* :func:`effect_direction` (:class:`Direction`): which way did the outcome move, *increased*, *decreased*
  or *no difference*? The verifier's direction check compares a claim with its evidence by it. Cues:
  :data:`NO_DIFFERENCE`, :data:`INCREASE`, :data:`DECREASE` (tuned on Evidence Inference spans, see
  ``bench/eval_verify.py``).
* The yes/no stance vote (``compose/stance.py``): :data:`NEGATION`, :data:`NOT_NEGATING`,
  :data:`EQUIVALENCE`, :data:`STRONG_HEDGE`, and for the question :data:`NEGATED_QUESTION`,
  :data:`QUESTION_NOT_NEGATING`, :data:`DIFFERENCE_QUESTION`.
* The composer's statements: :data:`AUTHORS_FRAME` with its verb lists (the authors' frame around a claim,
  "we conclude that X"), :data:`FIRST_PERSON`, :data:`TRUNCATION_MARKER` (a database's note).
* The design classifier's cues (``corpus/classify.py``): :data:`FUTURE_RESEARCH`, a sentence that calls
  for future research, whose design words it ignores ("further randomized trials are needed"); the design
  cues (:data:`RCT_CUE`, :data:`OBSERVATIONAL_CUE`, :data:`CASE_SERIES_CUE`, :data:`REVIEW_CUE`, ...), the
  economic-model, guideline-title and not-a-study-title cues, and :data:`LABORATORY` (in-vitro work,
  strains, cell lines; the animal words are in :mod:`medcite.text.words`).

The lists overlap but are not interchangeable ("lower" is a positive finding to the composer and a
decrease to the verifier; "comparable" is no difference to the verifier and an equivalence to the stance
vote): merging them would change articles and verdicts.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from medcite.text.words import ANIMAL_WORDS, alternation


def _labels(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- section labels -----------------------------------------------------------------------------------
# Words that name a section of a structured abstract ("RESULTS"); an inline label needs one of them.
_HEADINGS = _labels(
    """ACQUISITION AIM AIMS BACKGROUND CONCLUSION CONCLUSIONS CONTEXT CRITERIA DESIGN DISCUSSION FINDINGS
    IMPLICATIONS IMPORTANCE INTERPRETATION INTERVENTION INTERVENTIONS INTRODUCTION LIMITATIONS MATERIAL
    MATERIALS MEASUREMENTS MEASURES METHOD METHODS OBJECTIVE OBJECTIVES OUTCOME OUTCOMES PARTICIPANTS
    PATIENTS PURPOSE RATIONALE REGISTRATION RESULT RESULTS SELECTION SETTING SETTINGS SIGNIFICANCE SUBJECTS
    SUMMARY SYNTHESIS"""
)
# Words that only qualify a heading ("MAIN OUTCOME MEASURES", "DATA SOURCES").
_LINKS = _labels("ANALYSIS AND CASE DATA EVIDENCE FOR MAIN OF PRACTICE PRINCIPAL SOURCES STUDY THE TRIAL")
# Words of labels that open an abstract ("WHAT IS ALREADY KNOWN", "CLINICAL TRIAL REGISTRATION"), too
# ambiguous inside running text.
_OPENING = _labels(
    """ABSTRACT ADDS ALREADY ANALYSES APPROACH CASES CLINICAL ELIGIBILITY EXPERIMENTAL EXPOSURE EXPOSURES
    EXTRACTION FUNDING GOAL GOALS HISTORY HYPOTHESIS IN IS KEY KNOWN MEASURE NEW POINTS POLICY POPULATION
    PRESENTATION PROBLEM PROCEDURE PROCEDURES QUESTION QUESTIONS RECOMMENDATIONS RELEVANCE REPORT REPORTS
    REVIEW REVIEWS SCOPE SEARCH STATISTICAL STRATEGY THIS TO TRIALS WHAT"""
)
# inline labels inside an unlabelled abstract ("... were enrolled. RESULTS: Mortality ...")
HEADING_WORDS = _HEADINGS | _labels("IMPLICATION PATIENT PURPOSES")
LINK_WORDS = _LINKS | _labels("COLLECTION")
# labels that split an abstract when it opens with one ("BACKGROUND: ... METHODS: ...")
STRUCTURED_LABEL_WORDS = _HEADINGS | _LINKS | _OPENING

# -- section roles ------------------------------------------------------------------------------------
Role = Literal["background", "methods", "results", "conclusions", "unknown"]
# stems looked for inside a section label, role by role in this order ("CONCLU": "CONCLUDING REMARKS")
ROLE_STEMS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("conclusions", ("CONCLU", "INTERPRETATION", "IMPLICATION", "SIGNIFICANCE")),
    ("results", ("RESULT", "FINDING")),
    ("methods", ("METHOD", "DESIGN", "SETTING", "PATIENT", "PARTICIPANT", "INTERVENTION", "MEASURE")),
    ("background", ("BACKGROUND", "INTRODUCTION", "CONTEXT", "OBJECTIVE", "PURPOSE", "AIM", "RATIONALE")),
)
# an unlabelled sentence that states the aim or the method, not a finding
_AIM_CUE = re.compile(
    r"(?:to (?:evaluate|assess|determine|investigate|examine|compare|study|test|explore|describe)\b|"
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
_CONCLUSION_CUE = re.compile(
    r"\b(?:we conclude|in conclusion|^conclusions?\b|\bconclusions?(?:</\w+>)?\s*:|"
    r"these (?:results|findings|data) (?:suggest|indicate|show)|"
    r"our (?:results|findings|data) (?:suggest|indicate|show)|in summary|taken together|overall,)",
    re.I,
)
# the method or the aim, worded anywhere in the sentence: "Given X, the current study examined ...", "In 2010,
# we retrospectively reviewed ...", "Success was defined as ...", "The aim of this study was to ..."
_METHOD_CUE = re.compile(
    r"\b(?:(?:this|the present|the current|our) (?:[\w-]+ ){0,3}(?:study|trial|review|analysis) "
    r"(?:was designed|aimed|aims|examined|investigated|evaluated|assessed|compared|sought|describes|explored|"
    r"tested)\b|"
    r"(?:aim|purpose|objective|goal)s? of (?:this|the present|the current|our) (?:[\w-]+ ){0,3}"
    r"(?:study|trial|review|analysis|work) (?:was|were|is|are)\b|"
    r"we (?:\w+ly )?(?:compared|examined|investigated|evaluated|assessed|studied|conducted|performed|"
    r"enrolled|recruited|randomi[sz]ed|aimed|sought|designed|tested|explored|analy[sz]ed|reviewed|measured|"
    r"administered|collected|identified|included|searched|interviewed|surveyed|selected|extracted|screened|"
    r"calculated|obtained|followed|describe|present)\b|"
    r"(?:was|were) (?:operationally )?defined as\b|"
    # a protocol's plan: "Regression analyses will examine associations ...", "Outcomes will be assessed"
    r"will (?:be )?(?:examine|assess|evaluate|compare|investigate|measure|explore|determine|test|recruit|"
    r"enrol|enroll|collect|analy[sz]e|randomi[sz]e|follow)(?:d|ed)?\b)",
    re.I,
)
# background, not a finding of the study: what was not known before it ("Little is known about ...")
_BACKGROUND_CUE = re.compile(
    r"\b(?:little is known|(?:few|no) (?:previous |prior )?studies have|(?:has|have) not (?:yet )?been "
    r"(?:well |fully |systematically )?(?:studied|investigated|examined|evaluated|established))\b",
    re.I,
)
_RESULT_CUE = re.compile(
    r"\b(?:p\s?[<=>]\s?0?\.\d|95%\s?CI|confidence interval|odds ratio|hazard ratio|relative risk|"
    r"\d+(?:\.\d+)?\s?%|significant(?:ly)?)",
    re.I,
)


# a section heading in sentence case glued to its first sentence, as some exports keep it: "Methods This
# longitudinal study investigates ...", "Results Mortality fell ..."
WORD_LABEL = re.compile(
    r"^(Background|Introduction|Objectives?|Purpose|Aims?|Methods|Materials and methods|Design|Results|"
    r"Findings|Conclusions?|Interpretation)\s+(?=[A-Z])"
)


def role_of(label: str, text: str) -> Role:
    """The role of a sentence in its abstract: from its section label (or a heading glued to its start),
    else from its wording."""
    if not label and (m := WORD_LABEL.match(text)):
        label = m.group(1)
    lab = label.upper()
    for role, stems in ROLE_STEMS:
        if any(k in lab for k in stems):
            return role
    finding = _RESULT_CUE.search(text) or _CONCLUSION_CUE.search(text)
    if (_AIM_CUE.match(text) or _ASSIGNED_CUE.search(text) or _METHOD_CUE.search(text)) and not finding:
        return "methods"
    if _BACKGROUND_CUE.search(text) and not finding:
        return "background"
    if _CONCLUSION_CUE.search(text):
        return "conclusions"
    if _RESULT_CUE.search(text):
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
    r"accurate|reliable|valid|recommended|support\w*|promot\w*|enhanc\w*|prevent\w*|protect\w*)",
    re.I,
)


def finding_polarity(text: str) -> Polarity:
    """Whether a sentence reports an effect (positive), its absence (negative), a hedged finding, or
    neither (neutral), by counting cue matches."""
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


# -- the direction of an effect (the verifier) --------------------------------------------------------
class Direction(StrEnum):
    """Which way an outcome moved; UNKNOWN when the cues are absent or mixed."""

    INCREASED = "increased"
    DECREASED = "decreased"
    NO_DIFFERENCE = "no difference"
    UNKNOWN = "unknown"


# negation is read with the cue word: "did not reduce" is no difference, not a decrease
NO_DIFFERENCE = re.compile(
    r"\b(?:no|not|nor|without)\s+(?:\w+\s+){0,3}?(?:statistically\s+)?(?:significant(?:ly)?|differ\w*|change\w*|"
    r"effect|association|benefit|improvement|increase|decrease|reduction|impact|influence)\b"
    r"|\b(?:did|does|do|was|were|is|are)\s+not\s+(?:\w+\s+){0,2}?(?:significantly\s+)?"
    r"(?:differ|change|affect|alter|improve|reduc|increase|decrease|lower|raise|influence|significant)\w*"
    r"|\b(?:similar|comparable|equivalent|non-?inferior|unchanged|unaffected|insignificant|"
    r"non-?significant|n\.?s\.)\b|\bfailed\s+to\b|\bno\s+\w*\s*differences?\b|\bp\s*[>=]\s*0?\.(?:0[5-9]|[1-9])",
    re.IGNORECASE,
)
INCREASE = re.compile(
    r"\b(?:increas\w*|higher|greater|more|elevat\w*|rais\w*|rise|rose|enhanc\w*|improv\w*|boost\w*|gain\w*|"
    r"augment\w*|exceed\w*|prolong\w*|longer|larger|doubl\w*|superior)\b",
    re.IGNORECASE,
)
DECREASE = re.compile(
    r"\b(?:decreas\w*|reduc\w*|lower\w*|less|fewer|declin\w*|drop\w*|fell|fall\w*|diminish\w*|attenuat\w*|"
    r"shorter|smaller|inhibit\w*|suppress\w*|worse|halv\w*|cut|decline|prevent\w*|protect\w*|inferior)\b",
    re.IGNORECASE,
)


def effect_direction(text: str) -> Direction:
    """The reported direction of an effect in ``text`` (UNKNOWN when cues are absent or mixed)."""
    if NO_DIFFERENCE.search(text):
        stripped = NO_DIFFERENCE.sub(" ", text)
        # "no difference in X but Y was reduced" stays mixed -> no difference only when nothing else remains
        if not (INCREASE.search(stripped) and DECREASE.search(stripped)):
            return Direction.NO_DIFFERENCE
    up = len(INCREASE.findall(text))
    down = len(DECREASE.findall(text))
    if up and not down:
        return Direction.INCREASED
    if down and not up:
        return Direction.DECREASED
    return Direction.UNKNOWN


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

# -- design cues (the design classifier, corpus/classify.py) -------------------------------------------
# Read sentence by sentence (title and abstract); a sentence that calls for future research is skipped.
# "randomised", not "non-randomised" or "quasi-randomised" (the look-behinds come after the word: fast)
_RANDOMISED_WORD = (
    r"randomi[sz]ed(?<!non-randomi[sz]ed)(?<!non randomi[sz]ed)"
    r"(?<!quasi-randomi[sz]ed)(?<!quasi randomi[sz]ed)"
)
# a sentence that calls for future research: its design words describe no study that was done
FUTURE_RESEARCH = re.compile(
    r"\b(?:future|further|additional|larger|well-designed|confirmatory)[\s,-]+(?:\w+[\s,-]+){0,4}?(?:studies|"
    r"study|trials?|research|investigations?|work|rcts?|evaluation)\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:needed|warranted|required|necessary)\b"
    r"|\b(?:needs?|warrants?|requires?|calls? for|recommend\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:studies|study|trials?|research|investigations?|rcts?|evaluation)\b",
    re.I,
)
# the allocation was random ("were randomly assigned", "in randomised order", "random allocation")
_RANDOM_ALLOCATION = (
    r"randomly (?:assigned|allocated|divided|distributed|treated)"
    r"|(?:assigned|allocated) (?:at random|randomly)"
    r"|underwent randomi[sz]ation|random (?:allocation|assignment)"
    r"|" + _RANDOMISED_WORD + r" (?:\w+ )?(?:order|design|sequence)"
)
RANDOMISED = re.compile(r"\b(?:" + _RANDOMISED_WORD + "|" + _RANDOM_ALLOCATION + r")\b", re.I)
RCT_CUE = re.compile(
    r"\b" + _RANDOMISED_WORD + r"[, ]+(?:\w+[- ]?\w*[, ]+){0,4}(?:trial|study|comparison|experiment)\b"
    r"|\b(?:were|was|being|and|we) " + _RANDOMISED_WORD + r"\b|\b(?:" + _RANDOM_ALLOCATION + r")\b",
    re.I,
)
# "a double-blind, placebo-controlled trial": PubMed indexes such trials as randomised controlled trials
BLINDED_CONTROLLED_CUE = re.compile(
    r"\b(?:double|triple)[- ](?:blind(?:ed)?|mask(?:ed)?)[, ]+(?:\w+[- ]?\w*[, ]+){0,3}?"
    r"(?:placebo|sham|vehicle)[- ]controlled[, ]+(?:\w+[- ]?\w*[, ]+){0,3}?(?:trial|study)\b",
    re.I,
)
META_ANALYSIS_CUE = re.compile(r"\bmeta-?\s?analys[ie]s\b|\bsystematic (?:literature )?review\b", re.I)
# "case-referent" is the older name of the case-control design
CASE_CONTROL_CUE = re.compile(r"\bcase[- ](?:control|referent)\b", re.I)
_PHASE = r"\bphase (?:i{1,3}|iv|[1-4])(?:[/-](?:i{1,3}|iv|[1-4]))?[ ,]+(?:\w+[ ,]+){0,2}?(?:trial|study)\b"
OBSERVATIONAL_CUE = re.compile(
    r"\bcohort\b|\bretrospective(?:ly)?\b|\bprospective(?:ly)? (?:\w+ )?(?:study|analysis|cohort|"
    r"observational|evaluation|series|data|collected|enrolled|followed|evaluated|studied|recruited|assessed)\b"
    r"|\b(?:evaluated|enrolled|followed|collected|studied|recruited|assessed) prospectively\b"
    r"|\bcross-sectional\b|\bobservational\b|\bpopulation-based\b|\blongitudinal study\b"
    r"|\bchart review\b|\bregistry\b|\bnon-?randomi[sz]ed\b|\bqualitative (?:study|research|interviews?|"
    r"analysis|design|methods?)\b|\bsemi-?structured interviews?\b|\bfocus groups?\b|\bin-depth interviews?\b"
    r"|\b(?:questionnaire|online|national|telephone|web-based|postal|household) survey\b|\bwere surveyed\b|"
    + _PHASE,
    re.I,
)
CASE_SERIES_CUE = re.compile(
    r"\bcase reports?\b|\bcase series\b|\b(?:we|the authors|authors) (?:report|describe|present) "
    r"(?:a|an|the|two|three|\d+) (?:\w+ ){0,3}(?:case|cases|patient|patients|man|woman|boy|girl|infant)\b"
    r"|\ba \d+-(?:year|month|day)-old (?:man|woman|boy|girl|male|female|patient|infant)\b"
    r"|^\W*(?:a|one|two|three|\d+) cases? (?:of|with)\b|\breport of (?:a|one|two|three|\d+) cases?\b"
    r"|\bin a patient with\b",
    re.I,
)
# a model of costs or decisions, not a study of patients: its design is OTHER ("economic evaluation/model")
# whatever case-control, cohort or trial wording its inputs bring ("data from randomized trials")
ECONOMIC_MODEL = re.compile(
    r"\b(?:cost[- ](?:effectiveness|utility|benefit|minimi[sz]ation)|decision[- ]analytic|markov|"
    r"micro-?simulation|pharmaco-?economic|economic) (?:model|models|modell?ing|analysis|analyses|"
    r"evaluation)\b|\bdecision (?:analysis|tree|model)\b|\bmarkov (?:cohort|chain|process)\b",
    re.I,
)
# the search of a systematic review
LITERATURE_SEARCH = re.compile(
    r"\b(?:medline|pubmed|embase|cochrane|web of science|scopus|cinahl|psycinfo)\b"
    r"|\bdatabases? (?:were|was) searched\b|\b(?:we|were) (?:systematically )?searched\b"
    r"|\bsystematic(?:ally)? (?:literature )?search",
    re.I,
)
# not a study: an erratum, a comment, a reply
NOT_A_STUDY_TITLE = re.compile(
    r"^\W*(?:correction|erratum|corrigendum|retraction|expression of concern)(?: notice)?(?: to| of| for)?"
    r"\s*[:.\]]"
    r"|^\W*(?:erratum|corrigendum|retraction|reply|in reply|authors?'? reply) (?:to|for|of)\b|^\W*re:"
    r"|^\W*(?:reply|editorial|letter to the editor)\W*$|\bcomment(?:ary)? on\b",
    re.I,
)
# the abstract presents itself as a review
REVIEW_CUE = re.compile(
    r"\b(?:this|the present|the current|our|in this) (?:(?:narrative|brief|short|mini|literature|"
    r"comprehensive|critical|updated|focused|clinical|selective|historical) )?review\b"
    r"(?! board| committee| process)"
    r"(?! of (?:\w+ ){0,2}(?:data|records|charts|cases|patients|files|notes|databases?|registr))"
    r"|\bwe (?:briefly |critically )?(?:review|summari[sz]e)\b"
    r"|\b(?:is|are) (?:briefly |critically )?(?:reviewed|summari[sz]ed)\b"
    r"|\bthis (?:article|paper|chapter|overview) (?:reviews|summari[sz]es|discusses)\b",
    re.I,
)
# "in vivo": animal work mostly, but also said of patients ("in vivo confocal microscopy"), so it only adds
# weight to the laboratory's other cues
IN_VIVO = re.compile(r"\b(?:in|ex) vivo\b", re.I)
# the laboratory: in-vitro work, animal strains and models, cell lines
LABORATORY = re.compile(
    r"\bin vitro\b|\bcell lines?\b|\bcultured (?:\w+ )?cells\b|\bcell cultures?\b"
    r"|\bprimary cultures?\b|\bsprague[- ]dawley\b|\bwistar\b|\blong[- ]evans\b|\bc57bl\w*|\bbalb/c\b"
    r"|\b(?:nude|knockout|transgenic|mutant|wild[- ]type) (?:mice|rats|animals|zebrafish|flies)\b"
    r"|\b(?:murine|mouse|rat|rabbit|canine|porcine|ovine|animal|rodent|primate|zebrafish) models?\b"
    r"|\bchick embryos?\b|\bxenografts?\b|\btransfect\w*|\bknock(?:ed)?[- ]?down\b|\bsirna\b|\bhela\b"
    r"|\bhek[- ]?293\w*|\bmcf-?7\b|\bhepg2\b|\bcaco-2\b|\ba549\b|\bpc12\b|\bsh-sy5y\b|\bjurkat\b|\bthp-1\b"
    r"|\braw ?264\.7\b|\bnih ?3t3\b|\bhuvecs?\b|\bguinea pigs?\b",
    re.I,
)
# animals or the laboratory named in words: "mice", "in vitro", "cell lines", "xenografts" (the design
# classifier's animal cue; the composer: a statement from an animal study that names none of them keeps its
# "animal study" prefix)
NAMES_NON_HUMAN = re.compile(rf"\b{alternation(ANIMAL_WORDS)}\b|{LABORATORY.pattern}|{IN_VIVO.pattern}", re.I)
# the wording of a clinical question (about patients or their treatment), besides a population or a
# recognised condition: directness reads animal studies as indirect for it; a question that asks for a
# thing without it gets findings sections, not a therapy answer's
CLINICAL_WORDING = re.compile(
    r"\b(?:patients?|people|persons?|treat\w*|therap\w*|efficac\w*|effective\w*|dos(?:e|es|ing|age)|safe|"
    r"safety|side[- ]effects?|adverse|prognos\w*|diagnos\w*|clinical\w*|manag\w*|symptoms?|mortality|"
    r"survival|outcomes?|prevent\w*|screening|drugs?|medications?|medicines?|antibiotics?|first[- ]line|"
    r"vaccin\w*|surg\w*|prescri\w*)\b",
    re.I,
)
GUIDELINE_TITLE = re.compile(
    r"\bguidelines?\b|\bconsensus (?:statement|recommendations?|conference)\b"
    r"|\bposition (?:statement|paper)\b|\bpractice parameters?\b|\bscientific statement\b",
    re.I,
)
# an abstract that gives guidance: it recommends, or names who does (a panel, a consensus, a society)
GUIDANCE_CUE = re.compile(
    r"\brecommend\w*|\bguidelines?\b|\bguidance\b|\bpanel\b|\bconsensus\b|\bshould\b|\bstatement\b"
    r"|\blevels? of evidence\b|\bstrength of (?:the )?evidence\b|\bexperts?\b|\bcommittee\b|\btask force\b"
    r"|\bworking group\b|\bsociety\b|\bassociation\b|\bcollege\b",
    re.I,
)
# a title about guidelines, not a guideline: their use, their effect, a study of them
ABOUT_GUIDELINES = re.compile(
    r"\b(?:implement|adheren|adhere|complian|concordan|discordan|evaluat|effect|impact|utili[sz]|audit|"
    r"uptake|disseminat|introduc|distribut|follow|use|using|awareness|knowledge|development|challeng|"
    r"achiev)\w*\W+(?:\S+\W+){0,12}?guidelines?\b|\bguidelines?-\w+"
    # guidelines as the subject of a verb ("Test ordering guidelines can alter ordering patterns")
    r"|\bguidelines?\s+(?:can|could|may|might|will|would|did|do|does|were|was|are|is|have|has|had)\b"
    r"|\bin relation to\b"
    r"|\bguidelines? (?:adherence|compliance|implementation|use|uptake|concordance)\b"
    r"|\bbased on\b|:\s*an?\s+\d+-year follow-up\b|\bfollow-up (?:study|survey|audit)\b"
    r"|\bguidelines? among\b|\b(?:trial|study|survey|audit|experience|analysis|"
    r"intervention|program|programme)\b",
    re.I,
)
REVIEW_TITLE = re.compile(
    r"\breview\b(?<!chart review)(?<!record review)(?<!records review)(?<!case review)(?<!peer review)"
    r"|\boverview\b|\bupdate on\b|\bevidence report\b",
    re.I,
)

# -- the authors' voice (the composer's statements) ---------------------------------------------------
# "we conclude that X", "our results suggest that X", "these data indicate that X": the authors' frame around
# a claim, read by compose/candidates.py (which keeps the claim and drops or neutralises the frame)
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|ourselves)\b")  # "US" is a country
_STUDY_NOUN = (
    r"(?:results?|findings?|data|observations?|study|analys[ie]s|experience|trial|work|series|investigation|"
    r"evaluation|experiments?)"
)
AUTHORS_FRAME = re.compile(
    r"^(?P<lead>[A-Z][^,;:]{0,100},\s+)??"
    r"(?P<subject>(?P<we>we)|(?P<it>it (?:is|was|can be|could be|may be|might be))|"
    rf"(?P<det>our|these|the)\s+(?P<noun>(?:[a-z-]+\s+){{0,2}}?{_STUDY_NOUN}"
    rf"(?:\s+of\s+(?:this|the present|the current|our)\s+{_STUDY_NOUN})?))\s+"
    r"(?P<adverbs>(?:(?:therefore|thus|also|further|furthermore|now|here|hence|clearly|strongly|collectively|"
    r"together|consistently|firmly|both|again|finally|first|have|has|had|could|can|may|might|would|"
    r"(?:were|was) able to)\s+)*)"
    r"(?P<verb>[a-z]+)\b(?:\s+(?:here|herein|now|also|for the first time))?(?:,\s*(?:therefore|thus)\s*,)?"
    r"(?P<that>\s+that\b)?\s*",
    re.I,
)
# verbs that state the claim (the frame goes), that hedge it (kept unless the claim hedges itself), and the
# authors' opinions (only a claim that hedges itself stands without them)
STATING_VERBS = frozenset(
    """conclude concluded find found show shows showed shown demonstrate demonstrates demonstrated confirm
    confirms confirmed indicate indicates indicated reveal reveals revealed establish establishes established
    observe observed note noted document documents documented report reports reported prove proves proved
    identified""".split()
)
HEDGING_VERBS = frozenset(
    "suggest suggests suggested imply implies implied support supports supported".split()
)
OPINION_VERBS = frozenset(
    """believe think feel propose recommend speculate hypothesize hypothesise advocate consider argue expect
    anticipate assume postulate suggest""".split()
)
# a modal hedge inside the claim itself ("X may reduce Y"): the claim keeps it when the frame goes
MODAL_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|probably|likely|appears? to|seems? to|potential(?:ly)?)\b", re.I
)
# the lead of a frame that only points at the study itself ("In this study, we found that ...")
SELF_LEAD = re.compile(
    r"^(?:(?:in|from|based on|on the basis of|given|according to|within|with) (?:this|these|the present|"
    r"the current|our|the) (?:\w+ ){0,2}?(?:study|trial|analysis|series|cohort|review|population|sample|"
    r"experience|results?|findings?|data|observations?|work|investigation)|here|together|collectively|"
    r"altogether)\s*,\s*$",
    re.I,
)
# "(ABSTRACT TRUNCATED AT 250 WORDS)": a database's note, not the authors' text
TRUNCATION_MARKER = re.compile(
    r"\s*[(\[]\s*abstract truncated(?:\s+at\s+\d+\s+words)?\s*[)\]]\.?"
    r"|\s*\babstract truncated at \d+ words\b\.?",
    re.I,
)
