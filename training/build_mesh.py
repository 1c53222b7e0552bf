"""Derive the small MeSH file that the population check ships with (branches C, F and M01).

    python training/build_mesh.py --tree ../shared/data/mesh/2017MeshTree.txt \
        --out src/medcite/models/verifier/mesh_cfm.json.gz

Source: MeSH 2017 tree (U.S. National Library of Medicine, public domain NLM data).
Output: gzipped JSON {"source": ..., "headings": {heading: [tree numbers]}}.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

BRANCHES = ("C", "F", "M01")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path, default=Path("../shared/data/mesh/2017MeshTree.txt"))
    ap.add_argument("--out", type=Path, default=Path("src/medcite/models/verifier/mesh_cfm.json.gz"))
    args = ap.parse_args()
    headings: dict[str, list[str]] = {}
    with open(args.tree, encoding="utf-8-sig") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            tree, _ui, heading = parts
            if tree.startswith(BRANCHES):
                headings.setdefault(heading, []).append(tree)
    doc = {
        "source": "MeSH 2017 tree, U.S. National Library of Medicine (public domain)",
        "headings": headings,
    }
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(doc, fh, separators=(",", ":"), sort_keys=True)
    print(f"{len(headings)} headings -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
