"""Sentence passages of a source, with character offsets into :attr:`SourceRecord.text`.

``record.text[p.start:p.end] == p.text`` holds for every passage. The splitter knows biomedical prose: it
does not split after abbreviations ("e.g.", "i.e.", "et al.", "vs.", "Fig.", "approx.", "ca.", "No."),
initials ("J. R. Smith"), inside decimals ("2.5", "p < 0.05") or before a lower-case word; it does split two
sentences glued without a space ("agents.Ustekinumab was"); fragments shorter
than :data:`MIN_CHARS` are merged into the previous sentence. The title is not a passage (it is indexed on
its own); a record without sections has no passages.

:func:`record_sentences` reads a stored source the way the composer does: an unlabelled section is first
cut at inline structured-abstract labels (:func:`inline_sections`). :func:`rough_sentences` is the plain
full-stop splitter the design classifier still uses (see there why).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from medcite.domain import SECTION_SEPARATOR, Passage, SourceRecord, StoredSource
from medcite.text.cues import HEADING_WORDS, LINK_WORDS, STATISTIC, TITLE_HEADINGS, role_of
from medcite.text.words import alternation

MIN_CHARS = 20

# A candidate boundary: sentence punctuation, optional closing quotes/brackets, whitespace, then the start of
# the next sentence (capital, digit, opening bracket or quote).
# ".; " separates the sections of some screening-set abstracts: also a boundary.
# A glued boundary: no space after the full stop, between a word's end (or a closing bracket, "%") and a
# capitalised word: "... with the other agents.Ustekinumab was ..." (1,711 of the 29,695 screening-set
# abstracts have one), a word of one or two letters before a lower-case word or a number ("... ovarian
# abnormalities.A 6-month comparative ...", "... clinical trial.To determine ...": 1,293 more in the shared
# corpora), or a section label: "... as well as its pharmacology.EXPERT OPINION: Although ...".
_BOUNDARY = re.compile(
    r"[.?!][\"'”’)\]]*;?\s+(?=[\"'“‘(\[]?[A-Z0-9])"
    r"|(?:(?<=[a-z]{3})|(?<=[)%\]]))[.?!](?=[A-Z][a-z]{2,}|[A-Z][a-z]?\s[a-z0-9(]|[A-Z]{3,}(?: [A-Z]{2,})*:)"
)
_ABBREVIATIONS = frozenset(
    """e.g i.e et al vs v cf fig figs ref refs approx ca no nos vol eq eqs dr mr mrs ms prof inc ltd co corp
    jr sr st sp spp var subsp resp incl nb viz al dept univ suppl st.dev std.dev s.d""".split()
)
_LAST_TOKEN = re.compile(r"(\S+)$")
_INITIAL_NEXT = re.compile(r"[A-Z]\.\s?[A-Z]")
_INITIALS = re.compile(r"(?:^|(?<=\s))(?:[A-Z]\.\s?){2,}$")


def split_passages(record: SourceRecord) -> list[Passage]:
    """The sentences of every section of ``record``, in order, with offsets into ``record.text``."""
    passages: list[Passage] = []
    offset = 0
    for section in record.sections:
        for start, end in split_sentences(section.text):
            passages.append(
                Passage(
                    idx=len(passages),
                    section=section.label,
                    start=offset + start,
                    end=offset + end,
                    text=section.text[start:end],
                )
            )
        offset += len(section.text) + len(SECTION_SEPARATOR)
    return passages


@lru_cache(maxsize=4096)
def first_sentence(text: str) -> str:
    """The first sentence of ``text`` ("" for none); read once per text (an abstract's topic, a statement
    that quotes two sentences)."""
    spans = split_sentences(text)[:1]
    return text[spans[0][0] : spans[0][1]] if spans else ""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.start() + 1
        if _is_abbreviation(text, start, match.start(), match.end()):
            continue
        end = match.end()
        spans.append((start, cut + len(match.group(0)[1:].rstrip().rstrip(";"))))
        start = end
    spans.append((start, len(text)))
    return _merge_short([_trim(text, s, e) for s, e in spans if text[s:e].strip()])


def _is_abbreviation(text: str, start: int, dot: int, after: int) -> bool:
    if text[dot] != "." or text[dot + 1 : dot + 2] == ";":  # ".;": a section break, whatever precedes it
        return False
    match = _LAST_TOKEN.search(text, start, dot)
    if match is None:
        return False
    raw = match.group(1).lstrip("([\"'")
    # "Sr.", "No.", "Co." are abbreviations; in capitals they are acronyms ending a sentence ("bupropion SR.",
    # "nitric oxide (NO).", "carbon monoxide (CO).", "MS.")
    if raw.lower() in _ABBREVIATIONS and not (len(raw) >= 2 and raw.isupper()):
        return True
    # "J. R. Smith", "J.R. Smith": an initial after another initial ("vitamin D. Next" still splits)
    if _INITIALS.search(text, start, dot + 1):
        return True
    # "J. R. Smith": a single capital followed by another initial
    return len(match.group(1)) == 1 and match.group(1).isupper() and bool(_INITIAL_NEXT.match(text, after))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding whitespace, nor a trailing ";" (the ".;" section breaks of some abstracts)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (text[end - 1] == ";" and text[end - 2 : end] == ".;")):
        end -= 1
    return start, end


def _merge_short(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (end - start < MIN_CHARS or merged[-1][1] - merged[-1][0] < MIN_CHARS):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# ... or after a section break (".; ", :data:`SECTION_BREAK`): "... with lansoprazole.; Sixty-two patients
# (19 men and 43 women; ...) with heartburn ... were studied" (tune35: "sample size not found")
_ROUGH_END = re.compile(r"(?<=[.?!])\s+|(?<=\.;)\s+")


def rough_sentences(text: str) -> list[str]:
    """``text`` cut after every ".", "?" or "!" that whitespace follows, abbreviations and initials included,
    and after every section break (".; ").

    Only :func:`medcite.corpus.classify.classify` uses it: it reads design cues and sample sizes sentence
    by sentence, and with :func:`split_sentences` instead 123 of 6,000 records (PubMedQA and the first
    5,000 of ``abstracts_extra``) come out differently (7 designs, 116 sample sizes). It stays until the
    classifier's rules are re-tuned on the real splitter.
    """
    return [s for s in _ROUGH_END.split(text) if s]


_HEAD = alternation(HEADING_WORDS)
_LINK = alternation(LINK_WORDS)
# "...were enrolled. RESULTS: Mortality..." inside an unlabelled abstract (common in screening sets): a label
# holds at least one heading word and ends in a colon, or in a full stop when it follows a sentence end
_INLINE_LABEL = re.compile(
    rf"(?:^|(?<=[\s.;:]))((?:{_LINK}[ /&,]+)*{_HEAD}(?:[ /&,]+(?:{_HEAD}|{_LINK}))*)([:.])\s+(?=[A-Z0-9(])"
)


# the same labels in sentence case, as screening sets keep text taken from full-text pages: "Abstract
# Background The gut microbiota is ... Methods This longitudinal study ... Conclusion Knowing ..." (SYNERGY;
# 798 of the 35,026 unlabelled records of the shared corpora name two or more of these), "Results and
# conclusions Thirty-eight articles ...", "Methods and findings ...", "Results: Four patterns ...". A heading
# opens the text or a sentence; a colon, or a capital or a figure, follows it
_BARE_INLINE = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:(?:ABSTRACT|Abstract|Summary)\s+)?"
    rf"({TITLE_HEADINGS}(?:\s+(?:and|&)\s+(?i:{TITLE_HEADINGS}))?)(?::\s+|\s+(?=[A-Z0-9(]))"
)


def _bare_marks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the sentence-case headings of ``text``; none unless two or more name different
    roles ("... . Background EEG activity was ..." alone is a sentence) and one names the results or the
    conclusions, and none where no heading names the results but a part under another heading states a
    statistic (the results would sit unheaded under "Background")."""
    marks = [(m.start(), m.end(), m.group(1)) for m in _BARE_INLINE.finditer(text)]
    roles = [role_of(label, "") for _s, _e, label in marks]
    if len(marks) < 2 or len(set(roles) - {"unknown"}) < 2 or not {"results", "conclusions"} & set(roles):
        return []  # no heading names the findings ("Aims ... Methods ..."): the wording says which are
    if "results" not in roles:
        ends = [s for s, _e, _l in marks[1:]] + [len(text)]
        for (_s, e, _l), role, end in zip(marks, roles, ends, strict=True):
            if role != "conclusions" and STATISTIC.search(text, e, end):
                return []
    return marks


# an abstract whose section labels a screening set dropped keeps their breaks (".; "): with two breaks or more
# (4,946 of the 29,695 screening-set abstracts, nearly all Cohen 2006), the part after the last one is the
# authors' conclusions (15 of 15 read in a sample: "Oral clonidine is an effective analgesic and sedative for
# children undergoing tonsillectomy ...", "There is no indication of a rebound aggravation of symptoms ..."),
# which the wording alone had read as of no known role, and left out. The part before the last break is
# the results less often (methods in 3 of 12 read): it keeps its wording's role. A break ends a word and
# opens a capital ("s.c.; p.o.; i.v.;" list routes, "i.d.; (b)" items: an independent review found methods
# labelled so), and a funding or registration note after the last break is passed over. Off: no label
SECTION_BREAK = ".; "
CONCLUDING_BREAKS = 2
_BREAK = re.compile(r"(?:(?<=[a-z]{2})|(?<=[0-9%)\]]))\.; (?=[A-Z])")
_NOTE = re.compile(
    r"^(?:This (?:work|study|trial|research) was (?:\w+ )?(?:sponsored|funded|supported)|"
    r"(?:Funded|Supported|Sponsored) by|Trial registration|ClinicalTrials)",
    re.I,
)


def _last_part_concluding(text: str) -> list[tuple[str, int, str]]:
    """``text`` as one unlabelled piece, or cut at its last section break with the rest labelled as the
    conclusions (:data:`CONCLUDING_BREAKS`)."""
    # most texts have no break: the cheap test first (it runs for every unlabelled section read)
    cuts = [m.end() for m in _BREAK.finditer(text)] if CONCLUDING_BREAKS and SECTION_BREAK in text else []
    if not cuts:
        return [("", 0, text)]
    if _NOTE.match(text[cuts[-1] :]):
        cuts.pop()  # "This work was sponsored by ...": the conclusions come before it
    if len(cuts) < CONCLUDING_BREAKS:
        return [("", 0, text)]
    return [("", 0, text[: cuts[-1]]), ("CONCLUSIONS", cuts[-1], text[cuts[-1] :])]


def inline_sections(text: str) -> list[tuple[str, int, str]]:
    """Split an unlabelled section at inline structured-abstract labels: (label, offset, text) pieces,
    the labels themselves left out. Text without such labels comes back as one unlabelled piece."""
    caps = [m for m in _INLINE_LABEL.finditer(text) if any(c.islower() for c in text[m.end() : m.end() + 40])]
    # one label counts only where it opens the text with a colon: a snippet of one section ("OBJECTIVE: To
    # evaluate ...", 1,388 of the 18,720 BioASQ snippets) says what it is
    opens = bool(caps) and caps[0].start() == 0 and caps[0].group(2) == ":"
    marks = [(m.start(), m.end(), m.group(1)) for m in caps] if len(caps) >= 2 or opens else []
    taken = [(s, e) for s, e, _l in marks]
    marks += [m for m in _bare_marks(text) if not any(s < m[1] and m[0] < e for s, e in taken)]
    if not marks:
        return _last_part_concluding(text)
    marks.sort()
    out = [("", 0, text[: marks[0][0]])] if text[: marks[0][0]].strip() else []
    for (_s, end_label, label), nxt in zip(marks, [*marks[1:], None], strict=True):
        end = nxt[0] if nxt is not None else len(text)
        out.append((label, end_label, text[end_label:end]))
    return out


def record_sentences(source: StoredSource) -> list[tuple[str, int, int, str]]:
    """All sentences of a source as (section label, start, end, text), offsets into ``record.text``."""
    out: list[tuple[str, int, int, str]] = []
    pos = 0
    for sec in source.record.sections:
        pieces = inline_sections(sec.text) if not sec.label else [(sec.label, 0, sec.text)]
        for label, off, piece in pieces:
            base = pos + off
            out.extend((label, base + s, base + e, piece[s:e]) for s, e in split_sentences(piece))
        pos += len(sec.text) + len(SECTION_SEPARATOR)
    return without_cut_copies(out)


CUT_COPY_MIN = 30  # characters: a shorter sentence inside a longer one may be a sentence of its own
_CLOSED = re.compile(r"[.!?][\"'”’)\]]*$")


def without_cut_copies(sentences: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """The sentences without those that are a cut copy of another of the same record: a BioASQ record of
    overlapping snippets holds "ds5 and Wapl, but not Brca2, limit ..." beside "Pds5 and Wapl, but not
    Brca2, limit ..." (PMID 29447171), and the cut one had been quoted."""
    texts = [t.strip() for *_, t in sentences]
    return [x for x, t in zip(sentences, texts, strict=True) if not cut_copy(t, texts)]


def cut_copy(t: str, texts: Sequence[str]) -> bool:
    """Whether ``t`` is another of ``texts`` cut off: it begins within a word of the other, or it lies
    within the other and ends without closing punctuation. A whole sentence that another only contains
    ("X is an antibody." inside a snippet the splitter left whole) is no cut copy."""
    if len(t) < CUT_COPY_MIN:
        return False
    for u in texts:
        at = u.find(t) if len(u) > len(t) else -1
        if at < 0:
            continue
        if (at > 0 and u[at - 1].isalnum()) or not _CLOSED.search(t):
            return True
    return False
