"""Build ``src/medcite/text/lexicon.txt``: the lower-case whole words (4 letters or more) of the
all-MiniLM-L6-v2 WordPiece vocabulary (the BERT uncased vocabulary, Apache-2.0) that the shipped embedder
uses. The text toolkit reads it to tell a word from a stub that a snippet cut mid-word leaves ("hese
differences extend ...": :func:`medcite.text.words.cut_stub`).

    .venv/bin/python training/build_lexicon.py

Deterministic: the same tokenizer gives the same file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOKENIZER = REPO / "src" / "medcite" / "models" / "minilm" / "tokenizer.json"
OUT = REPO / "src" / "medcite" / "text" / "lexicon.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tokenizer", type=Path, default=TOKENIZER)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    vocab = json.loads(args.tokenizer.read_text(encoding="utf-8"))["model"]["vocab"]
    words = sorted(w for w in vocab if w.isascii() and w.isalpha() and w.islower() and len(w) >= 4)
    header = "# words of 4+ letters, all-MiniLM-L6-v2 WordPiece vocabulary (training/build_lexicon.py)\n"
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words):,} words -> {args.out}")


if __name__ == "__main__":
    main()
