"""The study-design classifier, measured.

    .venv/bin/python bench/bench_design.py [--draw]

(a) MEDLINE records, where NLM's indexing is the truth. Every record of the shared MEDLINE files (XML and
MEDLINE text, parsed with medcite's own parsers) whose publication types and MeSH decide a design
(:func:`medcite.corpus.classify.indexed_design`: rules 1 and 2 of the classifier) is a test case. The
prediction is what classify() gives for the same record with its publication types and MeSH removed,
which is all medcite has for the JSON Lines corpora. Records are split into two halves by a hash of the key:
the rules were tuned on the "tune" half (first SHA-256 byte even); the figures to quote are the "held-out"
half (odd). The full ``classify()`` on the indexed records is printed as a sanity check (about 100% by
construction).

(b) A hand-checked sample: 60 records without publication types, drawn with a fixed seed from
``corpora/abstracts_extra.jsonl.gz`` and ``pubmedqa/abstracts.jsonl`` (30 each, records with an abstract),
labelled by reading the title and abstract (``bench/data/design_sample.jsonl``: key, design, one-line
reason). The prediction is the full ``classify()`` (these files carry MeSH for some records). ``--draw``
prints the sample for labelling.

Each of (a) and (b) is printed for the three ways step 3 of ``classify()`` can decide where the indexing
does not (``text_design``): "rules" (the text cue rules alone, the baseline), "model" (the trained text
design model, ``models/design``, alone) and "combined" (the default: the rules' answers kept, the model asked
where they find no cue in an abstract). The model was trained on the tuning half, never on the held-out half
or the hand sample (``training/train_design.py``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import data_dir, machine, print_table
from medcite.corpus.classify import TEXT_DESIGN, classify, indexed_design
from medcite.corpus.detect import parse_path
from medcite.domain import Design, SourceRecord

LABELS = Path(__file__).resolve().parent / "data" / "design_sample.jsonl"
SAMPLE_FILES = ("corpora/abstracts_extra.jsonl.gz", "pubmedqa/abstracts.jsonl")
SAMPLE_PER_FILE = 30
SEED = 9
Pair = tuple[Design, Design]  # (truth, prediction)
MODES = ("rules", "model", "combined")  # how classify() step 3 decides (text_design)


def medline_paths(d: Path) -> list[Path]:
    """Every shared file in a MEDLINE format (PubMed XML or MEDLINE text)."""
    fm = d / "formats"
    return [
        *sorted((d / "medline_sample").glob("*.xml.gz")),
        d / "medline_sample" / "pubmed-29768149.xml",
        *sorted((fm / "pubmed_xml_samples").glob("*.xml")),
        *sorted((fm / "eutils_samples_biopython" / "Entrez").glob("pubmed*.xml")),
        *sorted((fm / "eutils_samples_biopython" / "Medline").glob("*.txt")),
        fm / "medline_txt_jzsh2000" / "mesh-papers.medline.txt",
    ]


def records(paths: Iterable[Path]) -> dict[str, SourceRecord]:
    """The records of ``paths``, first occurrence of each key."""
    out: dict[str, SourceRecord] = {}
    for path in paths:
        for item in parse_path(path):
            if isinstance(item, SourceRecord):
                out.setdefault(item.key, item)
    return out


def held_out(key: str) -> bool:
    """The half a key falls in: odd first SHA-256 byte is held out, even is the tuning half."""
    return hashlib.sha256(key.encode()).digest()[0] % 2 == 1


# -- scores -------------------------------------------------------------------------------------------
def accuracy(pairs: Sequence[Pair]) -> float:
    return sum(t == p for t, p in pairs) / len(pairs) if pairs else float("nan")


def per_design(pairs: Sequence[Pair]) -> list[tuple[object, ...]]:
    """Rows: design, support, predicted, correct, precision, recall; then the overall accuracy."""
    rows: list[tuple[object, ...]] = []
    for design in Design:
        support = sum(t == design for t, _ in pairs)
        predicted = sum(p == design for _, p in pairs)
        correct = sum(t == p == design for t, p in pairs)
        if support or predicted:
            precision = correct / predicted if predicted else float("nan")
            recall = correct / support if support else float("nan")
            rows.append((design.value, support, predicted, correct, precision, recall))
    correct = sum(t == p for t, p in pairs)
    rows.append(("all (accuracy)", len(pairs), len(pairs), correct, "", f"{accuracy(pairs):.3f}"))
    return rows


_SHORT = {
    Design.GUIDELINE: "guide",
    Design.META_ANALYSIS: "meta",
    Design.RCT: "rct",
    Design.OBSERVATIONAL: "obs",
    Design.CASE_CONTROL: "cc",
    Design.CASE_SERIES: "series",
    Design.REVIEW: "review",
    Design.ANIMAL: "animal",
    Design.OTHER: "other",
}


def confusion(pairs: Sequence[Pair]) -> tuple[list[str], list[list[object]]]:
    """Columns and rows of the confusion table: truth down, prediction across."""
    counts = Counter(pairs)
    used = [d for d in Design if any(d in pair for pair in pairs)]
    columns = ["truth \\ predicted", *(_SHORT[d] for d in used)]
    rows: list[list[object]] = [
        [d.value, *(counts[(d, p)] or "." for p in used)] for d in used if any(t == d for t, _ in pairs)
    ]
    return columns, rows


def side_by_side(title: str, by_mode: dict[str, list[Pair]]) -> None:
    """Per design: support, then each mode's recall and precision; last row: accuracy."""
    first = next(iter(by_mode.values()))
    rows: list[tuple[object, ...]] = []
    for design in Design:
        support = sum(t == design for t, _ in first)
        if not support and not any(p == design for pairs in by_mode.values() for _, p in pairs):
            continue
        cells: list[object] = [design.value, support]
        for pairs in by_mode.values():
            correct = sum(t == p == design for t, p in pairs)
            predicted = sum(p == design for _, p in pairs)
            cells.append(f"{correct / support:.2f}" if support else "-")
            cells.append(f"{correct / predicted:.2f}" if predicted else "-")
        rows.append(tuple(cells))
    rows.append(
        (
            "all (accuracy)",
            len(first),
            *(x for pairs in by_mode.values() for x in (f"{accuracy(pairs):.3f}", "")),
        )
    )
    columns = ["design", "support", *(f"{m} {k}" for m in by_mode for k in ("recall", "prec."))]
    print_table(f"{title}: rules vs model vs combined (classify default: {TEXT_DESIGN})", columns, rows)


def report(title: str, pairs: Sequence[Pair]) -> None:
    columns = ["design", "support", "predicted", "correct", "precision", "recall"]
    print_table(f"{title}: per design", columns, per_design(pairs))
    print_table(f"{title}: confusion", *confusion(pairs))


# -- (a) MEDLINE records ------------------------------------------------------------------------------
# what classify() is given: title + abstract (all records, or those with an abstract); + MeSH; + publication
# types (the sanity check)
VIEWS = ("text", "abstract", "mesh", "full")


def view(record: SourceRecord, name: str) -> SourceRecord:
    if name in ("text", "abstract"):
        return replace(record, publication_types=(), mesh=())
    return replace(record, publication_types=()) if name == "mesh" else record


def indexed_pairs(recs: Iterable[SourceRecord]) -> dict[tuple[str, bool], list[Pair]]:
    """(view, held out) -> (truth, prediction) pairs, over the records whose indexing decides a design."""
    pairs: dict[tuple[str, bool], list[Pair]] = {(v, h): [] for v in VIEWS for h in (False, True)}
    for rec in recs:
        truth = indexed_design(rec)
        if truth is not None:
            for name in VIEWS:
                if name != "abstract" or rec.text.strip():
                    pairs[(name, held_out(rec.key))].append((truth, classify(view(rec, name)).design))
    return pairs


def _mode_pairs(indexed: Iterable[SourceRecord], mode: str) -> dict[bool, list[Pair]]:
    """Held out? -> (truth, title + abstract prediction with step 3 in ``mode``)."""
    out: dict[bool, list[Pair]] = {False: [], True: []}
    for rec in indexed:
        truth = indexed_design(rec)
        assert truth is not None
        out[held_out(rec.key)].append((truth, classify(view(rec, "text"), text_design=mode).design))
    return out


def medline_bench(d: Path, verbose: bool) -> None:
    recs = records(medline_paths(d))
    pairs = indexed_pairs(recs.values())
    tune, test = pairs[("text", False)], pairs[("text", True)]
    indexed = [r for r in recs.values() if indexed_design(r) is not None]
    with_text = sum(1 for r in indexed if r.text.strip())
    sharpened = sum(1 for r in indexed if indexed_design(r) != indexed_design(r, refine=False))
    print(
        f"MEDLINE files: {len(recs)} records, {len(indexed)} whose publication types + MeSH decide a design "
        f"({with_text} with an abstract; {len(tune)} tuning half, {len(test)} held-out half; {sharpened} of "
        f"them sharpened by their text as rules 1-2 do); {len(recs) - len(indexed)} left out (only "
        '"Journal Article" and the like)'
    )
    modes = {m: _mode_pairs(indexed, m) for m in MODES}
    side_by_side(
        "(a) title + abstract vs publication types + MeSH, HELD-OUT half",
        {m: v[True] for m, v in modes.items()},
    )
    side_by_side("(a) title + abstract vs publication types + MeSH, tuning half (the model trained on it)",
                 {m: v[False] for m, v in modes.items()})  # fmt: skip
    report(f"(a) title + abstract ({TEXT_DESIGN}) vs publication types + MeSH, HELD-OUT half", test)
    rows: list[tuple[object, ...]] = []
    labels = {
        "text": "title + abstract",
        "abstract": "title + abstract, records with an abstract",
        "mesh": "title + abstract + MeSH",
        "full": "full (+ publication types)",
    }
    for name, label in labels.items():
        test_pairs, tune_pairs = pairs[(name, True)], pairs[(name, False)]
        rows.append((label, accuracy(test_pairs), accuracy(tune_pairs), accuracy(test_pairs + tune_pairs)))
    print_table(
        "(a) accuracy by what classify() is given (full: the sanity check, about 1.0 by construction)",
        ["classify() given", "held-out half", "tuning half", "both halves"],
        rows,
    )
    if verbose:  # the tuning half only: the held-out half is for reporting
        for rec in recs.values():
            truth = indexed_design(rec)
            pred = classify(view(rec, "text")).design
            if truth is not None and truth != pred and not held_out(rec.key):
                print(f"  {rec.key:>10} truth={truth.value:13} text={pred.value:13} {rec.title[:100]}")


# -- (b) the hand-checked sample ----------------------------------------------------------------------
def draw_sample(d: Path) -> list[SourceRecord]:
    """The fixed sample: per file, records without publication types and with an abstract, seeded."""
    rng = random.Random(SEED)
    out: list[SourceRecord] = []
    for relative in SAMPLE_FILES:
        pool = [r for r in records([d / relative]).values() if not r.publication_types and len(r.text) >= 200]
        pool.sort(key=lambda r: r.key)
        out.extend(rng.sample(pool, SAMPLE_PER_FILE))
    return out


def load_labels() -> dict[str, tuple[Design, str]]:
    labels: dict[str, tuple[Design, str]] = {}
    opener = gzip.open if LABELS.suffix == ".gz" else open
    with opener(LABELS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                labels[row["key"]] = (Design(row["design"]), row["reason"])
    return labels


def labelled_sample(d: Path, labels: dict[str, tuple[Design, str]]) -> list[SourceRecord]:
    """The records the labels name, as the parser reads them today, in the labels' order (a parser change
    can change the draw, as the split of titles glued to their abstracts did, never the labelled set)."""
    found: dict[str, SourceRecord] = {}
    for relative in SAMPLE_FILES:
        found |= {k: r for k, r in records([d / relative]).items() if k in labels}
    missing = [k for k in labels if k not in found]
    if missing:
        raise SystemExit(f"{LABELS}: labelled records not in the shared files: {missing}")
    return [found[k] for k in labels]


def sample_bench(d: Path, verbose: bool) -> None:
    labels = load_labels()
    sample = labelled_sample(d, labels)
    pairs = [(labels[r.key][0], classify(r).design) for r in sample]
    print(f"(b) hand-checked sample: {len(pairs)} records (seed {SEED}, {SAMPLE_PER_FILE} from each of "
          f"{', '.join(SAMPLE_FILES)})")  # fmt: skip
    modes = {m: [(labels[r.key][0], classify(r, text_design=m).design) for r in sample] for m in MODES}
    side_by_side("(b) classify() vs hand labels", modes)
    report(f"(b) classify() ({TEXT_DESIGN}) vs hand labels", pairs)
    if verbose:
        for rec, (truth, pred) in zip(sample, pairs, strict=True):
            if truth != pred:
                print(f"  {rec.key:>12} label={truth.value:13} classify={pred.value:13} {labels[rec.key][1]}")


def print_draw(d: Path) -> None:
    for rec in draw_sample(d):
        print(f"=== {rec.key} [{rec.origin}]")  # no classifier output: the labels are read, not copied
        print(f"TITLE: {rec.title}")
        print(f"MESH: {', '.join(m.descriptor for m in rec.mesh)}")
        print(rec.text)
        print()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--draw", action="store_true", help="print the hand-check sample for labelling and stop")
    ap.add_argument("--errors", action="store_true", help="list the disagreements of the tuning half")
    ap.add_argument(
        "--sample-errors", action="store_true", help="list the hand-checked sample's disagreements"
    )
    args = ap.parse_args()
    d = data_dir()
    if args.draw:
        print_draw(d)
        return
    print(f"design classifier | {machine()}")
    medline_bench(d, args.errors)
    sample_bench(d, args.sample_errors)


if __name__ == "__main__":
    main()
