"""Study cards, measured: sentence roles, finding directions, field fill rates, arms and outcomes against
Evidence Inference prompts, readable statements, and the time per card.

    .venv/bin/python bench/bench_cards.py

1. Sentence roles on the held-out structured abstracts (``training/role_data.py``: CRC-32 of the id mod 10
   == 0, never trained on), headings stripped: the model in context and alone, beside the cue rules
   (``text.cues.role_of`` without a label).
2. Finding direction on Evidence Inference 2.0 ``ev2_validation`` / ``ev2_test`` evidence spans: accuracy and
   macro-F1 over the three directions, beside the rules (``text.effect_direction``) and the majority class.
3. Field fill rates and ms per card (median / p95) over every PubMedQA abstract and the Evidence Inference
   abstracts of the validation and test articles.
4. Arms and outcomes against the Evidence Inference prompts of those articles: how often the card's
   intervention / comparator / a finding's outcome matches one of the article's prompts (half of the
   shorter phrase's words shared).
5. Readable statements: ``clean_statement`` over the results/conclusions sentences of PubMedQA abstracts,
   and over every sentence of ``abstracts_extra`` with a truncation note or a ".;" join.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "training")]

from role_data import abstracts  # noqa: E402
from train_direction import evidence, split_ids  # noqa: E402

from bench.common import data_dir, machine, pct, print_table  # noqa: E402
from medcite.corpus import clean_statement, sentence_roles, study_card  # noqa: E402
from medcite.corpus.classify import classify  # noqa: E402
from medcite.corpus.findings import direction_probabilities  # noqa: E402
from medcite.corpus.jsonl import parse_jsonl  # noqa: E402
from medcite.corpus.roles import classify as classify_roles  # noqa: E402
from medcite.domain import DIRECTIONS, ROLES, AbstractSection, SourceRecord, StoredSource, StudyCard  # noqa: E402
from medcite.text import effect_direction, role_of  # noqa: E402
from medcite.text.voice import FIRST_PERSON, TRUNCATION_MARKER  # noqa: E402


def roles_table(data: Path) -> None:
    held = [a for a in abstracts(data) if a.heldout]
    gold, ctx, alone, rules = [], [], [], []
    for a in held:
        in_context = classify_roles(a.sentences)
        for i, role in enumerate(a.roles):
            if role is None:
                continue
            gold.append(role)
            ctx.append(in_context[i][0])
            alone.append(classify_roles([a.sentences[i]])[0][0])
            rules.append(role_of("", a.sentences[i]))
    g = np.array(gold)
    rows: list[list[object]] = []
    readers = (("model, in its abstract", ctx), ("model, sentence alone", alone), ("cue rules", rules))
    for name, pred in readers:
        p = np.array(pred)
        finding = np.isin(p, ["results", "conclusions"]) == np.isin(g, ["results", "conclusions"])
        rows.append(
            [name, float(np.mean(p == g)), float(np.mean(finding))]
            + [float(np.mean(p[g == r] == r)) for r in ROLES]
        )
    print_table(
        f"1. Sentence roles: {len(held)} held-out abstracts, {len(gold)} sentences ({Counter(gold)})",
        ["reader", "accuracy", "finding vs not", *(f"{r} recall" for r in ROLES)],
        rows,
    )


def _f1(pred: list[str], gold: list[str]) -> tuple[float, float]:
    p, g = np.array(pred), np.array(gold)
    f1 = []
    for c in DIRECTIONS:
        tp = float(((p == c) & (g == c)).sum())
        prec, rec = tp / max((p == c).sum(), 1), tp / max((g == c).sum(), 1)
        f1.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    return float(np.mean(p == g)), float(np.mean(f1))


def direction_table(data: Path) -> None:
    ev = evidence(data)
    rows: list[list[object]] = []
    for split in ("validation", "test"):
        texts, gold = [t for t, _ in ev[split]], [lab for _, lab in ev[split]]
        model = []
        for t in texts:
            probs = direction_probabilities(t)
            model.append(max(DIRECTIONS, key=lambda d: probs[d]))
        rules = [str(effect_direction(t).value).replace(" ", "_") for t in texts]
        majority = max(gold.count(c) for c in DIRECTIONS) / len(gold)
        rows.append([split, len(gold), *_f1(model, gold), *_f1(rules, gold), majority])
    print_table(
        "2. Finding direction on Evidence Inference 2.0 evidence spans",
        ["split", "n", "model acc", "model macro-F1", "rules acc", "rules macro-F1", "majority acc"],
        rows,
    )


def ei_sources(data: Path) -> list[StoredSource]:
    splits = split_ids(data)
    out = []
    with gzip.open(data / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if splits.get(d["pmcid"].removeprefix("PMC")) not in ("validation", "test"):
                continue
            secs = tuple(
                AbstractSection(s["label"], " ".join(s["text"].split()))
                for s in d["abstract_sections"]
                if s["text"].strip()
            )
            rec = SourceRecord(key=d["pmcid"], title=d["title"], sections=secs, pmcid=d["pmcid"])
            out.append(StoredSource(len(out), rec, classify(rec)))
    return out


def pubmedqa_sources(data: Path) -> list[StoredSource]:
    items = parse_jsonl(data / "pubmedqa" / "abstracts.jsonl")
    records = [x for x in items if isinstance(x, SourceRecord)]
    return [StoredSource(i, r, classify(r)) for i, r in enumerate(records)]


FIELDS = (
    ("n", lambda c: c.n is not None),
    ("species known", lambda c: c.species != "unknown"),
    ("age group known", lambda c: c.age_group != "unknown"),
    ("condition", lambda c: c.condition is not None),
    ("setting", lambda c: c.setting is not None),
    ("intervention", lambda c: bool(c.interventions)),
    ("comparator", lambda c: c.comparator is not None),
    (">=1 finding", lambda c: bool(c.findings)),
    ("finding with direction", lambda c: any(f.direction for f in c.findings)),
    ("finding with effect", lambda c: any(f.effect for f in c.findings)),
    ("finding with CI", lambda c: any(f.ci for f in c.findings)),
    ("finding with p", lambda c: any(f.p for f in c.findings)),
    ("finding with outcome", lambda c: any(f.outcome for f in c.findings)),
    ("adverse events", lambda c: bool(c.adverse_events)),
    ("dose/route", lambda c: bool(c.dose_route)),
    ("follow-up", lambda c: c.follow_up is not None),
    ("conclusion", lambda c: c.conclusion is not None),
)


def cards_of(sources: list[StoredSource]) -> tuple[list[StudyCard], list[float]]:
    study_card(sources[0])  # load the models
    cards, ms = [], []
    for s in sources:
        t = time.perf_counter()
        cards.append(study_card(s))
        ms.append((time.perf_counter() - t) * 1000)
        assert all(s.record.text[x.start : x.end] == x.text for x in cards[-1].spans()), s.key
    return cards, ms


def fill_table(corpora: dict[str, tuple[list[StudyCard], list[float]]]) -> None:
    rows: list[list[object]] = []
    for name, test in FIELDS:
        rows.append([name, *(float(np.mean([test(c) for c in cards])) for cards, _ in corpora.values())])
    rows.append(["ms per card, median", *(pct(ms, 50) for _, ms in corpora.values())])
    rows.append(["ms per card, p95", *(pct(ms, 95) for _, ms in corpora.values())])
    names = [f"{k} ({len(v[0])})" for k, v in corpora.items()]
    title = "3. Field fill rates (share of cards) and time per card; every span checked"
    print_table(title, ["field", *names], rows)


_W = re.compile(r"[a-z0-9]+")


def _match(a: str, b: str) -> bool:
    wa, wb = set(_W.findall(a.lower())), set(_W.findall(b.lower()))
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def arms_table(data: Path, cards: list[StudyCard]) -> None:
    prompts: dict[str, list[dict[str, str]]] = {}
    with (data / "evidence_inference" / "prompts_merged.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            prompts.setdefault("PMC" + row["PMCID"], []).append(row)
    rows: list[list[object]] = []
    for name, get, col in (
        ("intervention", lambda c: [x.text for x in c.interventions], "Intervention"),
        ("comparator", lambda c: [c.comparator.text] if c.comparator else [], "Comparator"),
        ("finding outcomes", lambda c: [f.outcome.text for f in c.findings if f.outcome], "Outcome"),
    ):
        filled = hit = 0
        for c in cards:
            got = get(c)
            if not got:
                continue
            filled += 1
            hit += any(_match(g, p[col]) for g in got for p in prompts.get(c.source_key, []))
        rows.append([name, len(cards), filled, hit, hit / max(filled, 1), hit / len(cards)])
    print_table(
        "4. Arms and outcomes vs Evidence Inference prompts (validation + test articles)",
        ["field", "cards", "filled", "matches a prompt", "precision", "recall (of cards)"],
        rows,
    )


def _statement_row(name: str, sentences: list[tuple[str, str]]) -> list[object]:
    changed = none = fp_before = fp_after = notes = glued = left = 0
    for text, role in sentences:
        out = clean_statement(text, role)  # type: ignore[arg-type]
        fp_before += bool(FIRST_PERSON.search(text))
        notes += bool(TRUNCATION_MARKER.search(text))
        glued += ".;" in text
        if out is None:
            none += 1
            continue
        changed += out != text
        fp_after += bool(FIRST_PERSON.search(out))
        left += bool(TRUNCATION_MARKER.search(out)) or ".;" in out
    return [name, len(sentences), fp_before, notes, glued, changed, none, fp_after, left]


def statements_table(data: Path, sources: list[StoredSource]) -> None:
    pqa = [
        (span.text, role)
        for s in sources
        for span, role in study_card(s).roles
        if role in ("results", "conclusions")
    ]
    extra = []  # every sentence of abstracts_extra with a truncation note or a ".;" join
    for r in parse_jsonl(data / "corpora" / "abstracts_extra.jsonl.gz"):
        if isinstance(r, SourceRecord) and (TRUNCATION_MARKER.search(r.text) or ".;" in r.text):
            extra += [
                (span.text, role)
                for span, role, _p in sentence_roles(r.text)
                if TRUNCATION_MARKER.search(span.text) or ".;" in span.text
            ]
    print_table(
        "5. clean_statement (None: background/objective/methods, or the authors still speak)",
        [
            "sentences",
            "n",
            "first person",
            "truncation notes",
            "'.;' joins",
            "changed",
            "None",
            "first person after",
            "notes or joins after",
        ],
        [
            _statement_row("PubMedQA results/conclusions", pqa),
            _statement_row("abstracts_extra with notes or joins", extra),
        ],
    )


def main() -> None:
    data = data_dir()
    print(f"machine: {machine()}")
    roles_table(data)
    direction_table(data)
    pqa, ei = pubmedqa_sources(data), ei_sources(data)
    corpora = {"PubMedQA": cards_of(pqa), "EI val+test": cards_of(ei)}
    fill_table(corpora)
    arms_table(data, corpora["EI val+test"][0])
    statements_table(data, pqa)


if __name__ == "__main__":
    main()
