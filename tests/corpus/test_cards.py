"""Study cards, sentence roles and finding directions on real shared data (skipped when it is absent)."""

from __future__ import annotations

import csv
import statistics
import time
import zlib
from pathlib import Path

import pytest

from medcite.corpus import finding_direction, sentence_roles, study_card
from medcite.corpus.classify import classify
from medcite.corpus.findings import direction_probabilities
from medcite.corpus.jsonl import parse_jsonl
from medcite.corpus.roles import classify as classify_roles
from medcite.corpus.roles import heading_role
from medcite.domain import DIRECTIONS, SourceRecord, StoredSource
from medcite.text import effect_direction, record_sentences


@pytest.fixture(scope="module")
def pubmedqa(data_dir: Path) -> list[StoredSource]:
    records = [
        r for r in parse_jsonl(data_dir / "pubmedqa" / "abstracts.jsonl") if isinstance(r, SourceRecord)
    ]
    return [StoredSource(i, r, classify(r)) for i, r in enumerate(records)]


def test_every_span_of_every_card_is_its_text(pubmedqa: list[StoredSource]) -> None:
    for source in pubmedqa:
        card = study_card(source)
        text = source.record.text
        assert card.source_key == source.key
        for span in card.spans():
            assert text[span.start : span.end] == span.text, (source.key, span)
        starts = [f.sentence.start for f in card.findings]
        assert starts == sorted(starts)


def test_sentence_roles_cover_the_text_in_order(pubmedqa: list[StoredSource]) -> None:
    for source in pubmedqa[:200]:
        text = source.record.text
        roles = sentence_roles(text)
        assert [s.start for s, _, _ in roles] == sorted(s.start for s, _, _ in roles)
        for span, role, prob in roles:
            assert text[span.start : span.end] == span.text
            assert role in ("background", "objective", "methods", "results", "conclusions")
            assert 0.0 < prob <= 1.0


def test_role_model_beats_a_floor_on_held_out_pubmedqa_abstracts(pubmedqa: list[StoredSource]) -> None:
    # the abstracts the role model never saw (training/role_data.py: CRC-32 of the PMID mod 10 == 0);
    # the model reads the sentences without their headings, the headings are the truth
    right = total = 0
    for source in pubmedqa:
        if zlib.crc32((source.record.pmid or "").encode()) % 10:
            continue
        sents = record_sentences(source)
        gold = [heading_role(label) for label, *_ in sents]
        for (role, _p), truth in zip(classify_roles([t for *_, t in sents]), gold, strict=True):
            if truth is not None:
                total += 1
                right += role == truth
    assert total > 500
    assert right / total >= 0.80


def _ei_split(data_dir: Path, split: str) -> list[tuple[str, str]]:
    ei = data_dir / "evidence_inference"
    ids = set((ei / "splits" / f"ev2_{split}_article_ids.txt").read_text().split())
    labels = {
        "significantly increased": "increased",
        "significantly increase": "increased",
        "significantly decreased": "decreased",
        "no significant difference": "no_difference",
    }
    out = set()
    with (ei / "v2_annotations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = " ".join(row["Annotations"].split())
            if row["PMCID"] in ids and row["Label"].strip() in labels and len(text) >= 10:
                out.add((row["PMCID"], text, labels[row["Label"].strip()]))
    return [(t, lab) for _, t, lab in sorted(out)]


def test_direction_model_beats_the_rules_on_evidence_inference_test(data_dir: Path) -> None:
    pairs = _ei_split(data_dir, "test")
    assert len(pairs) > 300
    model = rules = 0
    for text, gold in pairs:
        probs = direction_probabilities(text)
        model += max(DIRECTIONS, key=lambda d: probs[d]) == gold
        rules += str(effect_direction(text).value).replace(" ", "_") == gold
    assert model / len(pairs) >= 0.70
    assert model > rules


def test_finding_direction_reads_real_result_sentences(pubmedqa: list[StoredSource]) -> None:
    # sentences quoted from PubMedQA abstracts
    assert finding_direction("The duration of anesthesia did not differ in the 2 groups (P>0.05).")[0] == (
        "no_difference"
    )
    assert finding_direction("NBQ-scores remained significantly lower after follow-up (p = 0.001).")[0] == (
        "decreased"
    )
    direction, confidence = finding_direction(
        "In a randomised, placebo-controlled, double-blind, cross-over study, 12 healthy volunteers received "
        "a single dose of 100 mg codeine phosphate plus 50 mg diclofenac sodium or codeine phosphate plus "
        "placebo."
    )
    assert (direction, confidence) == (None, 0.0)


def test_cards_of_real_trials_have_their_fields(pubmedqa: list[StoredSource]) -> None:
    by_key = {s.key: s for s in pubmedqa}
    card = study_card(by_key["10808977"])  # telephone counselling vs usual care, a randomised trial
    assert card.design == "rct"
    assert card.species == "human"
    assert card.comparator is not None and card.comparator.text == "usual care"
    assert any(f.direction == "increased" and f.effect is not None for f in card.findings)
    assert card.conclusion is not None
    card = study_card(by_key["17621202"])  # shaving before surgery, 789 patients
    assert card.n == 789
    assert any(f.direction == "no_difference" and f.p is not None for f in card.findings)


def test_a_card_takes_under_20_ms(pubmedqa: list[StoredSource]) -> None:
    # CPU time of this process (the shared test machine's load does not count; bench_cards reports wall time)
    study_card(pubmedqa[0])  # loads the models
    times = []
    for source in pubmedqa[:300]:
        t = time.process_time()
        study_card(source)
        times.append(time.process_time() - t)
    assert statistics.median(times) < 0.020


def test_population_fields_of_real_abstracts(pubmedqa: list[StoredSource]) -> None:
    by_key = {s.key: s for s in pubmedqa}
    # "... primary vesicoureteral reflux (VUR) ... Mean age was 5.9 years"
    cards = [study_card(s) for s in pubmedqa]
    children = [c for c in cards if c.age_span is not None and c.age_span.text.startswith("aged 11-15 years")]
    assert children and all(c.age_group == "children" for c in children)
    assert any(
        (sf.text, lf.text) == ("VUR", "vesicoureteral reflux") for c in cards for sf, lf in c.abbreviations
    )
    card = study_card(by_key["10808977"])  # "women aged 50 and older"
    assert card.age_group == "adults" and card.age_span is not None
    # more than a third of PubMedQA cards state a sample size, an age group and a condition (bench table 3)
    for field in ("n", "age_span", "condition"):
        assert sum(getattr(c, field) is not None for c in cards) >= 350, field


def test_the_arms_tagger_finds_spans_of_the_text_in_real_trial_abstracts(data_dir: Path) -> None:
    # Evidence Inference abstracts (MIT, RCTs): the tagger finds an intervention or a comparator in most,
    # each an exact span of the text (its accuracy is measured by training/train_arms.py)
    import gzip
    import json

    from medcite.corpus.tagger import tagged_arms
    from medcite.domain import AbstractSection, Span

    with gzip.open(data_dir / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        found = 0
        for read, line in enumerate(fh, start=1):
            d = json.loads(line)
            secs = tuple(AbstractSection(s["label"], s["text"]) for s in d["abstract_sections"] if s["text"])
            text = "\n\n".join(s.text for s in secs)
            i, c = tagged_arms(text, [Span(0, len(text), text)])
            for s in (i, c):
                if s is not None:
                    assert text[s.start : s.end] == s.text
                    found += 1
            if read == 30:
                break
    assert found >= 30


def test_adverse_events_are_harms_not_the_studys_outcomes(pubmedqa: list[StoredSource]) -> None:
    """The double balloon enteroscopy study's therapy sentence ("electrocautery to ablate bleeding sources")
    is what was done, not a harm; its complication-rate sentence is one."""
    card = study_card(next(s for s in pubmedqa if s.key == "23831910"))
    texts = [s.text for s in card.adverse_events]
    assert not any("ablate bleeding" in t for t in texts)
    assert any("complication" in t for t in texts)


def test_the_sizes_of_the_arms_are_not_the_studys_n() -> None:
    from medcite.corpus.extract import sample_span
    from medcite.domain import Span

    # real methods sentences: PMID 9663366 (three arms) and PMID 21214884 (two groups of mothers); the
    # sample article gave "n = 121" and "n = 11" for them, which the abstracts never state
    arms = (
        "The study consisted of a 1-week placebo phase followed by 8 weeks of active treatment with "
        "bupropion SR 150 mg/d (150 mg QD, n = 121) or 300 mg/d (150 mg BID, n = 120) or placebo (n = 121)."
    )
    groups = (
        "Using polymerase chain reaction techniques, we evaluated the presence of HPV infection in human "
        "breast milk collected from 21 HPV-positive and 11 HPV-negative mothers."
    )
    for text in (arms, groups):
        assert sample_span(text, None, [Span(0, len(text), text)]) == (None, None)
    # two durations are no arms: the count of people beside them is the n (synthetic test sentence)
    both = "A total of 120 synthetic test patients were followed for 6 and 12 months."
    assert sample_span(both, None, [Span(0, len(both), both)])[0] == 120
    # one count of people in the methods is the n, pinned to its span
    one = "Adult smokers (N = 1524) interested in quitting smoking were enrolled."
    n, span = sample_span(one, None, [Span(0, len(one), one)])
    assert n == 1524 and span is not None and one[span.start : span.end] == "1524"


def test_a_count_written_in_words_is_the_studys_n() -> None:
    from medcite.corpus.extract import people_counts, sample_span
    from medcite.domain import Span

    # a real methods sentence (PubMedQA, PMID 23224030): a sentence opens with the count in words; the sexes
    # after it are a split of it, not the n (553 had been read)
    text = (
        "Standardized 3-day dietary records were employed in individuals with type 1 diabetes. One thousand "
        "one hundred and two patients (553 men, 549 women, baseline age 33 ± 10 years) had complete data."
    )
    start = text.index("One thousand")
    n, span = sample_span(text, None, [Span(start, len(text), text[start:])])
    assert n == 1102 and span is not None and span.text == "One thousand one hundred and two"
    # a number word inside a sentence is no count of the sample ("two patients died")
    assert [c for c, _s, _e in people_counts("Synthetic fixture: later, two patients died.")] == []
    # a share is no count (PMID 11199956: "Eighty percent of patients receiving bupropion SR successfully
    # stopped smoking" had been read as 80 people beside its 15 veterans)
    share = (
        "Fifteen veterans enrolled. Eighty percent of patients stopped smoking; 80 percent of patients "
        "slept. (Synthetic fixture, not evidence.)"
    )
    assert [c for c, _s, _e in people_counts(share)] == [15]


def test_a_year_is_no_count_of_people(pubmedqa: list[StoredSource]) -> None:
    """PubMedQA record 11149643 says "From December 1990 through December 1998 thirty patients were studied":
    a tuning-half article gave "1,998 participants" in its bottom line and n = 1998 in its table."""
    from medcite.corpus.extract import people_counts

    source = next(s for s in pubmedqa if s.key == "11149643")
    assert "December 1998 thirty patients" in source.record.text
    assert study_card(source).n != 1998
    assert all(c != 1998 for c, _s, _e in people_counts(source.record.text))
    # a count after a year stays a count; so does a count after "of" or "from", or one with a comma
    # (synthetic test sentences, not evidence)
    assert [c for c, _s, _e in people_counts("In June 2004 120 patients were enrolled.")] == [120]
    assert [c for c, _s, _e in people_counts("A total of 2,000 patients were enrolled.")] == [2000]
    assert [c for c, _s, _e in people_counts("A total of 2000 patients were enrolled.")] == [2000]
    assert [c for c, _s, _e in people_counts("Data from 1,950 patients were analysed.")] == [1950]


def test_a_heading_glued_to_a_sentence_is_no_part_of_the_card_span(data_dir: Path) -> None:
    """BioASQ snippet record 30793254 holds "CONCLUSIONS\\n\\nErenumab is an efficacious ...": the summary of
    findings had shown the heading in its effect cell (a tuning-half reading, 2026-12-05). The heading still
    decides the role; the span starts at the sentence, pinned to the same offsets of the text."""
    rec = next(r for r in parse_jsonl(data_dir / "bioasq" / "snippet_corpus.jsonl") if r.key == "30793254")
    assert isinstance(rec, SourceRecord)
    src = StoredSource(id=1, record=rec, evidence=classify(rec))
    card = study_card(src)
    conclusion = next(s for s, role in card.roles if role == "conclusions")
    assert conclusion.text.startswith("Erenumab is an efficacious")
    assert rec.text[conclusion.start : conclusion.end] == conclusion.text
    assert rec.text[: conclusion.start].rstrip().endswith("CONCLUSIONS")
    assert all(not a.text.startswith("CONCLUSIONS") for a in card.adverse_events) and card.adverse_events


def test_pubmeds_unlabelled_heading_is_no_part_of_the_card_span(data_dir: Path) -> None:
    rec = next(r for r in parse_jsonl(data_dir / "bioasq" / "snippet_corpus.jsonl") if r.key == "11585074")
    assert isinstance(rec, SourceRecord) and "UNLABELLED Herpetic whitlow" in rec.text
    card = study_card(StoredSource(id=1, record=rec, evidence=classify(rec)))
    assert not any(s.text.startswith("UNLABELLED") for s, _role in card.roles)
    assert any(s.text.startswith("Herpetic whitlow is") for s, _role in card.roles)
