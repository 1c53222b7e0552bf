"""Indication swap: find a MeSH 2024 disease/disorder term in a sentence and name a sibling heading instead.

Data: ``mesh/mesh_terms.tsv.gz`` (entry terms) and ``mesh/mesh_trees.tsv.gz`` (tree numbers), NLM MeSH 2024.
Branches used: C (diseases) and F03 (mental disorders). A sibling shares the parent tree number
("Depressive Disorder" F03.600.300 -> "Anxiety Disorders" F03.080 share F03) and is neither an ancestor
nor a descendant of the heading found.
"""

from __future__ import annotations

import csv
import gzip
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

_SKIP_TAGS = {"ABB", "ABX", "ACR", "ACX", "LAB"}
_GENERIC = {
    "strains",
    "disease",
    "diseases",
    "syndrome",
    "disorder",
    "disorders",
    "infection",
    "injuries",
    "lesions",
    "abnormalities",
    "complications",
    "pressure",
    "obstruction",
    "carcinoma",
    "neoplasms",
    "tumors",
    "cancer",
    "damage",
    "wounds",
    "fracture",
    "rupture",
    "hemorrhage",
    "inflammation",
}


@dataclass
class MeshSiblings:
    term_to_ui: dict[str, str] = field(default_factory=dict)
    name: dict[str, str] = field(default_factory=dict)
    trees: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    max_words: int = 4

    @classmethod
    def load(cls, mesh_dir: Path) -> MeshSiblings:
        out = cls()
        with gzip.open(mesh_dir / "mesh_trees.tsv.gz", "rt", encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                loc = r["tree_location"]
                if not (re.match(r"C(0\d|1\d|20)", loc) or loc.startswith("F03")):
                    continue
                ui = r["DescriptorUI"]
                out.name[ui] = r["DescriptorName"]
                out.trees.setdefault(ui, []).append(loc)
                parent = loc.rpartition(".")[0]
                if parent:
                    out.children.setdefault(parent, []).append(ui)
        with gzip.open(mesh_dir / "mesh_terms.tsv.gz", "rt", encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                ui = r["DescriptorUI"]
                if ui not in out.name or r["IsPermutedTermYN"] == "Y" or r["LexicalTag"] in _SKIP_TAGS:
                    continue
                term = r["TermName"].lower()
                words = term.split()
                single_ok = len(words) > 1 or (len(term) >= 7 and term not in _GENERIC)
                if 5 <= len(term) <= 40 and "," not in term and len(words) <= out.max_words and single_ok:
                    out.term_to_ui.setdefault(term, ui)
        return out

    def find(self, sentence: str) -> tuple[int, int, str] | None:
        """The first longest MeSH disease term in the sentence: (start, end, descriptor UI)."""
        toks = list(re.finditer(r"[A-Za-z0-9'-]+", sentence))
        for i in range(len(toks)):
            for n in range(min(self.max_words, len(toks) - i), 0, -1):
                a, b = toks[i].start(), toks[i + n - 1].end()
                ui = self.term_to_ui.get(sentence[a:b].lower())
                if ui:
                    return a, b, ui
        return None

    def sibling(self, ui: str, rng: random.Random) -> str | None:
        mine = self.trees.get(ui, [])
        cands: set[str] = set()
        for loc in mine:
            parent = loc.rpartition(".")[0]
            for other in self.children.get(parent, []):
                olocs = self.trees[other]
                related = any(o.startswith(m) or m.startswith(o) for o in olocs for m in mine)
                if other != ui and not related and "," not in self.name[other]:
                    cands.add(other)
        if not cands:
            return None
        return self.name[rng.choice(sorted(cands))]

    def swap(self, sentence: str, rng: random.Random) -> tuple[str, str, str] | None:
        """(claim, original term, sibling heading) or None."""
        hit = self.find(sentence)
        if not hit:
            return None
        a, b, ui = hit
        sib = self.sibling(ui, rng)
        if not sib:
            return None
        term = sentence[a:b]
        new = sib if term[:1].isupper() else sib.lower()
        return sentence[:a] + new + sentence[b:], term, sib
