"""Write a fixed sample of articles, each with the full text of every source it cites, for reading.

Issue 9 asks for articles judged by reading: off-question statements, bottom lines that answer the
question correctly, statements that their citations do not support. This writes the sample to read:
odd-half (held-out) PubMedQA and BioASQ yes/no questions with their gold answers, BioASQ factoid and
summary questions with their ideal answers, and clinical questions in the shapes clinicians ask, each
article in Markdown followed by the cited sources' text (the reader checks each statement there).

    export MEDCITE_HOME=/tmp/mc-bench MEDCITE_DENSE_GRANULARITY=sources
    .venv/bin/python -m bench.sample_articles --out /tmp/read20

``MEDCITE_STANCE_READER=false`` and ``--model-names -1`` write the sample as the code before the stance
reader and the model-named concepts did (a paired reading).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.common import answer, apply_composer_options, composer_options, data_dir
from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.domain import Provenance
from medcite.present.markdown import to_markdown

# clinical questions of the shapes the issue names (role, yes/no, which, dose, risk)
CLINICAL = (
    "What is the role of ketamine in treating anxiety?",
    "Does bupropion help smoking cessation?",
    "What is the role of clonidine in paediatric adenotonsillectomy?",
    "What is the risk of seizures with bupropion?",
)


def sample(half: str = "odd", skip: int = 0) -> list[tuple[str, str, str]]:
    """(source, question, gold) for the 20 articles: the odd half is the held-out reading; the even half
    (other questions, no clinical ones) is for tuning. ``skip`` passes over that many whole samples
    (a fresh tuning sample: the first draws of the even half have been read before)."""
    out: list[tuple[str, str, str]] = []
    d = data_dir()
    first = 1 if half == "odd" else 0
    pqa = [json.loads(x) for x in (d / "pubmedqa" / "questions_dev.jsonl").read_text().splitlines()]
    out += [(f"PubMedQA ({half} half)", q["question"], q["answer"]) for q in pqa[first::2][6 * skip :][:6]]
    bio = [json.loads(x) for x in (d / "bioasq" / "questions_7b-9b.jsonl").read_text().splitlines()]
    for kind, k in (("yesno", 5), ("factoid", 3), ("summary", 2)):
        qs = [q for q in bio if q["type"] == kind][first::2][k * skip :][:k]
        for q in qs:
            gold = q["exact_answer"] if kind != "summary" else q["ideal_answer"]
            out.append((f"BioASQ {kind} ({half} half)", q["body"], json.dumps(gold)[:400]))
    if half == "odd" and not skip:
        out += [("clinical", q, "") for q in CLINICAL]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--half", choices=("odd", "even"), default="odd", help="odd: held-out; even: tuning")
    ap.add_argument(
        "--skip",
        type=int,
        default=0,
        help="whole samples to pass over (6 PubMedQA, 5 yes/no, 3 factoid, 2 summary questions each): "
        "a fresh sample of the same shape",
    )
    composer_options(ap)
    args = ap.parse_args()
    apply_composer_options(args)
    args.out.mkdir(parents=True, exist_ok=True)
    engine = open_engine(load_settings())
    searcher, verifier = engine.searcher(), engine.verifier
    for i, (origin, question, gold) in enumerate(sample(args.half, args.skip), 1):
        a = answer(engine, question, searcher, verifier, Provenance())
        lines = [f"<!-- {origin}; gold: {gold} -->", "", to_markdown(a)]
        lines += ["", "# Cited sources (full text)", ""]
        for r in a.references:
            src = engine.store.get_by_key(r.key)
            text = src.record.text if src is not None else "(not in the store)"
            lines += [f"## [{r.n}] {r.key}: {r.title}", "", text, ""]
        (args.out / f"{i:02d}.md").write_text("\n".join(lines), encoding="utf-8")
        print(f"{i:02d} {origin}: {question[:80]}")


if __name__ == "__main__":
    main()
