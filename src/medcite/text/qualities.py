"""A quality asked about and its opposite named: "Are laboratories reporting serum quantitative hCG results
correctly?" against "There were errors in participant reporting of intact hCG results ... (9.3%; 22 of 235
laboratories)".

A yes/no question that asks whether something is done or is correctly, safely, adequately, appropriately,
reliably, ... is answered no by a sentence that names the opposite quality ("erroneous", "unsafe",
"inadequate", "inappropriate", "unreliable"; for "safe", a treatment's harm stated as large: "a significant
complication rate") without naming the asked one too, unless the opposite is negated ("not inadequate"), rare
("few significant adverse events") or what something avoids ("to avoid unnecessary surgery"). The stance
reader, trained on findings, reads such a sentence as answering yes: it names the question's thing.
"""

from __future__ import annotations

import re

_LARGE_HARM = (
    r"(?<!most )(?<!more )(?<!clinically )(?:significant|substantial|considerable|high|unacceptabl[ey])\s+"
    r"(?:[\w-]+\s+)?(?:complications?|complication rates?|adverse (?:events?|effects?|reactions?)|harms?|"
    r"bleeding|ha?emorrhag\w*)\b(?!\s+(?:and \w+\s+)?(?:benefit|reduction|advantage|decrease|risk))"
)
# the asked quality (a stem, matched as a word start) and the words that name its opposite
_PAIRS: tuple[tuple[str, str], ...] = (
    ("correct", r"incorrect\w*|erroneous\w*|wrong(?:ly)?|errors? in|mis(?:report|classif|label)\w*"),
    ("accurate", r"inaccura\w*"),
    # a harm of a treatment stated as large is the opposite of safe: "trauma patients have a significant
    # complication rate related to anticoagulation therapy" (not "higher", "more" or "most frequent": a
    # comparison or a ranking; nor "major": a category's name; nor morbidity or mortality, a disease's too)
    ("safe", r"unsafe\w*|" + _LARGE_HARM),
    # a treatment's effects named harmful are the opposite of effective: "glutamate blockade with aptiganel
    # may have detrimental effects in an undifferentiated population of stroke patients"
    ("effective", r"ineffective\w*|(?:detrimental|harmful|deleterious) (?:\w+ )?(?:effects?|outcomes?)"),
    ("efficacious", r"inefficacious"),
    ("adequate", r"inadequate\w*"),
    ("appropriate", r"inappropriate\w*"),
    ("reliabl", r"unreliab\w*"),
    ("sufficient", r"insufficient\w*"),
    ("successful", r"unsuccessful\w*"),
    ("feasible", r"infeasible|unfeasible"),
    ("necessary", r"unnecessar\w*"),
    ("justified", r"unjustified"),
    ("acceptable", r"unacceptabl\w*"),
    ("compliant", r"non-?complian\w*"),
    ("adherent", r"non-?adheren\w*"),
    # an outcome that deteriorated under the treatment is the opposite of one it improved: "clinical
    # deterioration that occurred when Enlimomab was given in acute ischemic stroke"
    ("improv", r"deteriorat\w*|worsen\w*"),
    # expression confined to some cells is the opposite of ubiquitous: "Protamines are nuclear proteins which
    # are specifically expressed in haploid male germ cells"
    (
        "ubiquitous",
        r"(?:specifically|exclusively|selectively|only) expressed|tissue-specific\w*|restricted to",
    ),
)
# compiled once: (the asked quality, its opposites)
_OPPOSITES = tuple(
    (re.compile(rf"\b{stem}\w*", re.I), re.compile(rf"\b(?:{opposites})", re.I)) for stem, opposites in _PAIRS
)
_NEGATED_OR_AVOIDED = re.compile(
    r"\b(?:not|no|none|never|nor|without|free of|absence of|few|rare\w*|low|history of|avoid\w*|prevent\w*|"
    r"reduc\w*|minimi[sz]\w*|eliminat\w*|spar\w*|decreas\w*|lower\w*|fewer|less|slow\w*|halt\w*|delay\w*|"
    r"attenuat\w*|protect\w*|against|counteract\w*|mitigat\w*|ameliorat\w*|revers\w*|stabili[sz]\w*)\b"
    r"(?:[^\w;:.]+\w+){0,4}[^\w;:.]*$",  # four words at most, within the clause
    re.I,
)


def opposite_quality(question: str, text: str) -> tuple[str, str] | None:
    """(the asked quality word, the opposite word ``text`` uses) where ``question`` asks about a quality that
    ``text`` names only as its opposite, not negated or avoided; None otherwise."""
    for quality, opposites in _OPPOSITES:
        asked = quality.search(question)
        if asked is None or opposites.search(question):
            continue  # not asked, or the question asks about the opposite itself ("Is unsafe sex ...?")
        if quality.search(text):
            return None  # the text names the asked quality too
        for m in opposites.finditer(text):
            if not _NEGATED_OR_AVOIDED.search(text[: m.start()]):
                return asked.group(0), m.group(0)
    return None
