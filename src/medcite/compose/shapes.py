"""Question shapes: the clause of a question read into its two concepts (what acts, and on what).

A shape is a regular expression over the question's body (the leading auxiliary or wh-word taken off) with
two named groups: ``i``, the intervention or exposure, and ``y``, what it acts on (a condition or an
outcome). :func:`read_clause` tries them in order:

* "there is a role for / an association between X and/in Y", "there are X in Y";
* "X is associated / related / linked with Y" (and "correlated with", "implicated in");
* "Y is caused / induced / targeted by X" (the passive: the agent is the exposure);
* "X is effective / safe / necessary for Y" (a predicate adjective);
* "X causes / reduces / affects / contributes to / plays a role in Y" (a verb from :data:`VERBS`);
* "X is a risk factor for / a marker of Y", "X is a Y" (a predicate noun).

:func:`read_wh` reads "Which VKORC1 genotypes are associated with ...?", "Which company developed X?",
"What is the mechanism of action of X?" and "List two indications of X": the wh-phrase names the kind of
answer ("company", "genotypes"); what it qualifies ("VKORC1") stays, and the rest is read as a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medcite.compose.wh_tail import WHERE, own_subject
from medcite.text import ATTRIBUTED_PEOPLE, PREPOSITIONS, alternation
from medcite.text.synonyms import synonyms

# verbs that link an exposure to what it acts on, in the forms a question uses (base, 3rd person, past)
_VERB_BASES = """accelerate activate affect aggravate alter attenuate benefit bind block catalyze cause change
    confer contain contribute correlate decrease delay determine develop differ encode enhance exacerbate
    explain express help hold impair improve increase induce influence inhibit interact interfere lead
    lengthen lower mediate mimic modify modulate play precede predict predispose prevent produce prolong
    promote protect raise recognize reduce regulate relieve require result reverse secrete shorten slow
    stimulate suppress target treat trigger work worsen downregulate upregulate undergo receive impact
    facilitate limit harm boost control govern drive repress silence phosphorylate methylate acetylate
    ubiquitinate degrade cleave transport localize localise alleviate ameliorate vary
    recapitulate give enter exhibit cross penetrate generate carry restore
    resemble replace respond sensitize resist tolerate abolish eliminate elevate normalize counteract
    antagonize potentiate amplify accumulate persist occur survive invade infect transmit replicate
    integrate transcribe dimerize synthesize detect identify distinguish outperform
    attract deplete disrupt offer provide afford matter make""".split()


def _forms(base: str) -> list[str]:
    stem = base[:-1] if base.endswith("e") else base
    third = (
        base + "es"
        if base.endswith(("ch", "sh", "ss", "x"))
        else base[:-1] + "ies"
        if base.endswith("y") and base[-2] not in "aeiou"
        else base + "s"
    )
    past = (
        base + "d"
        if base.endswith("e")
        else base[:-1] + "ied"
        if base.endswith("y") and base[-2] not in ("aeiou")
        else stem + "ed"
    )
    return [base, third, past]


_IRREGULAR = ("leads", "led", "held", "holds", "binds", "bound", "has", "have", "had")
VERBS = alternation({f for b in _VERB_BASES for f in _forms(b)} | set(_IRREGULAR))
_BE = r"(?:(?:is|are|was|were|be|been|being)\s+)"
_NOT = r"(?:not\s+)?"
_ADVERB = r"(?:(?:[a-z]+ly|still|also|always|more|less|as|even)\s+)?"  # "significantly", "economically"
_COMPARING = (
    r"(?:alternative|substitute|equivalent|preferable|superior|inferior|better|worse|non-?inferior|"
    r"comparable|similar|different|the same as)"
)
_ASSOC = r"(?:associated|related|linked|correlated|connected|implicated|involved)"
_ADJECTIVES = r"""(?:effective|efficacious|safe|safer|beneficial|useful|helpful|necessary|needed|required|
    superior|inferior|better|worse|accurate|reliable|valid|predictive|prognostic|sufficient|feasible|
    appropriate|indicated|justified|warranted|harmful|dangerous|cost-effective|protective|toxic|possible|
    present|common|different|increased|decreased|elevated|reduced|higher|lower|expressed|detectable|
    responsible|essential|important|relevant|recommended|approved|advisable|acceptable|preferable|worthwhile|
    able|capable|suitable|sensitive|specific|comparable|equivalent|similar|affected|altered|impaired|
    prevalent|frequent|rare|curable|treatable|contraindicated|viable|active|effective and safe|
    safe and effective|representative|indicative|reflective|characteristic|suggestive|diagnostic|found|
    located|locali[sz]ed|detected|enriched)"""
_ADJECTIVE = re.sub(r"\s+", "", _ADJECTIVES)
_FRAME_NOUNS = r"""(?:role|association|associations|relationship|relation|link|correlation|connection|
    need|benefit|place|indication|evidence|effect|impact|influence|advantage|rationale|interaction|
    contribution|increased risk|risk|consensus)"""
_FRAME = re.sub(r"\s+", "", _FRAME_NOUNS)
# a predicate noun whose object is the second concept: "a risk factor for Y", "a marker of Y"
_PREDICATE_NOUN = r"""(?:risk factors?|predictors?|markers?|biomarkers?|causes?|targets?|indicators?|
    determinants?|treatments?|therap(?:y|ies)|options?|alternatives?|substitutes?|consequences?|features?|
    signs?|symptoms?|components?|regulators?|inhibitors?|activators?|mediators?|modifiers?|contributors?|
    complications?|manifestations?|prerequisites?|requirements?|hallmarks?|adjuncts?|adjuvants?)"""
_PRED_NOUN = re.sub(r"\s+", "", _PREDICATE_NOUN)

_SHAPE_TEXT: tuple[tuple[str, str], ...] = (
    (  # "X is an effective alternative to Y in Z", "X is superior to Y for Z"
        "comparison",
        rf"^(?P<i>.+?)\s+BE{_NOT}(?:(?:a|an)\s+)?(?:[\w-]+\s+){{0,2}}?{_COMPARING}\s+(?:to|than|with)\s+"
        r"(?P<k>.+?)(?:\s+(?:in|for|among|as|at)\s+(?P<y>.+))?$",
    ),
    (
        "there",
        rf"^there\s+(?:is|are|was|were)?\s*(?:still\s+)?(?:(?:a|an|any|some)\s+)?(?P<m>(?:[\w-]+\s+){{0,2}}?){_FRAME}"
        r"\s+(?:for|of|between|in|from|on|with|to)\s+(?P<i>.+?)"
        r"(?:\s+(?:and|with|in|to|on|for|among|after|during)\s+(?P<y>.+))?$",
    ),
    (
        "there-np",
        r"^there\s+(?:is|are|was|were)?\s*(?:any\s+)?(?P<i>.+?)(?:\s+(?:in|among|with|after|during|"
        r"for|on)\s+(?P<y>.+))?$",
    ),
    ("associated", rf"^(?P<i>.+?)\s+BE{_NOT}{_ADVERB}{_ASSOC}\s+(?:with|to|in)\s+(?P<y>.+)$"),
    # "X been considered / used / proposed as a treatment for Y", "X is at higher risk of Y"
    (
        "as-role",
        rf"^(?P<i>.+?)\s+BE{_NOT}{_ADVERB}(?:[a-z]+ed\s+)?as\s+(?:a|an|the)?\s*(?:[\w-]+\s+){{0,2}}?"
        rf"{_PRED_NOUN}\s+(?:for|of|in|to|against)\s+(?P<y>.+)$",
    ),
    (
        "at-risk",
        r"^(?P<i>.+?)\s+(?:BE)?(?:at|in)\s+(?:an?\s+)?(?:higher|increased|greater|lower|high|low)\s+risk\s+"
        r"(?:for|of)\s+(?:developing\s+|having\s+|getting\s+)?(?P<y>.+)$",
    ),
    # "Y is caused by X", "Y is restored with X": the agent or the instrument is the exposure
    (
        "passive",
        rf"^(?P<y>.+?)\s+BE{_NOT}{_ADVERB}(?:[a-z-]+(?:ed|en)|bound|held|led)\s+(?:by|with)\s+(?P<i>.+)$",
    ),
    (
        "adjective",
        rf"^(?P<i>.+?)\s+BE{_NOT}{_ADVERB}{_ADJECTIVE}"
        r"(?:\s+(?:and\s+\S+\s+)?(?:for|in|to|than|as|among|with|on|at|after|during|from|against|of)\s+"
        r"(?P<y>.+))?$",
    ),
    # (a verb right after an article is a noun: "the result of")
    # ("X be used to predict Y": the verb after "used to", "able to")
    (
        "verb",
        rf"^(?P<i>.+?)(?<!\sthe)(?<!\sa)(?<!\san)\s+{_BE}?{_NOT}{_ADVERB}(?:(?:used|able|likely|shown)\s+to\s+)?"
        rf"{VERBS}(?=\s|$)\s*(?P<y>.*)$",
    ),
    (
        "noun",
        rf"^(?P<i>.+?)\s+BE{_NOT}(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_PRED_NOUN}"
        r"\s+(?:for|of|in|to|with)\s+(?P<y>.+)$",
    ),
    # "[Is] X a Y", "[Is] X the key to Y" (not "aware of the Y": see read_clause)
    ("is-a", rf"^(?P<i>.+?)\s+BE{_NOT}(?:a|an|the)\s+(?P<y>.+)$"),
    # "[Is] SATB1 positioned close to Y", "X be restored with Y": a participle as the predicate
    ("participle", rf"^(?P<i>.+?)\s+BE{_NOT}{_ADVERB}[a-z]+(?:ed|ing)(?=\s|$)\s*(?P<y>.*)$"),
)


def _compiled(copula: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
    be = f"{_BE}?" if copula else _BE
    return tuple((name, re.compile(pat.replace("BE", be), re.I)) for name, pat in _SHAPE_TEXT)


_SHAPES = {False: _compiled(False), True: _compiled(True)}
# what a verb's object starts with and is not part of the concept: "contribute to", "have an impact on"
_OBJECT_LEAD = re.compile(
    r"^(?:(?:a|an|any|the|some|significant|major|positive|negative|beneficial|protective|causal|key|"
    r"important|direct)\s+)*(?:(?:role|effect|impact|influence|part|benefit|difference)\s+"
    r"(?:on|in|for|against|to)\s+)?(?:when\s+(?:considering|selecting|choosing|treating)\s+)?"
    r"(?:rise\s+)?(?:(?:to|on|in|with|against|from|for|into|of|by|close to|behind|at)\s+)?",
    re.I,
)
# a regulator that approves, as the passive's agent or before the participle ("approved by the FDA", "FDA
# approved"): it is who approved, not a concept the sources must name, and not the exposure of a passive
# ("Has amantadine ER been approved by the FDA?" had read the FDA as the intervention, amantadine as the
# outcome)
_REGULATOR = (
    r"(?-i:FDA|EMA|MHRA|PMDA|NICE|(?:US\s+|U\.S\.\s+)?Food and Drug Administration|European Medicines Agency|"
    r"European Commission|Health Canada)"
)
_BY_REGULATOR = re.compile(
    rf"\s+by\s+(?:the\s+)?{_REGULATOR}\b(?:\s*\([A-Z]{{2,6}}\))?|\b{_REGULATOR}[\s-]+(?=[a-z]+ed\b)", re.I
)
# modifiers of a frame noun that do not name a concept: "an increased risk of", "a significant role for"
_AMOUNT_WORDS = re.compile(
    r"(?:(?:increased|decreased|higher|lower|greater|reduced|elevated|significant|possible|potential|real|"
    r"clear|causal|direct|positive|negative|independent|clinical|additional|protective|beneficial|"
    r"important|major|key|any|still|true|consistent|further|new|specific)\s*)+",
    re.I,
)
# "a need for a lower warfarin dose" -> "warfarin dose"; "[approved for] use against acute myeloid leukemia"
_AMOUNT_LEAD = re.compile(
    r"^(?:use\s+(?:in|against|for|as)\s+)?(?:(?:a|an|the)\s+)?(?:(?:need|requirement)\s+(?:for|of)\s+)?"
    r"(?:(?:a|an|the)\s+)?"
    r"(?:(?:lower|higher|reduced|increased|decreased|greater|smaller|larger|low|high)\s+)?",
    re.I,
)


# "Which molecule is targeted by X?", "X binds to what protein?": a mechanism (a reading found such answers
# under "Efficacy"); not "Does X bind to Y?" (even half: one answer lost, yes 0.24 against no 0.18)
ACTS_ON = re.compile(
    r"\bbinds?(?: to)?\b(?! site)|\btargets? of\b|\b(?:drug|molecular|therapeutic|pharmacological) "
    r"targets? for\b"  # "What is drug target for olaparib?"; not "the blood pressure target for ..."
    r"|\b(?:target|inhibit|block|activat|antagoni[sz])(?:ed|es|s)? by\b",
    re.I,
)
_FRAMING = re.compile(
    rf"(?:(?:the|a|an|any)\s+)?(?:same|{_COMPARING}|{_FRAME}|{_PRED_NOUN}|{_ADJECTIVE})", re.I
)


def only_framing(phrase: str) -> bool:
    """Whether ``phrase`` is only a word that frames a question, no outcome: "the same", "an indication",
    "a risk factor", "effective"."""
    return bool(_FRAMING.fullmatch(phrase.strip()))


@dataclass(frozen=True, slots=True)
class Clause:
    shape: str
    subject: str | None  # intervention or exposure
    obj: str | None  # what it acts on: a condition or an outcome
    comparator: str | None = None  # "X is an alternative to / better than Y"


def read_clause(body: str, copula: bool = False) -> Clause | None:
    """The first shape that reads ``body``, or None. ``copula``: the question's leading "is"/"are" was
    taken off, so a predicate needs no verb of its own ("[Is] X effective for Y")."""
    body = _BY_REGULATOR.sub("", body)
    for name, pat in _SHAPES[copula]:
        m = pat.search(body)
        if not m:
            continue
        subject, obj = m.group("i"), m.groupdict().get("y")
        if name == "is-a" and subject.split()[-1].lower() in PREPOSITIONS:
            continue  # "physicians aware of | the side effects": no predicate noun
        mod = (m.groupdict().get("m") or "").strip()
        if mod and not _AMOUNT_WORDS.fullmatch(mod):  # "an intrauterine influence on obesity"
            subject, obj = mod, " ".join(x for x in (subject, obj) if x)
        if name in ("verb", "participle") and obj:
            obj = _OBJECT_LEAD.sub("", obj, count=1)
        if obj:
            obj = _AMOUNT_LEAD.sub("", obj, count=1).strip() or obj
        k = (m.groupdict().get("k") or "").strip() or None
        return Clause(name, subject.strip() or None, (obj or "").strip() or None, k)
    return None


# -- wh-questions ---------------------------------------------------------------------------------------
# nouns that name the kind of answer asked for, not a concept ("which company", "what kind of mutations")
_ANSWER_NOUNS = frozenset(
    """algorithm algorithms allele alleles antibody antibodies approach approaches bacteria bacterium cell
    cells chromosome class classes companies company compound compounds condition conditions database
    databases
    disease diseases disorder disorders drug drugs enzyme enzymes factor factors gene genes genotype
    genotypes hormone hormones kind kinds marker markers medication medications member members method methods
    molecule molecules mutation mutations organism organisms package packages pathway pathways percentage
    interaction interactions partner partners
    polymorphism polymorphisms process processes protein proteins proportion receptor receptors region
    regions software structure structures syndrome syndromes technique techniques test tests tool tools
    type types variant variants virus viruses one ones computational bioinformatic bioinformatics novel new
    specific available existing""".split()
)
# frame words of "What is the X of Y?": the question asks about Y
_FRAME_WORDS = frozenset(
    """role roles function functions mechanism mechanisms mode action actions cause causes aim aims purpose
    basis genetic molecular normal main primary principal usefulness use uses value efficacy effectiveness
    effect effects benefit benefits safety dose doses dosing dosage side adverse risk risks prognosis
    prevalence incidence frequency management diagnosis indication indications target targets symptoms
    features characteristics definition structure location localization evidence impact influence
    contribution significance importance outcome outcomes goal composition origin two three four five
    administration
    most common best first major key biological physiological clinical current recommended
    pathophysiology pathogenesis etiology aetiology treatment treatments recommendations guidelines""".split()
)
_WH = re.compile(
    r"^(?:please\s+)?(?:which|what|list|name|describe|give|summari[sz]e|how\s+(?:many|much))\b\s*"
    r"(?:(?:kinds?|types?|class(?:es)?|sorts?)\s+of\s+)?",
    re.I,
)
_WH_AUX = re.compile(
    r"^(?P<np>.+?)\s+(?P<aux>is|are|was|were|has|have|had|do|does|did|can|could|will|would|should|may|might)"
    r"\s+(?P<rest>.+)$",
    re.I,
)
_FRAME_OF = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?P<frame>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:of|for|behind)\s+(?P<x>.+)$", re.I
)
_LEAD_WORDS = re.compile(
    r"^(?:(?:the|a|an|some|all|two|three|four|five|\d+|main|known|most|common)\s+)+", re.I
)


def strip_answer_noun(np: str, trailing: bool = True) -> str | None:
    """The wh-phrase without the nouns that name the kind of answer: "VKORC1 genotypes" -> "VKORC1",
    "member of the human mycobiota" -> "human mycobiota", "company" -> None."""
    np = _LEAD_WORDS.sub("", np.strip())
    m = re.match(r"^(?P<head>[\w-]+(?:\s+[\w-]+)?)\s+(?:of|in|with|from|for|that|to)\s+(?P<x>.+)$", np, re.I)
    if m and all(w.lower() in _ANSWER_NOUNS or w.lower() in _FRAME_WORDS for w in m.group("head").split()):
        np = _LEAD_WORDS.sub("", m.group("x"))
    words = np.split()
    while trailing and len(words) > 1 and words[-1].lower() in _ANSWER_NOUNS:
        words.pop()
    while words and words[0].lower() in _ANSWER_NOUNS | _FRAME_WORDS:
        words.pop(0)
    return " ".join(words) or None


# "What is the active ingredient of Eligard?" asks about Eligard, as "What is the trade name of sildenafil?"
# asks about sildenafil: a frame of common words (lower case, no digit) after an article, opening a
# wh-question, is read as one even where its words are not frame words ("What is cluster of differentiation?"
# is no frame); only there, not inside it ("the incidence of sudden death of athletes" keeps "sudden death of
# athletes"). Off: only the listed frame words
COMMON_FRAMES = True
_COMMON_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_ARTICLE = re.compile(r"(?:the|a|an)\s", re.I)


def frame_object(np: str, opening: bool = False) -> str | None:
    """ "the mechanism of action of durvalumab" -> "durvalumab" (the frame words are dropped); where the
    phrase ``opening`` a wh-question, any frame of common words (:data:`COMMON_FRAMES`)."""
    m = _FRAME_OF.match(np.strip())
    if not m:
        return None
    words = re.findall(r"[\w-]+", m.group("frame"))
    common = (
        opening
        and COMMON_FRAMES
        and bool(_ARTICLE.match(np.strip()))
        and all(_COMMON_WORD.fullmatch(w) for w in words)
    )
    if common or all(w.lower() in _FRAME_WORDS for w in words):
        inner = frame_object(m.group("x"))
        return inner or m.group("x")
    return None


def is_wh(body: str) -> bool:
    return bool(_WH.match(body) or WHERE.match(body))


def read_wh(body: str) -> Clause | None:
    """A wh-question (or "List ...", "Describe ...") read into a clause; None when it is not one."""
    if where := WHERE.match(body):
        own = own_subject(where.group("t"))
        return Clause("wh-be", *own) if own else None
    m = _WH.match(body)
    if not m:
        return None
    rest = body[m.end() :].strip()
    if not rest:
        return None
    what_is = re.match(r"^(?:is|are|was|were)\s+", rest, re.I)
    if framed := frame_object(rest[what_is.end() :] if what_is else rest, opening=bool(what_is)):
        return Clause("wh-frame", framed, None)
    if what_is:  # "What is X?", "What are the X used for?"
        inner = rest[what_is.end() :]
        clause = read_clause(inner)
        if clause is not None and clause.subject:
            return clause
        # "What is evaluated with the SAD PERSONS scale?": the wh-word is the passive's subject, as in
        # "Which molecule is targeted by X?" (the whole clause had been read as the concept)
        passive = read_clause(f"it is {inner}")
        if passive is not None and passive.shape == "passive":
            return passive
        # "What is known about X?", "What is associated with X?": X is the topic
        if about := re.match(
            r"^(?:known|[a-z]+ed)\s+(?:about|with|to|regarding|for)\s+(?P<x>.+)$", inner, re.I
        ):
            return Clause("wh-what", frame_object(about.group("x")) or about.group("x"), None)
        topic = re.sub(r"\s+(?:used\s+)?(?:for|in|of|with|by|to|about)$", "", inner, flags=re.I)
        return Clause("wh-what", topic, None)
    if do := _read_do(rest):
        return do
    rest = re.sub(r"^(\S+(?:\s+\S+)*?)\s+(?:has|have)\s+been\s+", r"\1 is ", rest, count=1)
    if am := _WH_AUX.match(rest):
        np, tail = am.group("np"), am.group("rest")
        be = am.group("aux").lower() in ("is", "are", "was", "were")
        if be and (own := own_subject(tail)):
            return Clause("wh-be", *own)
        if be and not strip_answer_noun(np):
            # "Which molecule is targeted by X?": the clause has no subject of its own
            clause = read_clause(f"it is {tail}") or Clause(
                "wh-be", None, _OBJECT_LEAD.sub("", tail, count=1)
            )
        else:
            clause = read_clause(f"{np} {am.group('aux')} {tail}" if be else f"{np} {tail}")
            if clause is not None:
                clause = Clause(clause.shape, strip_answer_noun(clause.subject or ""), clause.obj)
        if clause is not None:
            return _filled(clause, tail)
    clause = read_clause(rest)
    if clause is not None:
        return _filled(Clause(clause.shape, strip_answer_noun(clause.subject or ""), clause.obj), rest)
    # "Describe a cytokine release syndrome": the whole phrase is the topic; "Which cells ...": the noun
    # names the kind of answer
    which = re.match(r"^(?:which|what|how)\b", body, re.I) is not None
    return Clause("wh-np", strip_answer_noun(rest, trailing=which), None)


# "Which receptor does amantadine antagonize?", "What does gepotidacin do to bacteria?": the wh-phrase is the
# verb's object; after do-support the subject, a verb in its base form and an optional prepositional phrase
_DO_OBJECT = re.compile(
    r"^(?:(?P<np>.+?)\s+)??(?:do|does|did)\s+(?!(?:not|better|worse|well|more|less)\b)(?:the\s+)?"
    r"(?P<subject>.+?)\s+(?P<verb>[a-z]+)"
    r"(?:\s+(?:to|on|in|with|from|for|against|at|into|as|by)\b\s*(?P<obj>.*?))?\s*\??$"
)


_VERB_WORD = re.compile(VERBS, re.I)


def _read_do(rest: str) -> Clause | None:
    """A wh-question whose wh-phrase is the object of a verb after "do"/"does"/"did" (None: another shape).
    The subject is what the question is about; what the prepositional phrase names ("bacteria",
    "inflammation"), else the qualifier of the wh-phrase ("S1P" of "S1P receptors"), is what it acts on."""
    m = _DO_OBJECT.match(rest)
    if not m or m.group("subject").lower() in ("it", "they", "this", "these"):
        return None
    if m.group("verb") in PREPOSITIONS or any(_VERB_WORD.fullmatch(w) for w in m.group("subject").split()):
        return None  # "does aspirin reduce stroke risk": the verb is inside; another shape reads it
    obj = (m.group("obj") or "").strip() or None
    if obj is not None and _VERB_WORD.fullmatch(obj):  # "used to treat": no object named
        obj = None
    if obj is None and m.group("np"):
        obj = strip_answer_noun(m.group("np"))
    return Clause("wh-do", m.group("subject"), obj)


def _filled(clause: Clause, tail: str) -> Clause:
    """A clause whose subject was only the kind of answer ("Which company developed X?") reads its object
    as the concept asked about."""
    subject = clause.subject if clause.subject and clause.subject.lower() != "it" else None
    if subject is None:
        return Clause(clause.shape, clause.obj or tail, None)
    return Clause(clause.shape, subject, clause.obj)


def names_condition(phrase: str) -> bool:
    """Whether ``phrase`` names a disease, a sign or symptom, a mental disorder or an emotion treated as one
    (MeSH C, F03, F01.470), in whole or in a run of its words (longest wordings first: "tumor necrosis
    factor inhibitor" is a drug class, not a tumour)."""
    return any(d.is_condition for d in synonyms().find(phrase))


_RISK_OF = re.compile(r"\b(?:risks?|incidence|likelihood|chances?|odds|frequency)\s+of\s+", re.I)
# "<outcome> with/after <exposure>", the outcome naming no population or condition of its own
_OUTCOME_WITH = re.compile(
    r"^(?P<o>(?:(?!\b(?:in|among|for|of)\b)[^,])+?)\s+(?:with|from|after|following|associated with|caused by|"
    r"due to|during|on)\s+(?P<i>.+)$",
    re.I,
)


# "X as adjunctive therapy in depression": what follows the preposition may be the condition
SUBJECT_SPLIT = re.compile(r"^(.+?)\s+(?:in|among|for|to treat|to prevent)\s+(.+)$", re.I)
# "effects of X on Y": after a frame noun, "on" too
FRAMED_SPLIT = re.compile(r"^(.+?)\s+(?:in|among|for|on|to treat|to prevent)\s+(.+)$", re.I)


def risk_exposure(body: str, subject: str) -> tuple[str, str | None, str] | None:
    """A risk question's (exposure, condition, outcome): "What is the risk of seizures with bupropion?" ->
    ("bupropion", None, "seizures"); "... with dabigatran in atrial fibrillation" names the condition too.
    ``subject``: the framed subject ("seizures with bupropion"). None for other questions."""
    if not _RISK_OF.search(body) or not (m := _OUTCOME_WITH.match(subject)):
        return None
    exposure, where = m.group("i"), None
    if part := SUBJECT_SPLIT.match(exposure):  # "... with dabigatran in the elderly": the population apart
        exposure, where = part.group(1), part.group(2) if names_condition(part.group(2)) else None
    return exposure, where, m.group("o")


# "Does bupropion help people stop smoking?": the people helped and the verb of change are no part of the
# condition ("people stop smoking" had set aside every bupropion trial for not saying it, and the answer
# rested on a 15-patient pilot); "help women with PCOS get pregnant" names its condition after "with", and
# "help people sleep" the verb alone. Off (HELP_SHAPE): the whole object is the condition
HELP_SHAPE = True
_PEOPLE_DETERMINERS = frozenset({"all", "most", "every", "the", "our"})  # "all patients", "our patients"
_HELPED_PEOPLE = (
    rf"^(?:(?:{alternation(sorted(_PEOPLE_DETERMINERS))})\s+)?(?:{alternation(sorted(ATTRIBUTED_PEOPLE))})\s+"
)
_HELP_OBJECT = re.compile(
    rf"{_HELPED_PEOPLE}(?:with\s+(?P<cond>.+?)\s+)?(?:to\s+)?"
    r"(?P<verb>stop|quit|give up|cut down(?: on)?|lose|gain|reduce|get|become|stay|remain|achieve|"
    r"maintain|recover(?: from)?|avoid|manage|control|overcome|fall|keep)\s+(?P<rest>.+)$",
    re.I,
)
_HELP_VERB_ONLY = re.compile(rf"{_HELPED_PEOPLE}(?:to\s+)?(?P<rest>(?!with\b)[a-z-]+)$", re.I)


def helped(body: str, obj: str) -> tuple[str, str | None] | None:
    """The condition and outcome of a "help <people> <verb> <object>" question ("help people stop smoking"
    -> ("smoking", None); "help women with PCOS get pregnant" -> ("PCOS", "pregnant"); "help people sleep" ->
    ("sleep", None)); None for another shape."""
    if not HELP_SHAPE or not re.search(r"\bhelps?\b", body, re.I):
        return None
    if m := _HELP_OBJECT.match(obj):
        return (m.group("cond"), m.group("rest")) if m.group("cond") else (m.group("rest"), None)
    return (m.group("rest"), None) if (m := _HELP_VERB_ONLY.match(obj)) else None


def people_only(value: str) -> bool:
    """Whether ``value`` names only people ("all patients", "smokers")."""
    words = re.findall(r"[a-z]+", value.lower())
    return bool(words) and all(w in ATTRIBUTED_PEOPLE or w in _PEOPLE_DETERMINERS for w in words)
