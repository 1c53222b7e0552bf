"""The GRADE-style certainty of one key conclusion of an article: the studies of the main section that agree
with it, less those pointing the other way or contradicting it in the cross-checks."""

from __future__ import annotations

from medcite.compose import contrasts
from medcite.compose.certainty import grade
from medcite.compose.checked import Checked, Rating
from medcite.compose.draft import OPPOSITE, Draft
from medcite.domain import Label, StoredSource, Verdict

#: a key conclusion with no polarity is graded on its own sources (off: with every other finding of no
#: polarity in the main section)
NEUTRAL_APART = True


def rate(lead: Checked, prim: list[Checked], cross: list[tuple[Draft, str, Verdict]]) -> Rating:
    """GRADE-style certainty of one key conclusion: the studies that agree with it in the primary section,
    less those pointing the other way or contradicting it in the cross-checks."""
    d0 = lead.draft.cites[0].direction()
    same: dict[str, StoredSource] = {c.key: c.source for c in lead.draft.cites}
    against: set[str] = set()
    polarity: dict[str, str] = {}
    for other in prim:
        oc = other.draft.cites[0]
        od = polarity[oc.key] = oc.direction()
        # only a contrast the stance reader confirmed points the other way (compose.contrasts)
        if (
            d0 in OPPOSITE
            and od == OPPOSITE[d0]
            and (other.draft.kind == "contrast" or not contrasts.CONFIRMED_CONTRASTS)
        ):
            against.add(oc.key)
        # a finding with no polarity agrees with nothing: two neutral sentences of unrelated studies had
        # been pooled ("studies pointing the same way" on another topic; a grade borrowed from another
        # study's design: a reading of 20 held-out articles, 9 of 14 such lists)
        elif od == d0 and (d0 in OPPOSITE or not NEUTRAL_APART) and oc.key not in against:
            same.setdefault(oc.key, oc.source)
    partial = int(lead.verdict.label is Label.PARTIAL)
    for d, key, v in cross:
        # another study's finding of the same polarity does not point the other way, though the verifier
        # reads the lead statement as contradicted by it (its numbers and population are that study's own);
        # nor does one with no polarity ("80% of patients receiving bupropion stopped smoking": the
        # bupropion article graded a trial down for that 15-patient pilot), nor a study whose own finding
        # verification left out (no finding of it is shown to point anywhere)
        if d is lead.draft and v.label is Label.CONTRADICTED and polarity.get(key) == OPPOSITE.get(d0):
            against.add(key)
            same.pop(key, None)
    g = grade(list(same.values()), contradicting=len(against - set(same)), partial=partial)
    return (lead, g.level, g.reasons, list(same.values()))
