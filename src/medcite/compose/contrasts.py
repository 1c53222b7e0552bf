"""Opposing evidence that the stance reader confirms.

The extractive composer marks a finding of the main section "In contrast, ..." when its wording reads the
other way from the section's lead (:func:`medcite.compose.draft._with_contrasts`), and the bottom line then
says "Some studies point the other way". Wording alone misreads: a reading of 32 tuning-half articles found
all 7 such marks wrong ("In contrast, verubecestat did not improve clinical ratings ..." beside a trial that
found no benefit either; a trial protocol's background sentence, a study of another population). For a
yes/no question the stance reader has read the section's sentences against the question; a statement stays
a contrast only where the reader leans it the other way from the answer (or, for an uncertain answer, from
the lean of the section's other statements). Otherwise it is shown as a plain finding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from medcite.compose.candidates import with_prefix
from medcite.compose.checked import Checked, Verified
from medcite.compose.draft import Draft
from medcite.compose.layout import primary_key
from medcite.compose.leaning import lean_map
from medcite.compose.question import QuestionAnalysis
from medcite.compose.stance import StanceResult
from medcite.domain import Stance
from medcite.domain.article import StatementKind

#: False: every contrast the wording marks stays one (as before)
CONFIRMED_CONTRASTS = True


def confirmed_contrasts(a: QuestionAnalysis, v: Verified, stance: StanceResult | None) -> Verified:
    """``v`` with each contrast of a yes/no answer that the stance reader does not lean against the answer
    shown as a plain statement of its section; unchanged for other questions."""
    if not CONFIRMED_CONTRASTS or stance is None or v.composer != "extractive":
        return v
    lean = lean_map(a.question, stance)
    prim = [c for c in v.kept if c.draft.section == primary_key(a)]
    side = stance.stance if stance.stance in ("yes", "no") else _lean_of(prim, lean)
    kept = [
        _plain(c) if c.draft.kind == "contrast" and not _against(c.draft, lean, side) else c for c in v.kept
    ]
    return replace(v, kept=kept)


def _lean_of(prim: list[Checked], lean: dict[str, Stance | None]) -> Stance | None:
    """The lean most of the section's other statements take, None where none leans."""
    sides = Counter(s for c in prim if c.draft.kind != "contrast" for s in [lean.get(c.draft.core)] if s)
    return sides.most_common(1)[0][0] if sides else None


def _against(d: Draft, lean: dict[str, Stance | None], side: Stance | None) -> bool:
    own = lean.get(d.core)
    return side is not None and own is not None and own != side


def _plain(c: Checked) -> Checked:
    """The statement as its section shows a finding: without its "In contrast, " lead
    (:func:`medcite.compose.draft.make_draft` built it from the prefix and the core)."""
    d = c.draft
    text = with_prefix(d.prefix, d.core) if d.prefix is not None else d.core
    kind: StatementKind = "caveat" if d.section in ("safety", "pitfalls") else "support"
    return replace(c, draft=replace(d, text=text, kind=kind))
