"""Build ``src/medcite/text/lexicon.txt``: lower-case words of 4 letters or more, the whole words of the
all-MiniLM-L6-v2 WordPiece vocabulary (the BERT uncased vocabulary, Apache-2.0) that the shipped embedder
uses, and the words found at least ``--min-count`` times in the licence-OK abstracts of the shared corpora
(the medical words the vocabulary splits: "steroids", "emesis", "omentum"). The text toolkit reads it to
tell a word from a stub that a snippet cut mid-word leaves ("hese differences extend ...":
:func:`medcite.text.words.opens_on_stub`).

    .venv/bin/python training/build_lexicon.py --data ../shared/data

Data: as ``training/build_common_terms.py`` (PubMedQA, MIT; SYNERGY, CC0; ASReview, CC BY 4.0; BC5CDR, NCBI
public domain; Evidence Inference, MIT). Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_common_terms import abstracts  # the licence-OK abstracts

REPO = Path(__file__).resolve().parents[1]
TOKENIZER = REPO / "src" / "medcite" / "models" / "minilm" / "tokenizer.json"
OUT = REPO / "src" / "medcite" / "text" / "lexicon.txt"
WORD = re.compile(r"\b[a-z]{4,}\b")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tokenizer", type=Path, default=TOKENIZER)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    vocab = json.loads(args.tokenizer.read_text(encoding="utf-8"))["model"]["vocab"]
    words = {w for w in vocab if w.isascii() and w.isalpha() and w.islower() and len(w) >= 4}
    counts: Counter[str] = Counter()
    for text in abstracts(args.data):
        counts.update(WORD.findall(text))
    words |= {w for w, n in counts.items() if n >= args.min_count}
    header = (
        f"# words of 4+ letters: the all-MiniLM-L6-v2 WordPiece vocabulary and those found {args.min_count}+ "
        "times in the licence-OK abstracts (training/build_lexicon.py)\n"
    )
    args.out.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words):,} words -> {args.out}")


if __name__ == "__main__":
    main()
