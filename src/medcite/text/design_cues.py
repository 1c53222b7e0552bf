"""The design classifier's cues (``corpus/classify.py``), read sentence by sentence over the title and
abstract: :data:`FUTURE_RESEARCH`, a sentence that calls for future research, whose design words it
ignores ("further randomized trials are needed"); the design cues (:data:`RCT_CUE`,
:data:`OBSERVATIONAL_CUE`, :data:`CASE_SERIES_CUE`, :data:`REVIEW_CUE`, ...), the economic-model,
guideline-title and not-a-study-title cues, and :data:`LABORATORY` (in-vitro work, strains, cell lines; the
animal words are in :mod:`medcite.text.words`). Also :data:`CLINICAL_WORDING`, which the composer reads.
"""

from __future__ import annotations

import re

from medcite.text.words import ANIMAL_WORDS, alternation

# Read sentence by sentence (title and abstract); a sentence that calls for future research is skipped.
# "randomised", not "non-randomised" or "quasi-randomised" (the look-behinds come after the word: fast)
_RANDOMISED_WORD = (
    r"randomi[sz]ed(?<!non-randomi[sz]ed)(?<!non randomi[sz]ed)"
    r"(?<!quasi-randomi[sz]ed)(?<!quasi randomi[sz]ed)"
)
# a sentence that calls for future research, says that no such study exists ("no prospective, randomized,
# controlled studies have proven this hypothesis") or names one under way ("The CARP study is currently
# ongoing ... as a multicentered randomized prospective controlled trial", in a narrative review read as a
# trial): its design words describe no study that was done
FUTURE_RESEARCH = re.compile(
    r"\b(?:future|further|additional|larger|well-designed|confirmatory)[\s,-]+(?:\w+[\s,-]+){0,4}?(?:studies|"
    r"study|trials?|research|investigations?|work|rcts?|evaluation)\b"
    r"|\b(?:no|few)\s+(?:[\w-]+,?\s+){0,4}?(?:studies|trials|rcts)\s+"
    r"(?:have|has|exist|are available|to date)\b"
    r"|\b(?:is|are) (?:currently |now )?(?:ongoing|underway|under way|in progress)\b"
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
    r"\b" + _RANDOMISED_WORD + r"[, ]+(?:\w+[- ]?\w*[, ]+){0,6}(?:trial|study|comparison|experiment)\b"
    r"|\b(?:were|was|being|and|we) " + _RANDOMISED_WORD + r"\b|\b(?:" + _RANDOM_ALLOCATION + r")\b",
    re.I,
)
# a title that opens with its randomised design names its own study, plural or not ("Phase I, Randomized,
# Double-blind, Placebo-controlled, Single-dose, and Multiple-dose Studies of Erenumab ..."); in an abstract's
# text "randomized controlled trials" is mostly what a review read
RCT_TITLE = re.compile(
    r"^\W*(?:an?\s+)?(?:phase [\w/-]+,?\s+)?"
    + _RANDOMISED_WORD
    + r"\b[^.:;?]{0,80}?\b(?:trials|studies)\b(?!\W*$)",
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
# a trial with no randomisation stated: a phase I-IV trial, a single-arm or open-label trial, a
# non-randomised or uncontrolled trial (the design classifier files these under OBSERVATIONAL: "non-randomised
# or observational"; the article calls them what they are)
TRIAL_CUE = re.compile(
    _PHASE + r"|\bsingle[- ]arm\b|\b(?:open[- ]label|non-?randomi[sz]ed|uncontrolled),?\s+(?:\w+\s+){0,2}?"
    r"(?:clinical\s+)?trial\b",
    re.I,
)
# ... of which those that say what makes them non-randomised (allocation without chance, a single arm, no
# control, no masking, a first-in-human phase 1 trial); a "phase 3 trial ... compared with placebo" that names
# no randomisation may well be randomised, and is only not stated to be ("uncontrolled hypertension" is none)
UNRANDOMISED_CUE = re.compile(
    r"\bnon-?randomi[sz]ed\b|\bwithout randomi[sz]ation\b|\bsingle[- ]arm\b|\bopen[- ]label\b|"
    r"\buncontrolled,?\s+(?:\w+\s+){0,2}?(?:clinical\s+)?(?:trial|study)\b|\bphase (?:i|1)\b(?![/-])",
    re.I,
)
# words of an observational design that a trial does not use of itself (a trial has "cohorts" of patients)
NOT_A_TRIAL = re.compile(
    r"\bretrospective(?:ly)?\b|\bcross-sectional\b|\bobservational\b|\bpopulation-based\b|\bchart review\b|"
    r"\bregistry\b|\bcase-control\b|\bcohort study\b",
    re.I,
)
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
# a bibliographic database by name (not "medical records were searched" nor "our registry")
_DATABASES = r"\b(?:medline|pubmed|embase|cochrane|web of science|scopus|cinahl|psycinfo)\b"
NAMED_DATABASE = re.compile(_DATABASES, re.I)
# the search of a systematic review
LITERATURE_SEARCH = re.compile(
    _DATABASES + r"|\bdatabases? (?:were|was) searched\b|\b(?:we|were) (?:systematically )?searched\b"
    r"|\bsystematic(?:ally)? (?:literature )?search",
    re.I,
)
# the pooling of a meta-analysis that does not call itself one: "Summary estimates were constructed using a
# DerSimonian-Laird model" after "Electronic databases were searched for trials ..." (a PubMedQA meta-analysis
# of 17 trials had been read as an observational study); with :data:`LITERATURE_SEARCH`, a meta-analysis
POOLED_ESTIMATE = re.compile(
    r"\b(?:pooled|summary) (?:estimates?|effects?|(?:odds|risk|hazard|rate) ratios?|relative risks?|"
    r"mean differences?|sensitivit(?:y|ies)|specificit(?:y|ies)|prevalence)\b"
    r"|\bDerSimonian\b|\b(?:random|fixed)[- ]effects? (?:model|meta-?analys)|\bI\s?(?:2|\u00b2|\^2)\s?[=<>]",
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
# a question about a treatment's effect: its primary section is "Efficacy" (else "Key Findings")
# "help predict", "improve risk prediction" and "room for improvement" ask about a test, a model or a policy,
# not a treatment (a reading of 16 tuning-half articles found "Efficacy" over three such answers)
_NOT_TREATING = (
    r"(?!\s+(?:to\s+)?(?:predict|diagnos|identify|detect|distinguish|discriminat|assess|determin|guide|select|"
    r"stratif|screen|classif|estimat|risk prediction|prediction|(?:the )?(?:diagnos|detection|accuracy|"
    r"identification|sensitivity|specificity|prognos)))"
)
TREATMENT_WORDING = re.compile(
    r"\b(?:effective\w*|efficac\w*|treat(?:s|ed|ing|ments?)?|therap\w*|"
    rf"(?<!room for )improv\w*{_NOT_TREATING}|reduc(?:e|es|ed|ing|tion)|prevent\w*|protect\w*|benefi\w*|"
    rf"help(?:s|ed|ing)?{_NOT_TREATING}|cur(?:e|es|ed|ing)|reliev\w*|alleviat\w*|"
    r"(?:superior|inferior) to|(?:better|worse) than)\b",
    re.I,
)
# a question about the harms of a treatment or an exposure to one: its harms section is "Safety and Side
# Effects"; for another question ("Is subdural empyema a complication of sinusitis?") it is "Complications
# and Risks" (the reading found "Safety and Side Effects" over that answer)
TREATMENT_HARM_WORDING = re.compile(
    r"\b(?:safe|safety|side[- ]effects?|adverse|toxic\w*|tolera\w*|drugs?|medications?|medicines?|dos(?:e|es|"
    r"ing|age)|vaccin\w*|surg\w*|operat\w*|\w*therap\w*|treat\w*|prescri\w*|antibiotics?|inhibitors?|"
    r"an(?:a)?esthe\w*|analges\w*|epidural|procedures?|interventions?|implants?|devices?|transfusions?|"
    r"radiation|irradiation|screening|exposures?|"
    r"agonists?|antagonists?|blockers?|supplement\w*|\w+mab|\w+nib|\w+pril|\w+sartan|\w+olol|\w+statin)\b",
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


# a study's design, an article's scope or a method used for a task, not a finding (the composer's methods
# wording, :func:`medcite.text.cues.states_aim`): "The study was a 4-week Phase Ib multiple ascending dose,
# randomized, double-blind placebo-controlled trial of AZD0530 ...", "Described here is a protocol for
# performing ... (SLIC-CAGE)" (tune39: bottom lines), "Two-dimensional electrophoresis was used for the
# fractionation of royal jelly proteins" (tune38: a finding; 40 of 40 store sentences so worded, drawn at
# random, are methods)
# what a test, a score or a method is for (stems): "to diagnose", "for the prediction of", "detecting"
TASK_STEMS = (
    "differentiat|distinguish|discriminat|predict|diagnos|detect|assess|measur|monitor|evaluat|estimat|identif|"
    "quantif|screen"
)
DESIGN_SCOPE_OR_TASK = (
    r"^(?:the|this) (?:present |current )?(?:study|trial) (?:was|is) an? (?:[\w-]+,? ){0,10}?"
    r"(?:trial|study)\b|^described here (?:is|are)\b"
    rf"|(?:was|were) (?:used|employed|applied) (?:for|to) (?:the )?(?:{TASK_STEMS}|fraction|separat|isolat|"
    r"purif|analy[sz]|determin|stain|characteri[sz]|extract|genotyp|sequenc|visuali[sz]|label|calculat|"
    r"compar|examin|investigat|explor|test)\w*"
)
