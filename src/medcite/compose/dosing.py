"""Which dosing cues of a sentence say something about the dose, the route or the schedule.

The dosing section takes a sentence with a dosing cue (:data:`medcite.compose.candidates.TAGS`). Two kinds
of cue say nothing about how a drug is given: a word the question itself uses ("Must early postoperative oral
intake be limited to laparoscopy?" made every sentence on oral intake a dosing one), and the bare word
"dose" in an effect or a harm ("Aptiganel was not efficacious ... at either of the tested doses", "The
mortality rate ... with high-dose aptiganel was higher ...": a reading of 16 tuning-half articles,
2026-12-06, found both under Dosing, the trial's main answer among them). An amount with its unit, a route,
a schedule or a titration still counts.
"""

from __future__ import annotations

import re
from collections import Counter

from medcite.compose.candidates import TAGS
from medcite.text import terms

DOSING_APART = True  # a switch for measuring it
_BARE_DOSE = re.compile(r"^(?:doses?|dosing|dosage)$", re.I)


def dosing_apart(text: str, counts: Counter[str], asked: set[str]) -> int:
    """How many of ``text``'s dosing cues :func:`medcite.compose.candidates.section_counts` counted that
    say nothing about how the drug is given (see the module docstring)."""
    if not DOSING_APART or not counts["dosing"]:
        return 0
    cues = [m.group(0) for m in TAGS["dosing"].finditer(text)]
    own = [c for c in cues if (named := set(terms(c))) and named <= asked]
    rest = [c for c in cues if c not in own]
    bare = [c for c in rest if _BARE_DOSE.match(c)]
    if bare and len(bare) == len(rest) and counts["efficacy"] + counts["safety"] >= len(rest):
        return len(own) + len(bare)
    return len(own)
