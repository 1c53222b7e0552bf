"""Which dosing cues of a sentence say something about the dose, the route or the schedule.

The dosing section takes a sentence with a dosing cue (:data:`medcite.compose.candidates.TAGS`). Two kinds
of cue say nothing about how a drug is given: a word the question itself uses ("Must early postoperative oral
intake be limited to laparoscopy?" made every sentence on oral intake a dosing one), and the bare word
"dose" in an effect or a harm ("Aptiganel was not efficacious ... at either of the tested doses", "The
mortality rate ... with high-dose aptiganel was higher ...": a reading of 16 tuning-half articles,
2026-12-06, found both under Dosing, the trial's main answer among them). An amount with its unit, a route,
a schedule or a titration still counts, and so does a dose named by what it is ("the higher dose",
"the optimal dose").
"""

from __future__ import annotations

import re
from collections import Counter

from medcite.compose.candidates import TAGS
from medcite.text import terms

DOSING_APART = True  # a switch for measuring it
_BARE_DOSE = re.compile(r"^(?:doses?|dosing|dosage)$", re.I)
_DOSE_NAMED = re.compile(
    r"\b(?:high|low|higher|lower|larger|smaller|increasing|decreasing|different|optimal|recommended|maximum|minimum|"
    r"maximal|minimal|effective|therapeutic|daily|single|loading|maintenance|starting|initial|target|total|"
    r"cumulative|mean|median|weekly)\s+$",
    re.I,
)


def dosing_apart(text: str, counts: Counter[str], asked: set[str], dosing: bool = False) -> int:
    """How many of ``text``'s dosing cues :func:`medcite.compose.candidates.section_counts` counted that
    say nothing about how the drug is given (see the module docstring); none for a question about dosing
    (``dosing``: "What is the optimal dose of X?"), where every dose is on the question."""
    if not DOSING_APART or not counts["dosing"] or dosing:
        return 0
    found = list(TAGS["dosing"].finditer(text))
    cues = [m.group(0) for m in found]
    own = [c for c in cues if (named := set(terms(c))) and named <= asked]
    rest = [m for m in found if m.group(0) not in own]
    # "the higher dose", "the optimal dose": doses compared or named by what they are say how it is given
    bare = [m for m in rest if _BARE_DOSE.match(m.group(0)) and not _DOSE_NAMED.search(text, 0, m.start())]
    if bare and len(bare) == len(rest) and counts["efficacy"] + counts["safety"] >= len(rest):
        return len(own) + len(bare)
    return len(own)
