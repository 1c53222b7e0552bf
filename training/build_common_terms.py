"""Build ``src/medcite/text/common_terms.txt``: the composer's stems (:func:`medcite.text.words.terms`) that
occur in at least ``--min-share`` of the licence-OK abstracts of the shared corpora. A concept of several
words is not named by these alone ("emergency ... programs" does not name "emergency ultrasound fellowship
programs"; :func:`medcite.compose.naming.Concept.found_in`).

    .venv/bin/python training/build_common_terms.py --data ../shared/data

Data: PubMedQA abstracts (MIT) and the ``corpora/abstracts_extra`` records of SYNERGY (CC0), ASReview
(CC BY 4.0), BC5CDR (NCBI public domain) and Evidence Inference (MIT); the Cohen 2006 sets (research use
only) and the small PubMed samples (licence not stated) are left out. Deterministic: the same data gives the
same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from relevance_data import EXTRA_OK  # the licence-OK sources of abstracts_extra

from medcite.text.words import terms

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "medcite" / "text" / "common_terms.txt"


def abstracts(data: Path) -> list[str]:
    """The licence-OK abstracts (PubMedQA's without a title: it has none; the others with their title)."""
    out: list[str] = []
    with (data / "pubmedqa" / "abstracts.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append(" ".join(s.get("text", "") for s in d.get("sections") or []))
    with gzip.open(data / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if str(d.get("source", "")).startswith(EXTRA_OK) and d.get("abstract"):
                out.append(f"{d.get('title') or ''} {d['abstract']}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--min-share", type=float, default=0.03)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    docs = abstracts(args.data)
    df: Counter[str] = Counter()
    for text in docs:
        df.update(set(terms(text)))
    common = sorted(t for t, n in df.items() if n / len(docs) >= args.min_share)
    header = (
        f"# stems in at least {args.min_share * 100:g}% of {len(docs):,} licence-OK abstracts "
        "(training/build_common_terms.py)\n"
    )
    args.out.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} common stems of {len(df):,} from {len(docs):,} abstracts -> {args.out}")


if __name__ == "__main__":
    main()
