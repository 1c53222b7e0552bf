"""Statements that lean on the sentence before them: quoted alone, they name what the reader cannot see.

"These patients ...", "Of these, 12 ...", "It provides ...", "The crystal structure of this compound ..."
(:func:`leans_back`). A study's own things ("this study", "these results", "this family" of a case report)
name their subject and stay.
"""

from __future__ import annotations

import re

from medcite.text.words import HUMAN_SUBJECTS, SAMPLED_PEOPLE, alternation

# words that describe a study, between "this" and "study" ("this open-label, multicentre, phase 1 study")
STUDY_WORD = (
    r"(?:[\w-]*(?:label|blind(?:ed)?|randomi[sz]ed|controlled|cent(?:re|er)|national|nationwide|prospective|"
    r"retrospective|pilot|sectional|longitudinal|observational|clinical|based|comparative|"
    r"cohort|case-control|crossover|parallel|preliminary|exploratory|feasibility)|phase|large|small|\d+|"
    r"I{1,3}V?|IV|[ab])"
)

_OWN_NOUN = (
    r"(?:stud(?:y|ies)|trials?|analys[ie]s|meta-analys[ie]s|reviews?|reports?|surveys?|investigations?|work|"
    r"papers?|articles?|research|results?|findings?|data|observations?|evidence|experiments?|cohorts?|series|"
    r"cases?|outcomes?|first|is|are|was|were|"
    # a result that states its own size: "This difference reflected a 35 percent decrease in the risk of death
    # with carvedilol (95 percent confidence interval, 19 to 48 percent)" (the trial's mortality finding)
    r"differences?|reductions?|decreases?|increases?|improvements?|benefits?)"
)
_LINK_VERB = (
    r"was|were|is|are|has|have|had|may|might|could|can|would|will|did|does|reflected|reflects|includes?|"
    r"included|remained|persisted|resulted|led|appeared|seemed|occurred|became|suggests?|indicates?"
)
# a sentence whose subject is the previous sentence's: "Instead, it provides ...", "They were ...", "Their
# parents and even their attending physicians shared this misperception", "This could result in ...", or that
# picks from what the previous sentence named: "Among these mechanisms is ...", "Of these, 12 ...", "In these
# patients, ..." ("In those patients who ..." names its own group). "These four cases may belong to a variant
# form of ..." is a study's conclusion on its own cases, and "This is the first randomised trial to show ..."
# names its subject: they stay
_ANAPHORIC = re.compile(
    r"^(?:(?:instead|in contrast|by contrast|conversely|rather|similarly|likewise),?\s+(?:it|they|this|these|"
    r"he|she)|they|he|she|their|its|(?:among|of|in|from|for|within|between) these|"
    r"this (?:has|had|being|may|might|could|would|can|will|suggests?|indicates?|shows?|means|implies|was|"
    r"includes?|included)|these (?:include|included|comprise|comprised|may|might|could|can|would|will)|"
    # a clause that leans on the previous sentence: "Consistent with this, mice lacking ...", "Though these
    # syndromes share ..." (a reading of 16 tuning-half articles, 2026-12-05), "In support of this model, ..."
    # (tune39)
    r"(?:consistent with|in line with|in keeping with|in agreement with|in support of|contrary to|unlike|"
    r"despite|given|because of|due to|as a result of|in addition to|besides|(?:al)?though|while|whereas|"
    r"since|because|as|if|when) (?:this|these|those|that|they|it)|"
    # the cases an earlier sentence named: "In all cases, the simultaneous blocking of STAG1 and STAG2 ..."
    # (tune40), "In both experiments, the plasma cortisol concentration increased ..."; not "In most cases,"
    r"in (?:both|all) (?:cases|instances|experiments|conditions|situations|settings|models)\b|"
    # the previous sentence's thing named by a demonstrative: "This reaction was applied to ...", "These
    # effects were ..."; a study's own results, data or design ("These findings suggest ...", "This study
    # shows ...") name their subject, and a result that states its size ("This difference reflected a 35
    # percent decrease ...") says what it found: they stay
    rf"(?:this|these|such) (?!{_OWN_NOUN}\b)[a-z-]+ (?:{_LINK_VERB}))\b",
    re.I,
)


# "It" as the subject of a verb of its own names the previous sentence's thing: "It provides ambiguous results
# for intermediate sweat chloride cases" (after a "However," the trim removed). "It is ... that", "It was
# found ...", "It may ..." are impersonal; "It shows ..." is the study's own (:data:`_IT_SHOWS`)
_IT_ACTS = re.compile(
    r"^It (?!(?:is|was|has|had|seems|seemed|appears|appeared|remains|remained|should|must|can|could|may|"
    r"might|would|will|becomes|became|also|further|thus|therefore|clearly|demonstrates|shows|confirms|"
    r"suggests|indicates|reveals|highlights|supports)\b)[a-z]+s\b"
)
# a demonstrative in the first clause that names what an earlier sentence named: "The crystal structure of
# this compound with PIM1 confirmed ...", "The innate immune pathways involved in these events are ...",
# "Mechanistically, this phenotype was driven by ..." (a reading of 16 tuning-half articles, 2026-12-05).
# The study's own things, within three words ("this study", "these results", "this population", "this
# pediatric case", "this family" of a case report) and a noun that its own clause defines ("these patients
# who ...", "this type of ...") stay; so does one that points back within its sentence ("..., but this
# association was not significant"). On the results and conclusions
# sentences of the shared PubMedQA abstracts, 50 of 3,864 (1.3%) are set aside for it; of 20 of them read,
# 18 need the sentence before ("This corresponds to an 83% detection sensitivity ...", "All these tests ...").
# A group is none of the study's own things (an age group is): "Especially this group showed deteriorated
# performance ...", "In this group, DGE was only seen in one patient" name a subgroup of the sentences before
# (a tuning-half reading, 2026-12-07; 7 more of those PubMedQA sentences, all 7 needing the sentence before).
# A phase's letter ("phase 2a") is no article, and a study word is a whole word: "These single membrane
# large-pore channels exhibit a variety of ..." (BioASQ, a tuning-half reading, 2026-12-06) had passed as
# the study's own thing
_OWN_THING = (
    r"(?:populations?|samples?|settings?|age groups?|context|manuscript|models?|period|time|country|region|"
    r"area|hospital|cent(?:er|re)s?|institution|unit|instrument|questionnaire|database|registry|program(?:me)?|"
    r"intervention|technique|method|approach|procedure|way|condition|disease|type|kind|form|family|families|"
    rf"{alternation(HUMAN_SUBJECTS | SAMPLED_PEOPLE)}|"
    r"(?:nationally|population-based|prospective|retrospective|randomi[sz]ed|multicent(?:er|re))"
    r")"
)
_OWN_NAMED = _OWN_NOUN.replace("first|is|are|was|were|", "")  # the nouns alone, after a word or two
_DEMONSTRATIVE = re.compile(
    rf"\b(?:this|these) (?!{_OWN_NOUN}\b)"
    rf"(?!(?:(?!{_LINK_VERB}\b)[\w-]+ ){{0,2}}(?:{_OWN_THING}|(?![ab]\b){STUDY_WORD}|{_OWN_NAMED})(?![\w-]))"
    r"[a-z][a-z-]+\b"
    r"(?! (?:of|that|which|who|whose|in which|where)\b)",
    re.I,
)
# the rest of, or one of the kind of, what an earlier sentence counted: "Exploratory laparotomy for the
# remaining 47 patients showed ...", "The analysis of 4,227 such genes uncovers ..." (a reading of 16
# tuning-half articles, 2026-12-06); "such as" and "such that" point forward. In the first clause of 23 of
# the 4,039 results and conclusions sentences of the shared PubMedQA abstracts; of those 23 read, about 21
# need the sentence before ("The remaining 94 patients had a single episode.", "12 such cases were
# detected.")
_REST_OR_KIND = re.compile(r"\bthe remaining\b|\bsuch (?!(?:as|that|a|an)\b)[a-z][a-z-]+\b", re.I)
# one of two things an earlier sentence named, near the start, or a second one of a thing named before: "The
# latter had higher male preponderance ...", "A separate model indicated that the timing of medication was not
# associated ..." (tune23); 4 such results and conclusions sentences of the shared PubMedQA abstracts, all
# needing the sentence before ("..., the latter being slightly higher" later in a sentence points inside it;
# "the former smokers", "a separate condition" inside a sentence name no earlier thing)
_ONE_OF_TWO = re.compile(
    rf"^(?:\S+\s+){{0,3}}?(?:the latter\b|the former (?:{_LINK_VERB}|group)\b)|^(?:in )?a separate\b", re.I
)
_CLAUSE_BREAK = re.compile(r",\s+(?:but|and|whereas|while|which|although|though|yet)\b|;|:|\s[\u2013-]\s")


# ... and so does "It is" with what the thing is or what is done to it: "It is most frequently associated with
# cetuximab and erlotinib" (BioASQ snippets on trichomegaly, tuning half, 2026-12-06), "It is a rare ...",
# "It was expressed in ..."; "It is associated that", "It has been reported that" read as impersonal
_IT_IS_THING = re.compile(
    r"^It (?:is|was|has (?:also )?been|can be|may be|is also|was also) (?:(?:most|more|less|very) )?"
    r"(?:[a-z]+ly )?(?:(?:a|an)\s|"
    r"(?:associated|caused|characterized|characterised|expressed|encoded|located|mediated|involved|regulated|"
    r"composed|transmitted|secreted|produced|formed|observed|described|reported|found|seen|detected|used|"
    r"given|administered|approved|indicated|metabolized|metabolised|excreted|inherited|linked|related)"
    r"\s+(?:with|by|in|as|to|from|for|through|via|mainly|mostly|primarily)\b)"
)


# an arm named by its label only ("vomiting was experienced more frequently by patients in Group 1 (44
# percent vs. 25 percent)", PubMedQA 8200238, a tuning-half reading): what Group 1 received is in an earlier
# sentence. A label the sentence defines ("Patients who received local anesthesia (group A) ...", "group B
# (acute appendicitis, n = 73)") stays. 58 of the 3,851 results and conclusions sentences of the shared
# PubMedQA abstracts name such a label
_LABEL = r"[Gg]roups? (?:[A-D]|[1-4]|I{1,3}|IV)(?![\w-])"
# "blood group A", "Streptococcus group B", "group B streptococci", "a group 1 carcinogen", "WHO group 1",
# "age group 1 to 4 years" name no arm; the letter is a capital ("the control group a ..." is no label)
_GROUP_LABEL = re.compile(
    rf"(?<![Bb]lood )(?<!Streptococcus )(?<!WHO )(?<![Aa]ge )\b{_LABEL}"
    r"(?![\s-]+(?i:strep|beta|β|haemolytic|hemolytic|carcinogen))"
)
# defined: the label alone in the brackets after what it names, or brackets after it that open with a word
# ("group B (acute appendicitis, n = 73)"), not with a figure or a statistic ("group 2 (1010 +/- 49.9 mL)")
_LABEL_DEFINED = re.compile(
    rf"\(\s*{_LABEL}\s*\)|\b{_LABEL}\s*\((?!\s*(?:n|p|vs|mean|median|range|or|hr|rr|ci|sd)\b)[A-Za-z]{{3}}",
    re.I,
)


def leans_back(statement: str) -> bool:
    """Whether the statement needs the sentence before it to be understood: it opens on what that sentence
    named (:data:`_ANAPHORIC`, :data:`_IT_ACTS`, :data:`_IT_IS_THING`), names it with a demonstrative in
    its first clause (:data:`_DEMONSTRATIVE`) or counts the rest or the kind of it there
    (:data:`_REST_OR_KIND`), or names an arm by a label it does not define
    (:data:`_GROUP_LABEL`)."""
    if _ANAPHORIC.match(statement) or _IT_ACTS.match(statement) or _IT_IS_THING.match(statement):
        return True
    if _GROUP_LABEL.search(statement) and not _LABEL_DEFINED.search(statement):
        return True
    first = _CLAUSE_BREAK.split(statement, maxsplit=1)[0]
    if _DEMONSTRATIVE.search(first) or _ONE_OF_TWO.search(first):
        return True
    return any(_points_back(m, first) for m in _REST_OR_KIND.finditer(first))


def _points_back(m: re.Match[str], text: str) -> bool:
    """A :data:`_REST_OR_KIND` match that names no earlier word of its own sentence: "to increase power to
    detect such signals" after "GWAS signals" points inside its sentence."""
    noun = m.group(0).split()[-1].lower()
    return noun == "remaining" or noun not in text[: m.start()].lower()


# what an earlier study found, told in a source's background: "An earlier study showed that SLE patients
# carrying an IFN signature ...", "Previous studies have demonstrated ..." (a reading of 16 tuning-half
# articles, 2026-12-05: quoted as the citing source's own finding)
_OTHERS_FOUND = re.compile(
    r"^(?:(?:an?|one|the|some|several|many|most)\s+(?:\w+\s+){0,2}?)?(?:earlier|previous|prior|past|former)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|reports?|trials?|work|analys[ie]s|investigations?|data|research)\s+"
    r"(?:(?:has|have|had)\s+)?(?:\w+\s+)?(?:showed|shown|found|demonstrated|reported|suggested|revealed|indicated)\b",
    re.I,
)


def reports_others(statement: str) -> bool:
    """Whether the statement tells what an earlier study found: the source's background, not its finding."""
    return bool(_OTHERS_FOUND.match(statement))


# what earlier work showed, told anywhere in the sentence: "the PP2A inhibitor, LB100, has been shown in
# pre-clinical studies to ..." (a tuning-half reading, 2026-12-06, found it prefixed "In an animal or
# laboratory study," as if the citing study had found it)
_SHOWN_BEFORE = re.compile(
    r"\b(?:has|have) (?:also |previously |recently |repeatedly )?been "
    r"(?:shown|reported|demonstrated|described|found|suggested)(?:\s+[\w-]+){0,6}? (?:in|by) "
    r"(?:the literature\b|(?!(?:this|these|our|the|its|their)\b)"  # not "in this study", "in our trial"
    r"(?:(?:a|an|some|two|three|several|many|numerous|multiple|previous|prior|earlier|other|recent|large|"
    r"pre-?clinical|clinical|animal|in vitro|experimental|landmark|randomi[sz]ed|placebo-controlled|"
    r"controlled)\s+)*"
    r"(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|models?|trials?|reports?|work|experiments?|research)\b)",
    re.I,
)


def shown_before(statement: str) -> bool:
    """Whether the statement tells what earlier work showed (:data:`_SHOWN_BEFORE`): no finding of the citing
    study, so no study-design prefix."""
    return bool(_SHOWN_BEFORE.search(statement))
