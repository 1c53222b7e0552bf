"""A source sentence as a readable statement: markup, a database's truncation note, glued parts (".;"), a
leading section label and connectives, and the authors' frame ("we conclude that X") removed.

:func:`trim_sentence`, :func:`without_frame` and :func:`first_person` are the composer's statement
trimming (a first word with inner capitals, "cIMT", "mRNA", keeps its case); :func:`readable` adds
conservative repairs of the first person that remains ("our patients" -> "the patients", "we found no
difference in X" -> "there was no difference in X") and gives None where the authors still speak.
"""

from __future__ import annotations

import re

from medcite.text.anaphora import STUDY_WORD, leans_back, reports_others
from medcite.text.brackets import without_reference_numbers
from medcite.text.cues import HEADING_WORDS, WORD_LABEL, caps_label, is_heading, titled_heading
from medcite.text.sentences import first_sentence
from medcite.text.voice import (
    AUTHORS_FRAME,
    COPYRIGHT_NOTE,
    EVALUATIVE_WORDS,
    FIRST_PERSON,
    FRAME_GOES_ON,
    HEDGING_VERBS,
    MODAL_HEDGE,
    OPINION_VERBS,
    SELF_LEAD,
    STATING_VERBS,
    TRUNCATION_MARKER,
)
from medcite.text.words import (
    AGAINST,
    AMONG,
    ARTICLES,
    CLAIM_STOPWORDS,
    COMMON_PREPOSITIONS,
    CONTEXT_PREPOSITIONS,
    COORDINATORS,
    CORE_PREPOSITIONS,
    QUERY_STOPWORDS,
    TOOL_NOUNS,
    VIA,
    ends_on_stub,
    opens_on_stub,
    words,
)

# a section label ("Results:", "Findings,") only with its punctuation: "Findings suggest that ..." keeps its
# subject; so do the connectives that also open a phrase ("Overall survival was ...", "In addition to X, ...")
_LEAD_TRIM = re.compile(
    r"^(?:(?:(?:in conclusion|in summary|to conclude|taken together|however|conversely|moreover|"
    r"furthermore|additionally|also|thus|therefore|hence|finally|importantly|notably|"
    r"nevertheless|nonetheless|consequently|accordingly|indeed|interestingly|most notably|more importantly|"
    r"analogously|based on (?:these|this|the above|our) (?:findings|results|data|observations))\s*[:,]?|"
    r"(?:overall|in addition|in particular|on the other hand|in contrast|by contrast|(?:in|on the) contrary|"
    r"similarly|likewise|yet|alternatively|further|(?:in view|in light) of (?:these|this|the|our) "
    r"(?:findings|results|data|observations)|"
    r"lastly|last(?:,? but not least)?|in turn|in fact|of note|specifically|remarkably|surprisingly|"
    r"here|first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|"
    # the source pointing at itself: "As discussed in the review, long noncoding RNAs ..." (tune34)
    r"as (?:discussed|described|reviewed|outlined|noted|mentioned|summari[sz]ed)(?: (?:above|here|below|"
    r"in (?:this|the|our) (?:review|article|paper|chapter)))?)\s*[:,]|"
    # ... and a list's number: "1. DBE is a safe and accurate method ...; 2. this method permits ..." (tune35)
    r"(?:conclusions?|results?|interpretation|findings)\s*[:,\u2022]|summary\s*:|\u2022|\(?[1-9]\)|[1-9]\.)\s+)+",
    re.I,
)

_NEXT_ITEM = re.compile(r"; \(?[2-9][.)] (?=[a-z])")  # the next item's number: "...; 2. this method ..."
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|br|p|span|div)\b[^>]*>", re.I)
# "DISCUSSION: ...", "AIM: ...", "AUTHORS' CONCLUSIONS: ..."
_LEAD_LABEL = re.compile(r"^[A-Z][A-Z/&,'\u2019 ]{2,40}:\s+")


def _without_bare_label(text: str) -> str:
    m = caps_label(text)  # a label without its colon: "OBJECTIVE To summarize ...", "RESULTS IL-6 fell ..."
    return text[m.end() :] if m else text


# a heading in ordinary case before its colon: "Conclusions: ...", "Background and aims: ..." (not "Note:")
_CASED_LABEL = re.compile(r"^([A-Z][A-Za-z ]{2,40}?):\s+")


# a cased label of several words without its colon, before a capital: "Conclusions and Relevance In ..."
_CASED_BARE_LABEL = re.compile(
    r"^([A-Z][a-z]+(?: (?:and|of|the|[A-Z]?[a-z]+)){1,3}) "
    r"(?=[A-Z])(?!(?:Were|Was|Are|Is|Ha[sd]|Have|Did|Do)\b)"
)


def _label_of_headings(label: str) -> bool:
    """A label without its colon: heading words (two at least) and linking words, a heading word last."""
    words = label.upper().split()
    return is_heading(label) and sum(w in HEADING_WORDS for w in words) >= 2 and words[-1] in HEADING_WORDS


# Bioinformatics' label, kept glued to its sentence by some records ("Availability and implementation SELANSI
# runs under the MATLAB environment"); its words are no heading words elsewhere ("The Implementation Methods
# Programme (IMP) ..." is a sentence)
_JOURNAL_LABEL = re.compile(r"^(?i:availability and implementation):?\s+(?=[A-Z])")


def without_label(text: str) -> str:
    """The text without the section label it opens with: "DISCUSSION: ...", "OBJECTIVE To summarize ...",
    "DATA SYNTHESIS Olaratumab is ...", "Conclusions: ...", "Conclusions and Relevance In patients ...",
    "Availability and implementation SELANSI runs ..."."""
    t = _without_bare_label(WORD_LABEL.sub("", _LEAD_LABEL.sub("", _JOURNAL_LABEL.sub("", text))))
    m = _CASED_LABEL.match(t)
    if m and is_heading(m.group(1)):
        return t[m.end() :]
    m = _CASED_BARE_LABEL.match(t)
    return t[m.end() :] if m and _label_of_headings(m.group(1)) else t


_GLUED = re.compile(r"\.;(?:\s+|$)")  # ".; " joins the parts of some abstracts
_FIRST_CLAUSE_END = re.compile(r"[;:]|,\s+(?:and|but|whereas|while)\b|\s\(?\d\)")
_MODALS = frozenset("may might could would".split())
# "it is clear that X" states X ("it is possible that X" does not: the frame stays)
PLAIN_FACT = frozenset("clear evident apparent obvious".split())
_AND_THAT = re.compile(r",? and that\s+")


# how a whole sentence ends; a corpus of partial abstracts (BioASQ snippets, some screening sets) cuts some
# off mid-sentence or mid-word: "... a lower medication burden at the end o", "... coefficient, rs :". Many
# snippets only lack their full stop ("... among all patients treated with radiotherapy"): those are whole.
_FINISHED = re.compile(r"""[.!?)\]"'%\u2019\u201d]$""")
# words no sentence ends on: it was cut after them
_DANGLING = frozenset(
    "that which who whose is are was were be been its their as but nor while".split()
).union(
    ARTICLES, COORDINATORS, CORE_PREPOSITIONS, COMMON_PREPOSITIONS, CONTEXT_PREPOSITIONS, AMONG, VIA, AGAINST
)
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


def _dangling_end(text: str) -> bool:
    """The text ends on a word no sentence ends on, or on a lone small letter (a word cut off: "end o")."""
    if (m := _LAST_WORD.search(text)) is None:
        return False
    word = m.group(1)
    return word.lower() in _DANGLING or (len(word) == 1 and word.islower())  # not "vitamin D", "I"


# a snippet cut a few letters into its next sentence: "... developed by Roche and Shionogi. Th"
# (a full stop after a word of two or more small letters, not "vs.": "U.S. Army", "Dr. Lee", "A vs. B" stay),
# or one whole word that opens sentences ("... the positive and negative leader regions. These", tune31)
_BEGUN = re.compile(
    r"(?<=[a-z]{2}[.!?])(?<!\bvs\.)\s+(?:[A-Z][a-z]{0,3}|These|Those|There|Their|However|Although|While|"
    r"Since|Because|Moreover|Furthermore|Finally|Further|Overall|Together|Taken|Patients|Results)$"
)


# a snippet opening on the full stop before it: ". In the COVID-19 era, ..." (BioASQ; tuning half, 2026-12-05)
_LEAD_STOP = re.compile(r"^\s*\.\s+(?=[A-Z])")  # one stop: an ellipsis "... " stays


def _without_notes(text: str) -> str:
    """The text without markup, a database's truncation note, a publisher's copyright line and the source's
    own reference numbers."""
    return without_reference_numbers(
        COPYRIGHT_NOTE.sub("", TRUNCATION_MARKER.sub("", _HTML_TAG.sub(" ", text)))
    )


def unfinished(sentence: str) -> bool:
    """Whether the sentence was cut off: no closing punctuation, and it stops on a comma, colon, dash or an
    open bracket, on a word no sentence ends on ("the", "of"), on a lone letter, or a few letters into a next
    sentence ("... Shionogi. Th"; a truncation note aside). Quoted as :func:`_cut_off` cuts it."""
    t = _without_notes(sentence).rstrip()
    if not t or _FINISHED.search(t):
        return False
    cut = t[-1] in ",;:(-/" or t.count("(") > t.count(")") or _dangling_end(t) or bool(_BEGUN.search(t))
    return cut or ends_on_stub(t)  # "... deficits of working memor"


def _cut_off(text: str) -> str:
    """Up to its last whole word before any bracket left open, then an ellipsis ("... at the end o" -> "...
    at ..."; tune35); one cut a few letters into its next sentence, up to its full stop."""
    t = text.rstrip()
    if begun := _BEGUN.search(t):  # the next sentence's first letters go ("... Shionogi. Th")
        return t[: begun.start()]
    while t.count("(") > t.count(")") and t[: t.rindex("(")].strip():  # "... 36 months (Spearman ..., rs"
        t = t[: t.rindex("(")]
    if t.endswith("-") and " " in t:  # a compound cut at its hyphen ("as an anti-"): the word goes
        t = t.rsplit(" ", 1)[0]
    t = t.rstrip(" ,;:(-/")
    while " " in t and _dangling_end(t):
        t = t.rsplit(" ", 1)[0].rstrip(" ,;:(-/")
    return t if t.endswith((".", "!", "?")) else t + " \u2026"  # "... events. The": the sentence before


def trim_sentence(text: str) -> str:
    """The sentence as a statement: markup, a database's truncation note, a leading section label and
    connectives, and the authors' frame ("we conclude that ...") removed; glued parts (".;") separated."""
    t = _LEAD_STOP.sub("", _without_notes(text))
    t = " ".join(_GLUED.sub(". ", t).split())
    t = _NEXT_ITEM.sub("; ", t) if t.startswith(("1. ", "1) ", "(1) ")) else t  # only in a numbered list
    t = _LEAD_TRIM.sub("", without_label(t))
    t = _LEAD_TRIM.sub("", without_frame(t))
    t = _capitalised(t)
    if t and unfinished(t):  # cut off, perhaps mid-word: quoted up to its last whole word, then "..."
        t = _cut_off(t)
    elif t and t.rstrip("\"'\u201d\u2019")[-1:] not in (".", "!", "?", ")"):
        t += "."  # not after a closing quote that ends the sentence ('... and "insulation."')
    return t


# a lead that says how the authors worked ("By using X, we have demonstrated that Y"): without its subject it
# would dangle on the claim ("By using X, Y ..."; tune29), so the authors stay: "By using X, the authors ..."
_METHOD_LEAD = re.compile(r"^(?:By|Through|Via|With|Using|Employing|Applying|Combining|Comparing)\b", re.I)


def without_frame(sentence: str) -> str:
    """The claim without the authors' frame, which would read as first person or point at nothing after a
    prefix: "We conclude that X" and "These data indicate that X" -> "X"; "Our results suggest that X may
    ..." -> "X may ..." (the claim keeps its own hedge); "Our results suggest that X" -> "The results suggest
    that X" (the hedge stays with the frame). A frame that cannot go without changing the claim ("We
    believe that X", "We found no ...") stays: :func:`first_person` then says so. "It is clear (evident)
    that X" -> "X": a design prefix made it "In a randomised controlled trial, it is clear that ..."."""
    m = AUTHORS_FRAME.match(sentence)
    if m is None:
        return sentence
    if m["we"] and m["that"] and m["verb"].lower() in STATING_VERBS and _METHOD_LEAD.match(m["lead"] or ""):
        return m["lead"] + "the authors " + sentence[m.end("we") :].lstrip()  # (:data:`_METHOD_LEAD`)
    rest = sentence[m.end() :]
    verb = m.group("verb").lower()
    modal = bool(_MODALS & set(m.group("adverbs").lower().split())) or bool(
        m.group("it") and _MODALS & set(m.group("it").lower().split())
    )
    hedged = bool(MODAL_HEDGE.search(_FIRST_CLAUSE_END.split(rest, maxsplit=1)[0]))
    states = (verb in STATING_VERBS or (bool(m.group("it")) and verb in PLAIN_FACT)) and not modal
    if (m.group("this") and not states) or (m.group("that") and _THAT_NOUN.match(rest)):
        return sentence  # "This suggests that" keeps its hedge; "confirm that hypothesis": no frame
    weighs = verb in (OPINION_VERBS if m.group("we") else HEDGING_VERBS) or modal
    if m.group("that") and rest and (states or (weighs and hedged)):
        # "we found that A and that B" -> "A and B"; "we report that, in mice, A" -> "in mice, A"
        claim = _AND_THAT.sub(" and ", rest, count=1).lstrip(", ")
        if on := FRAME_GOES_ON.search(claim):  # the frame's own second verb goes with it
            claim = claim[: on.start()].rstrip(" ,;") + "."
    elif m.group("det") and m.group("det").lower() in ("our", "these"):
        claim = "the " + sentence[m.end("det") :].lstrip()
    else:
        return sentence
    lead = m.group("lead") or ""
    if not lead or SELF_LEAD.match(lead):
        return _capitalised(claim)
    return lead + claim


# "that" as a determiner after a frame's verb: "This confirms that hypothesis in a larger cohort", "These data
# support that notion"
_THAT_NOUN = re.compile(
    r"(?:hypothesis|finding|observation|notion|idea|view|result|conclusion|model|concept|assumption|"
    r"prediction|possibility|association|effect|relationship)\b",
    re.I,
)


def _capitalised(text: str) -> str:
    """The text with its first letter a capital, unless its first word has a capital or a digit inside
    ("cIMT", "mRNA", "p53" keep their case) or starts with a letter that is not a Latin one ("\u03b1-Syn",
    "\u03b2-catenin")."""
    first = text.split(" ", 1)[0] if text else ""
    if not text or not text[0].isascii() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    return text[0].upper() + text[1:]


def first_person(statement: str) -> bool:
    """Whether the statement speaks as the study's authors ("we", "our")."""
    return bool(FIRST_PERSON.search(statement))


# -- repairs of the first person left after the frame is gone ----------------------------------------------
_OUR_DET = (  # "... among the doctors in the reformed PC in our area": "in the study area" (tune37)
    dict.fromkeys("patients participants subjects cases institution centre center hospital".split(), "the")
    | dict.fromkeys("area region country community city setting".split(), "the study")
    | dict.fromkeys("cohort population sample series study trial analysis experience".split(), "this")
    | dict.fromkeys("results findings data".split(), "these")
)
_OUR_NOUN = re.compile(rf"\b([Oo])ur ({'|'.join(_OUR_DET)})\b")
# the authors' own tool named after what it is: "Our reconstruction method, ChromoTrace, uses ..." (tune31)
_OUR_NAMED = re.compile(rf"^Our ((?:[\w-]+\s+){{0,3}}{TOOL_NOUNS},\s+)")
_WE_FOUND = re.compile(
    r"^(?:(?P<self>(?:(?:In|From|Within) (?:this|the present|the current|our) (?:\w+ )?"
    r"(?:study|trial|analysis|series|cohort|sample|population)|Here|Herein),?\s+)|(?P<lead>[A-Z][^,;:]{0,80},\s+))?"
    r"[Ww]e (?:also |further |additionally )?(?:found|observed|noted|"
    r"detected|saw|identified)\s+(?P<q>no|a|an|significant|statistically|\d[\d,.]*|"
    # a bare plural ("We identified errors in participant reporting of intact hCG results ...": PubMedQA
    # 18375490's result, left out as the authors speaking; a tuning-half reading, 2026-12-06)
    r"(?!(?:this|thus|these|those|its|us|as|is|was|has|his|bias)\b)[a-z-]+[^s\W]s)\b\s*(?P<rest>.*)$",
    re.S,
)
_PLURAL_HEAD = re.compile(
    r"^(?:\d[\d,.]*\s+)?(?:(?:no|a|an|statistically|significant(?:ly)?|clear|major|clinically|relevant|"
    r"important|meaningful|strong|weak|positive|negative|inverse|close|similar)\s+)*"
    r"(?P<head>[a-z-]+)"
)


# "We developed ezTag, a web-based annotation tool ...": what the authors made, said in the third person (the
# answer to "Which tool has been developed for ...?"); only verbs of making or presenting a thing
_WE_MADE = re.compile(
    r"^(?:(?P<self>Here|Herein|In this (?:study|paper|work|article)|To this end),?\s+|"
    r"(?P<lead>[A-Z][^,;:]{0,120},\s+))?"
    r"[Ww]e (?P<verb>(?:have |also |have also )?(?:developed and validated|developed|present|"
    r"presented|introduce|introduced|propose|proposed|describe|described|created|built|designed|"
    r"implemented|release|released|report))\b(?P<rest>.*)$",
    re.S,
)


# "We fill this gap by presenting CNEFinder; a tool for identifying CNEs ..." is "We present CNEFinder; ..."
# (the answer to "Which algorithm has been developed for finding conserved non-coding elements?")
_GAP_FILLED = re.compile(
    r"^(We|we) fill(?:ed)? (?:this|the|that) gap by (presenting|introducing|developing)\b"
)
_PRESENT_TENSE = {"presenting": "present", "introducing": "introduce", "developing": "developed"}


# "We designed this study to determine whether ...": an aim, not a thing made
_AIM = re.compile(
    r"\bthis (?:study|trial|paper|work|analysis|review)\b|\bto (?:determine|assess|investigate|evaluate|"
    r"examine|compare|test|explore|establish|identify)\b",
    re.I,
)


# what the thing made does, after it is named, is no aim of the study: "we introduce a new R/Bioconductor
# package INDEED that allows users to construct a sparse network ... and to identify biomarkers"; but a study
# that aims ("a prospective study that aimed to determine ...") or a clause that asks whether does
_THING_CLAUSE = re.compile(r"\b(?:that|which|allow(?:s|ing)?|enabl(?:es|ing))\b")
_STUDY_MADE = re.compile(r"\b(?:study|trial|analysis|survey|review|experiment|investigation|cohort)\b", re.I)


def _states_aim(rest: str) -> bool:
    """Whether what follows "we developed/present ..." states an aim of the study (:data:`_AIM`), not what
    a thing made does."""
    head = _THING_CLAUSE.split(rest, 1)[0]
    if _AIM.search(head):
        return True
    tail = rest[len(head) :]
    return bool(_AIM.search(tail)) and bool(_STUDY_MADE.search(head) or re.search(r"\bwhether\b", tail))


def _the_authors(m: re.Match[str]) -> str:
    """ "Here we present X" -> "The authors present X"; a purpose clause before it stays ("To enable
    analysis of the human surfaceome, the authors developed ...")."""
    lead = m.group("lead") or ""  # a lead that only points at the paper itself ("Here, ") is the "self" group
    return f"{lead}{'the' if lead else 'The'} authors {m.group('verb')}{m.group('rest')}"


def _there_was(m: re.Match[str]) -> str | None:
    """ "We found no difference in X" -> "There was no difference in X"."""
    phrase = f"{m.group('q')} {m.group('rest')}".strip()
    head = _PLURAL_HEAD.match(phrase)
    if head is None:
        return None
    word = head.group("head")
    verb = "were" if word.endswith("s") and not word.endswith("ss") else "was"
    lead = m.group("lead") or ""  # a lead that only points at the study itself goes
    there = "there" if lead else "There"
    return f"{lead}{there} {verb} {phrase}"


# a label inside a glued sentence ("... lower. CONCLUSIONS: Y"); not "vs. Yes: 22%" (tune36)
_INNER_LABEL = re.compile(r"(?<=[.!?])\s+([A-Z][A-Za-z/& ]{2,40}):\s+(?=[A-Z0-9])")


def _trimmed(sentence: str) -> str:
    """:func:`trim_sentence`, inner labels gone, "we fill this gap by presenting X" read as "we present X"."""
    text = _INNER_LABEL.sub(lambda m: " " if titled_heading(m[1]) else m[0], trim_sentence(sentence))
    return _GAP_FILLED.sub(lambda m: f"{m.group(1)} {_PRESENT_TENSE[m.group(2).lower()]}", text)


# the thing made is named: "we present SLIC-CAGE, ...", not "we present a new method ..." or "our data"
_NAMED_MADE = re.compile(r"^\s+(?!(?:a|an|the|two|three|our)\s)\S")


def presents_made(sentence: str) -> bool:
    """Whether the authors present a named thing they made (:data:`_WE_MADE`, no aim of the study): "Here, we
    present SLIC-CAGE, a Super-Low Input Carrier-CAGE approach ...", quoted as "The authors present ..."."""
    m = _WE_MADE.match(_trimmed(sentence))
    if m is None or m.group("lead") or _states_aim(m.group("rest")):
        return False  # a purpose clause before it ("To enable ..., we developed X") is no presentation alone
    return bool(_NAMED_MADE.match(m.group("rest")))


def readable(sentence: str) -> str | None:
    """:func:`trim_sentence`, then the first person repaired where that is safe; None when the authors
    still speak ("we believe ...", "we therefore recommend ..."), nothing is left, or what is left states
    nothing of its own (:func:`vacuous`: "The results are both surprising and disappointing.")."""
    sentence = _BRACKET_STUB.sub("", sentence)  # "er306Leu). Evinacumab had no effect ..." (PMID 31578082)
    if opens_on_stub(without_label(_without_notes(sentence))):
        if (m := _CUT_TO_WE.search(sentence)) is None:
            return None  # a snippet cut mid-word ("ne of these genes ...", "ur results suggest ...")
        sentence = sentence[m.start(1) :]  # "o enable analysis of X, we developed Y" -> "we developed Y"
    text = _trimmed(sentence)
    if m := _WE_FOUND.match(text):
        text = _there_was(m) or text
    elif (m := _WE_MADE.match(text)) and not _states_aim(m.group("rest")):
        text = _the_authors(m)
    text = _OUR_NAMED.sub(r"The \1", text)
    text = _OUR_NOUN.sub(
        lambda m: (
            (_OUR_DET[m.group(2)].capitalize() if m.group(1) == "O" else _OUR_DET[m.group(2)])
            + " "
            + m.group(2)
        ),
        text,
    )
    if (
        len(text.strip(" .\u2026").split()) < 2
        or first_person(text)
        or (leans_back(text) and leans_back(first_sentence(text) or text))  # two quoted: the first reads
        or reports_others(text)
    ):
        return None  # nothing, or one word before a cut ("In ..."), is no statement
    cut = any(_CUT_OPENING.match(t) for t in (text, sentence))  # the first word as the source has it
    if cut or cut_both_ends(sentence) or ends_on_stub(_without_notes(sentence)):
        return None  # a snippet cut mid-sentence: ", for the most part, ohnologs tend to ..."
    if vacuous(text) or _NOVELTY.match(text) or text.rstrip(" \"'\u201d)").endswith("?"):
        return None  # nothing of its own, a claim of novelty, or a question (an abstract's own, asked)
    text = _IT_SHOWS.sub(r"The study \1", text)
    text = _THIS_STUDY.sub(lambda m: ("The" if m.group(1)[0] == "T" else "the") + m.group(2), text)
    return detokenised(text)


# a snippet stored as tokens ("IMVAMUNE , which is based on ...", "Ankara ( MVA )", "1x10 ( 8 ) TCID50"): the
# space before a closing mark and after an opening bracket goes
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+(?=[,;:)\]](?:\s|$)|\.\s*$)|(?<=\S)[ \t]+(?=[)\]])")
_SPACE_AFTER = re.compile(r"(?<=[(\[])[ \t]+")


def detokenised(text: str) -> str:
    """``text`` without the spaces that a tokenised copy puts before "," "." ";" ":" ")" "]" and after "(" or
    "[" (a tuning-half reading, 2026-12-06: a BioASQ snippet record quoted as "( MVA )", "1x10 ( 8 )")."""
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))


# "It also demonstrates a significant lack of understanding by health care providers of ..." opens a
# conclusion with the study as "it" (a reading of tuning-half articles, 2026-12-05: quoted as "In an
# observational study, it also demonstrates ..."): the study, named
_IT_SHOWS = re.compile(
    r"^It ((?:also |further |thus |therefore |clearly )?(?:demonstrates|shows|confirms|suggests|indicates|"
    r"reveals|highlights|supports)\b)"
)


# ... or a quotation lifted out of its sentence ("'for the nuclear industry and other non-medical sectors the
# use of a whole body dosimeter is considered likely to be sufficient ...'", tune32: a bottom line), or a
# first word whose bracket opened before the cut ("xanthi) mutagenicity assay is ...", tune38; not "ii) ...")
_BRACKET_STUB = re.compile(r"^\s*[a-z][\w-]*[)\]][.;]\s+(?=[A-Z])")  # ... and the sentence after it stays
_CUT_OPENING = re.compile(
    r"^\s*(?:[,;:)\]]|(?!(?:i{1,3}|iv|vi{0,3}|ix|x)\))[a-z]{2,}[\w-]*[)\]]|"
    r"['\"\u2018\u201c][a-z]{2,}\b[^'\"\u2019\u201d]*['\"\u2019\u201d][\s.]*$)"
)
# where the authors' clause follows a cut purpose clause, it stands alone ("o enable X, we developed Y")
_CUT_TO_WE = re.compile(r"^\s*o\s+[a-z]+\b[^,;]{0,150},\s+(we\s+[a-z]+ed)\b")  # a cut "To ...": no limit
# a snippet cut at both ends: it opens on a lower-case word ("expression of the DNA double-strand break
# marker gamma-H2AX (γH2AX)", a BioASQ snippet quoted as a bottom line with no verb, a tuning-half reading,
# 2026-12-05; not "mRNA", "p53", "miR-21", "hsa-miR-21", "pre-mRNA") and stops on no full stop; a hyphened
# word counts ("anti-apoptotic BCL-2 family members, such as BCL-2, BCL-XL or MCL-1", quoted as a bottom
# line, a reading of 2026-12-07)
_LOWER_OPENING = re.compile(r"^\s*[a-z]{2,}\b(?!\d|-(?:[A-Z\d]|[a-z]+[A-Z]))")
_STOPPED = re.compile(r"[.!?][)\]\"'\u2019\u201d]*$")


def cut_both_ends(sentence: str) -> bool:
    """Whether the sentence is a snippet cut at its start and its end (:data:`_LOWER_OPENING`)."""
    return bool(_LOWER_OPENING.match(sentence)) and not _STOPPED.search(_without_notes(sentence).rstrip())


# "this study", "the present trial", "this open-label, multicentre, phase 1 study" read in an article as the
# article's own: "the study" (a reading of 16 tuning-half articles: "in the doses used in this study")
# only words that describe a study may stand between ("In this respect, ..." and "This allowed ..." stay)
_THIS_STUDY = re.compile(
    r"\b(this|This|the present|The present|the current|The current)"
    rf"(\s+(?:{STUDY_WORD}(?:,?\s+{STUDY_WORD}){{0,4}},?\s+)?"
    r"(?:study|trial|analysis|review|survey|cohort|series|report|investigation|experiment)\b)"
)


# a claim of novelty is no finding: "This is the first known report of concurrent plasma and ISF
# concentrations ..." (a tuning-half reading, 2026-12-05, found one graded as a key conclusion); one that
# states what it was the first to show stays ("... the first randomised trial to show a benefit of ...")
_NOVELTY = re.compile(
    r"^(?:To (?:the best of )?our knowledge,?\s+)?(?:this|it|ours|the (?:present )?study) "
    r"(?:is|was|represents) (?:the|one of the) first\b"
    r"(?!.*\bto (?:show|demonstrate|find|establish|prove|reveal)\b)",
    re.I,
)


def vacuous(sentence: str) -> bool:
    """Whether the sentence states nothing of its own: every word is a stopword or an evaluation of findings
    it does not state (:data:`medcite.text.voice.EVALUATIVE_WORDS`): "The results are both surprising and
    disappointing.", "Further studies are needed." A figure is content."""
    ws = words(sentence)
    return bool(ws) and all(w in EVALUATIVE_WORDS or w in CLAIM_STOPWORDS or w in QUERY_STOPWORDS for w in ws)
