"""Stance accuracy on one half of PubMedQA dev with ORACLE retrieval (the gold abstract is the only source;
the LexicalVerifier test double stands in for the verifier), for each stance mode of
:mod:`medcite.compose.synthesis` (wording vote, direction of the direct findings, combined). Not an
end-to-end figure: it isolates the stance rule from retrieval.

    .venv/bin/python -m tests.compose.eval_stance_modes --half even
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from medcite.compose import compose_article, synthesis
from medcite.domain import Provenance
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, load_pubmedqa

GOLD = {"yes": "yes", "no": "no", "maybe": "uncertain"}
MODES = ("wording", "findings", "combined")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=("even", "odd"), default="even")
    args = ap.parse_args()
    abstracts = load_pubmedqa(with_conclusion=True)
    with (DATA_DIR / "pubmedqa" / "questions_dev.jsonl").open() as fh:
        qs = [json.loads(line) for line in fh][args.half == "odd" :: 2]
    for mode in MODES:
        synthesis.STANCE_MODE = mode
        conf: Counter[tuple[str, str | None]] = Counter()
        for d in qs:
            a = compose_article(
                d["question"],
                OracleSearcher([abstracts[d["pmid"]]]),
                LexicalVerifier(),
                provenance=Provenance(),
            )
            conf[(GOLD[d["answer"]], a.stance)] += 1
        acc = 100 * sum(v for (g, p), v in conf.items() if g == p) / len(qs)
        print(f"{mode:>9} {args.half} half: {acc:.1f}% of {len(qs)}  {dict(conf)}", flush=True)


if __name__ == "__main__":
    main()
