"""Derive the small synonym file that concept matching ships with, from MeSH 2024 descriptors and entry terms.

    python training/build_synonyms.py --terms ../shared/data/mesh/mesh_terms.tsv.gz \
        --trees ../shared/data/mesh/mesh_trees.tsv.gz --tree-2017 ../shared/data/mesh/2017MeshTree.txt \
        --out src/medcite/models/synonyms/mesh_synonyms.json.gz

Source: MeSH 2024 (U.S. National Library of Medicine). This is a reduced, modified derivative, not official
MeSH: only descriptors in the branches concept matching needs (C diseases, F01 behaviour and emotions such as
anxiety, F03 mental disorders, D chemicals and drugs, M01 persons), only their tree numbers in those branches
(the 2024 tree file lacks the top-level numbers, such as C04 Neoplasms: those come from the 2017 tree file;
for D only the category, such as D02),
a drug or chemical (D) only when it has an entry term to offer, and only entry terms that are plain
wordings: no permuted forms ("Infarction, Myocardial"), one wording per set of words (as the
matcher reads them: :func:`medcite.text.synonyms.word_key`), no lab numbers, no systematic chemical names
(brackets, digit-comma locants), nothing over six words or 50 characters. Abbreviations and acronyms
(lexical tags ABB, ABX, ACR, ACX) of three characters or more are kept apart: they are matched as written.

Output: gzipped JSON {"source": ..., "descriptors": {heading: {"t": [trees], "s": [entry terms], "a":
[abbreviations]}}}.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

from medcite.text.synonyms import word_key

BRANCHES = ("C", "F01", "F03", "D", "M01")
ABBREVIATION_TAGS = {"ABB", "ABX", "ACR", "ACX"}
MAX_WORDS = 6
MAX_CHARS = 50
_SYSTEMATIC = re.compile(r"[()\[\]{}]|\d,\d|\d-[A-Za-z]-|^\d|\b[A-Z]{1,2}\d|[*']$|\.\.")


def plain_wording(term: str) -> bool:
    """An entry term that a text might use as it stands (not a systematic chemical name)."""
    return len(term) <= MAX_CHARS and len(term.split()) <= MAX_WORDS and not _SYSTEMATIC.search(term)


def _key(term: str) -> frozenset[str]:
    return word_key(term)


def _kept_trees(trees: list[str]) -> list[str]:
    """Full tree numbers for conditions and persons (their relations matter); a drug's category only."""
    return sorted({t[:3] if t.startswith("D") else t for t in trees})


def read_trees(path: Path, path_2017: Path) -> dict[str, list[str]]:
    """Descriptor UI -> tree numbers in :data:`BRANCHES` (2024; the 2017 tree for descriptors it lacks)."""
    trees: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            tree = row["tree_location"]
            if tree.startswith(BRANCHES):
                trees.setdefault(row["DescriptorUI"], []).append(tree)
    seen = set(trees)
    with path_2017.open(encoding="utf-8-sig") as fh2:
        next(fh2)
        for line in fh2:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] not in seen and parts[0].startswith(BRANCHES):
                trees.setdefault(parts[1], []).append(parts[0])
    return trees


def build(terms_path: Path, trees_path: Path, tree_2017: Path) -> dict[str, dict[str, list[str]]]:
    trees = read_trees(trees_path, tree_2017)
    out: dict[str, dict[str, list[str]]] = {}
    with gzip.open(terms_path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            ui, name, term = row["DescriptorUI"], row["DescriptorName"], row["TermName"].strip()
            if ui not in trees or row["IsPermutedTermYN"] == "Y" or row["LexicalTag"] == "LAB":
                continue
            entry = out.setdefault(name, {"t": _kept_trees(trees[ui]), "s": [], "a": []})
            if row["LexicalTag"] in ABBREVIATION_TAGS:
                if len(term) >= 3 and " " not in term and term not in entry["a"]:
                    entry["a"].append(term)
            elif plain_wording(term) and _key(term) not in {_key(x) for x in [name, *entry["s"]]}:
                entry["s"].append(term)  # one wording per set of words: "TNF Blocker(s)" once
    return {
        name: d for name, d in out.items() if d["s"] or d["a"] or not all(t.startswith("D") for t in d["t"])
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--terms", type=Path, default=Path("../shared/data/mesh/mesh_terms.tsv.gz"))
    ap.add_argument("--trees", type=Path, default=Path("../shared/data/mesh/mesh_trees.tsv.gz"))
    ap.add_argument("--tree-2017", type=Path, default=Path("../shared/data/mesh/2017MeshTree.txt"))
    ap.add_argument("--out", type=Path, default=Path("src/medcite/models/synonyms/mesh_synonyms.json.gz"))
    args = ap.parse_args()
    descriptors = build(args.terms, args.trees, args.tree_2017)
    doc = {
        "source": "Derived from MeSH 2024, U.S. National Library of Medicine; reduced and modified "
        "(not official MeSH): branches C, F01, F03, D, M01; plain entry terms only",
        "descriptors": descriptors,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(data)  # mtime 0: the same input gives the same bytes
    n_terms = sum(len(d["s"]) + len(d["a"]) for d in descriptors.values())
    print(f"{len(descriptors)} descriptors, {n_terms} terms -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
