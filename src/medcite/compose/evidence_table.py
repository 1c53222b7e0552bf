"""The evidence table: one row per cited study (study, design, n, population, comparison, main result,
certainty), every phrase cut from the source text or taken from the article, nothing written for it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medcite.compose.candidates import attribution, card_of, design_phrase, people_phrase, study_n
from medcite.compose.certainty import grade
from medcite.corpus.classify import design_stated, shown_design
from medcite.corpus.fields import family_first
from medcite.domain import SourceRecord, StoredSource
from medcite.domain.article import CertaintyLevel, CertaintyRating, EvidenceRow, Pin, Reference, Section
from medcite.text import split_sentences
from medcite.text.statements import readable, without_label

TITLE_WORDS = 6
MAX_ARM_WORDS = 6
# surname particles kept with the surname ("van der Berg J" -> "van der Berg")
_PARTICLES = frozenset("van von der den de del della di da dos du la le ten ter st".split())
# "compared with placebo", "versus sertraline", "vs. usual care": the words after the cue name the other arm
_VERSUS = re.compile(
    r"\b(?:compared (?:with|to)|in comparison (?:with|to)|versus|vs\.?|relative to)\s+", re.I
)
_ARM_WORD = re.compile(r"[A-Za-z][\w'’/+-]*")
_ARTICLES = frozenset("the a an".split())
# words that start the next part of the sentence, not the comparator's name
_ARM_STOP = frozenset(
    """in at for during on among after before with was were is are and or but by from to as who which that
    than over across between when while whereas had has have did do does p of almost nearly approximately
    about roughly around only just""".split()
)
# a pronoun opening the comparator names no arm ("compared with those who had not" had filled the column with
# "those", tune36) unless what it stands for follows ("compared with those receiving haloperidol")
_PRONOUNS = frozenset("those these this them it its their".split())
# nor does a negation or a study's own figures ("patients achieving a pathological complete response (pCR)
# versus not", "... compared to the results": the column had shown "versus not", tune41)
_NO_ARM = frozenset("not results findings data values".split())
_NAMING_AFTER = re.compile(r"\s+(?:[a-z]+ing|treated|given|assigned|allocated|randomi[sz]ed)\b")
# "-ed" words that go on naming an arm after its first word ("usual care combined with exercise",
# "placebo matched for taste")
_ARM_ADJECTIVES = frozenset("matched based controlled treated untreated related combined".split())
FINDING_ROLES = frozenset({"results", "conclusions"})
# a study cited only for its background or methods shows its own finding as the main result (tuning-half
# readings, 2026-12-05/06, found framing sentences in the table's "Main result" column); off: the first
# citing statement
OWN_FINDING = True
_PLACEBO = re.compile(r"\b(?:placebo|sham)(?:-controlled)?\b", re.I)


def evidence_rows(
    cited: Sequence[StoredSource],
    order: dict[str, int],
    sections: Sequence[Section],
    details: Sequence[CertaintyRating],
) -> tuple[EvidenceRow, ...]:
    """The table's rows for the cited sources, in reference order."""
    rows = [_row(s, order[s.key], sections, details) for s in cited if s.key in order]
    return tuple(sorted(rows, key=lambda r: r.ref))


def _row(
    s: StoredSource, ref: int, sections: Sequence[Section], details: Sequence[CertaintyRating]
) -> EvidenceRow:
    population, pop_pin = _population(s, ref)
    comparison, cmp_pin = "", None
    cited = [(p.start, p.end) for sec in sections for st in sec.statements for p in st.pins if p.ref == ref]
    found = comparison_phrase(s.record.text, cited)
    if found is not None:
        start, end = found
        comparison, cmp_pin = s.record.text[start:end], Pin(ref, s.key, start, end)
    return EvidenceRow(
        ref=ref,
        study=study_label(s.record),
        design=design_words(s),
        n=study_n(s),
        certainty=_certainty(s, ref, details),
        population=population,
        comparison=comparison,
        main_result=_main_result(ref, s, sections),
        population_pin=pop_pin,
        comparison_pin=cmp_pin,
    )


# where no statement prefix names the people ("In a randomised controlled trial of 707 smokers, ..."), the
# table takes them where the abstract states the study's n with them ("893 smokers"): 59 of the 63 rows of
# the 20 held-out sample articles had no population. (The study card's condition as a fallback was tried and
# dropped: "bobble-head doll syndrome associated with a", "recent infection".)
POPULATION_FALLBACK = True


def _population(s: StoredSource, ref: int) -> tuple[str, Pin | None]:
    """The population cell and its pin: where the abstract states the study's n with the people (the same
    phrase a statement prefix quotes where the n is reliable); without :data:`POPULATION_FALLBACK`, only
    the prefix's phrase."""
    if POPULATION_FALLBACK:
        found = people_phrase(s)
    else:
        prefix = attribution(s)
        found = (prefix.phrase, prefix.phrase_start) if prefix.phrase and prefix.phrase_start >= 0 else None
    if found is None:
        return "", None
    phrase, start = found
    return phrase, Pin(ref, s.key, start, start + len(phrase))


def first_words(text: str, n: int) -> str:
    """The text's first ``n`` words, and "…" where it has more."""
    ws = text.split()
    return " ".join(ws[:n]).rstrip(".,;:") + ("…" if len(ws) > n else "")


def study_label(r: SourceRecord) -> str:
    """ "Hays et al. (2001)"; the title's first words where there are no authors; else "PMID n"."""
    year = f" ({r.year})" if r.year else ""
    if r.authors:
        who = surname(r.authors[0]) + (" et al." if len(r.authors) > 1 else "")
    elif r.title.strip():
        who = first_words(r.title, TITLE_WORDS)
    else:
        who = f"PMID {r.pmid}" if r.pmid else r.key
    return who + year


def surname(author: str) -> str:
    """The family name of "Hays, J T", "Hays J T", "J T Hays" or "van der Berg J"."""
    name = family_first(" ".join(author.split()))  # "I Enström", as some corpora store it: "Enström"
    if "," in name:
        return name.split(",", 1)[0].strip()
    words = name.split()
    out: list[str] = []
    for w in words:
        out.append(w)
        if w.lower() not in _PARTICLES:
            break
    return " ".join(out)


def design_words(s: StoredSource) -> str:
    """The design in words, as the statements' prefixes name it ("randomised controlled trial"); a design
    only guessed from the text (:func:`medcite.corpus.classify.design_stated`) is "unstated-design study"."""
    if not design_stated(s):
        return "unstated-design study"
    phrase = design_phrase(s)
    words = re.sub(r"^an? ", "", phrase)
    return "other" if words == "study" else words


def comparison_phrase(text: str, cited: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where the source names what the intervention was compared with: a "compared with X" / "versus X"
    whose X is words (not a figure), else a "placebo(-controlled)" / "sham" mention; looked for in the
    ``cited`` sentences (start, end) first, then in the whole text."""
    spans = [*cited, (0, len(text))]
    for start, end in spans:
        for m in _VERSUS.finditer(text, start, end):
            arm = _arm_end(text[:end], m.end())
            if arm > m.end():
                return m.start(), arm
    for start, end in spans:
        if p := _PLACEBO.search(text, start, end):
            return p.start(), p.end()
    return None


# "higher ... than", not a quantity ("more than half", "fewer than 10%")
_THAN = re.compile(
    r"\b(?:higher|lower|greater|less|more|fewer|better|worse|larger|smaller)\b[^.;]*?\bthan\b"
    r"(?!\s+(?:\d|(?:half|one|two|three|a (?:third|quarter|half)|twice|expected|usual|before)\b))",
    re.I,
)


def states_comparison(text: str) -> bool:
    """Whether the sentence compares groups: "compared with placebo", "versus", "vs", "relative to", a
    placebo or sham arm, or "higher ... than"."""
    return bool(_VERSUS.search(text) or _PLACEBO.search(text) or _THAN.search(text))


def _arm_end(text: str, at: int) -> int:
    """The end of the comparator's words from ``at``: up to MAX_ARM_WORDS words, stopping at punctuation,
    a figure or a word that starts the next part of the sentence; ``at`` when there are none."""
    end, words, pos = at, 0, at
    while words < MAX_ARM_WORDS:
        m = _ARM_WORD.match(text, pos)
        if m is None:
            break
        word = m.group(0).lower()
        if word in _ARM_STOP and not (word == "with" and text[end - 2 : end] == "ed"):
            break
        if not words and word in _PRONOUNS and not _NAMING_AFTER.match(text, m.end()):
            break
        if end == at and word in _NO_ARM:
            break
        if words and word.endswith("ed") and word not in _ARM_ADJECTIVES:
            break  # "vs. FH differed": the verb of the sentence, not the arm's name
        pos = m.end()
        words += 1
        if word not in _ARTICLES and word not in _ARM_STOP:
            end = pos
        ws = re.match(r"[ \t]+", text[pos:])
        if ws is None:
            break
        pos += ws.end()
    return end


def _main_result(ref: int, s: StoredSource, sections: Sequence[Section]) -> str:
    """The core of the first statement that quotes a finding of the study (a sentence its study card reads
    as results or conclusions), else the study's own lead conclusion (else first result) as a clinician can
    read it (:func:`medcite.text.statements.readable`), else the first statement that cites it: a
    background or methods sentence ("Smoking relapse is common after ...") is no main result
    (:data:`OWN_FINDING`)."""
    citing = [st for sec in sections for st in sec.statements if ref in st.citations]
    roles = card_of(s).roles
    findings = [sp for sp, role in roles if role in FINDING_ROLES]
    for st in citing:
        pins = [p for p in st.pins if p.ref == ref]
        if any(f.start <= p.start < f.end for p in pins for f in findings):
            return st.core or st.text
    for wanted in ("conclusions", "results") if OWN_FINDING else ():
        own = next((r for sp, role in roles if role == wanted and (r := readable(sp.text))), None)
        if own:
            return own
    return (citing[0].core or citing[0].text) if citing else ""


def _certainty(s: StoredSource, ref: int, details: Sequence[CertaintyRating]) -> CertaintyLevel:
    """The level of the first key conclusion the study supports; else its main result graded alone (the
    design's starting level, rated down as for any single study)."""
    rated = next((c.level for c in details if ref in c.citations or ref in c.agreeing), None)
    return rated if rated is not None else grade([s]).level


def reference(n: int, s: StoredSource) -> Reference:
    r = s.record
    return Reference(
        n=n,
        key=r.key,
        title=r.title or (f"PMID {r.pmid}" if r.pmid else r.key),
        pmid=r.pmid,
        doi=r.doi,
        journal=r.journal,
        year=r.year,
        authors=r.authors,
        design=shown_design(s).value,  # a guessed design is not stated in the reference list either
        sample_size=study_n(s),
        opening="" if r.title else opening_words(r.text),
        design_label=design_words(s),
    )


OPENING_WORDS = 20


def opening_words(text: str) -> str:
    """An abstract's first sentence when it has at most :data:`OPENING_WORDS` words (the text toolkit's
    splitter: "e.g.", "et al." and "U.S." end none), else its first 12 words and "…"."""
    text = without_label(text.strip())  # a heading written into a snippet record's text
    spans = split_sentences(text)
    first = text[spans[0][0] : spans[0][1]] if spans else ""
    if first and len(first.split()) <= OPENING_WORDS:
        return first
    words = text.split()
    return " ".join(words[:12]).rstrip(",;:.") + (" …" if len(words) > 12 else "")


def number_by_first_use(blocks: Sequence[Sequence[str]]) -> dict[str, int]:
    """Reference numbers 1..k in the order sources are first cited."""
    order: dict[str, int] = {}
    for block in blocks:
        for key in block:
            if key not in order:
                order[key] = len(order) + 1
    return order
