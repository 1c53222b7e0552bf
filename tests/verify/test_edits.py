"""The copy-edit check (issue 10): a claim that copies a real evidence sentence with one small edit.

Every evidence sentence is a real one from the shared corpora (Evidence Inference, MIT; the extra corpora);
each claim is that sentence with one edit made here, as the verifier's sanity suite makes them.
"""

from __future__ import annotations

import re

from medcite.domain import Evidence, Label
from medcite.verify import ClaimVerifier
from medcite.verify.decide import RuleFindings, apply_rules
from medcite.verify.edits import EditKind, check_edits


def _first(sentences: list[str], keep: str = r".", drop: str = r"$^") -> str:
    return next(
        s
        for s in sentences
        if 12 <= len(s.split()) <= 45 and re.search(keep, s) and not re.search(drop, s, re.I)
    )


def _kind(claim: str, sentence: str) -> EditKind:
    return check_edits(claim, [sentence], sentence).kind


def test_a_removed_negation_is_a_negation_edit(find_sentence) -> None:  # type: ignore[no-untyped-def]
    s = _first(find_sentence(r"\bdid not (?:improve|reduce|differ)\b"))
    claim = re.sub(r"\bdid not ", "did ", s, count=1, flags=re.I)
    assert claim != s and _kind(claim, s) is EditKind.NEGATION
    assert _kind(s, s) is EditKind.NONE


def test_an_added_negation_and_without_to_with_are_negation_edits(find_sentence) -> None:  # type: ignore[no-untyped-def]
    s = _first(find_sentence(r"\bwas associated with\b"), drop=r"\bnot\b")
    assert _kind(s.replace("was associated with", "was not associated with", 1), s) is EditKind.NEGATION
    w = _first(find_sentence(r"\bpatients without\b"))
    assert _kind(w.replace("patients without", "patients with", 1), w) is EditKind.NEGATION


def test_people_of_another_sex_age_or_species_are_a_population_edit(find_sentence) -> None:  # type: ignore[no-untyped-def]
    s = _first(find_sentence(r"\b\d+ women\b"), drop=r"\bmen\b")
    assert _kind(re.sub(r"\b(\d+) women\b", r"\1 men", s, count=1, flags=re.I), s) is EditKind.POPULATION
    p = _first(find_sentence(r"\b\d+ patients\b"), drop=r"\brats\b")
    assert _kind(re.sub(r"\b(\d+) patients\b", r"\1 rats", p, count=1, flags=re.I), p) is EditKind.POPULATION
    c = _first(find_sentence(r"\bchildren\b"), drop=r"\badults?\b")
    assert _kind(re.sub(r"\bchildren\b", "adults", c, count=1, flags=re.I), c) is EditKind.POPULATION


def test_another_condition_is_a_condition_edit_but_a_written_out_abbreviation_is_not(find_sentence) -> None:  # type: ignore[no-untyped-def]
    s = _first(find_sentence(r"\bgenerali[sz]ed anxiety disorder\b"), drop=r"depress|\(GAD\)")
    claim = re.sub(
        r"\bgenerali[sz]ed anxiety disorder\b", "major depressive disorder", s, count=1, flags=re.I
    )
    assert _kind(claim, s) is EditKind.CONDITION
    m = _first(find_sentence(r"\bMDD\b"), drop=r"major depressi")
    assert _kind(re.sub(r"\bMDD\b", "major depressive disorder", m, count=1), m) is EditKind.NONE


def test_a_prefix_or_a_cut_quotation_is_no_edit(find_sentence) -> None:  # type: ignore[no-untyped-def]
    s = _first(find_sentence(r"^Women\b"), drop=r"\bmen\b|\bnot\b|\bno\b")
    rest = s[len("Women") :]
    # "Women" -> "Men" at the start is an edit; the same word inside a long prefix is not
    assert _kind("Men" + rest, s) is EditKind.POPULATION
    assert _kind("In a randomised controlled trial of 120 men, women" + rest, s) is EditKind.NONE
    cut = _first(find_sentence(r"^[^,]{60,}, but not\b"))
    assert _kind(cut.split(", but not")[0] + ".", cut) is EditKind.NONE


def test_a_reworded_or_cut_negation_is_no_edit(find_sentence) -> None:  # type: ignore[no-untyped-def]
    f = _first(find_sentence(r"\bfailed to\b"))
    assert _kind(re.sub(r"\bfailed to\b", "did not", f, count=1, flags=re.I), f) is EditKind.NONE
    w = _first(find_sentence(r"\bwith and without\b"))
    assert _kind(re.sub(r"\bwith and without\b", "with", w, count=1, flags=re.I), w) is EditKind.NONE
    n = _first(find_sentence(r"\bpatients without\b"))
    assert (
        _kind(re.sub(r"\bpatients without\b", "patients with no", n, count=1, flags=re.I), n) is EditKind.NONE
    )


def test_edit_findings_change_only_a_supported_label() -> None:
    def findings(edit: EditKind) -> RuleFindings:
        return RuleFindings(False, False, False, False, False, False, edit)

    label, prob, by = apply_rules(Label.SUPPORTED, 0.8, findings(EditKind.NEGATION), frozenset())
    assert label is Label.CONTRADICTED and by == ["edits"] and prob < 0.8
    label, _, by = apply_rules(Label.SUPPORTED, 0.8, findings(EditKind.CONDITION), frozenset())
    assert label is Label.UNSUPPORTED and by == ["edits"]
    assert apply_rules(Label.SUPPORTED, 0.8, findings(EditKind.POPULATION), frozenset({"edits"}))[0] is (
        Label.SUPPORTED
    )
    assert apply_rules(Label.UNSUPPORTED, 0.3, findings(EditKind.NEGATION), frozenset())[2] == []
    assert apply_rules(Label.SUPPORTED, 0.8, findings(EditKind.NONE), frozenset())[0] is Label.SUPPORTED


def test_a_claim_that_copies_no_sentence_is_not_read_for_edits(find_sentence) -> None:  # type: ignore[no-untyped-def]
    s = _first(find_sentence(r"\bdid not (?:improve|reduce|differ)\b"))
    other = _first(find_sentence(r"\bwas associated with\b"), drop=r"\bnot\b")
    res = check_edits(other, [s], s)
    assert res.kind is EditKind.NONE and res.check.passed and "no near-copy" in res.check.detail


def test_the_verifier_contradicts_a_copied_sentence_without_its_negation(
    find_sentence,
    verifier: ClaimVerifier,  # type: ignore[no-untyped-def]
) -> None:
    s = _first(find_sentence(r"\bdid not (?:improve|reduce|differ)\b"))
    other = _first(find_sentence(r"\bwas associated with\b"), drop=r"\bnot\b")
    claim = re.sub(r"\bdid not ", "did ", s, count=1, flags=re.I)
    v = verifier.verify(claim, [Evidence(text=f"{other} {s}")])
    assert v.label is Label.CONTRADICTED
    assert any(c.name == "edits" and not c.passed for c in v.checks)
    assert any("by: " in r and "edits" in r for r in v.reasons)
    assert v.evidence[0].text == s  # the copied sentence decided
    assert verifier.verify(s, [Evidence(text=s)]).label is Label.SUPPORTED


def test_a_word_for_word_quotation_is_supported(verifier: ClaimVerifier) -> None:
    """The entailment model read this real result sentence (Tonstad et al. 2003, PMID 12714026) against
    itself as neutral (0.91): long enough that the pair is cut to the model's token limit."""
    import gzip
    import json

    from medcite.text import split_sentences
    from tests.compose.doubles import DATA_DIR

    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        rec = next(d for line in fh if (d := json.loads(line)).get("pmid") == "12714026")
    text = rec["abstract"]
    sentence = next(
        text[s:e] for s, e in split_sentences(text) if text[s:e].startswith("Continuous smoking abstinence")
    )
    res = check_edits(sentence, [sentence], text)
    assert res.verbatim and res.kind is EditKind.NONE and res.sentence == sentence
    assert not check_edits(sentence.replace("higher", "lower"), [sentence], text).verbatim
    # a flipped comparison or sign is no quotation, though the words and numbers are the same
    for flipped in (sentence.replace("P<0.001", "P>0.001"), sentence.replace("2.24-4.84", "-2.24-4.84")):
        assert flipped != sentence and not check_edits(flipped, [sentence], text).verbatim
    # the composer checks a statement against the sentence it quotes
    v = verifier.verify(sentence, [Evidence(text=sentence)])
    assert v.label is Label.SUPPORTED and v.evidence[0].text == sentence
    off = ClaimVerifier(verifier.model, verifier.mesh, verifier.thresholds, disabled=frozenset({"copy"}))
    assert off.verify(sentence, [Evidence(text=sentence)]).label is not Label.SUPPORTED
    assert any("by: copy" in r for r in v.reasons)


def test_the_copy_rule_only_raises_a_quotation_to_supported() -> None:
    quoted = RuleFindings(False, False, False, False, False, False, EditKind.NONE, verbatim=True)
    label, prob, by = apply_rules(Label.UNSUPPORTED, 0.06, quoted, frozenset())
    assert label is Label.SUPPORTED and by == ["copy"] and prob >= 0.9
    assert apply_rules(Label.SUPPORTED, 0.95, quoted, frozenset()) == (Label.SUPPORTED, 0.95, [])
    assert apply_rules(Label.UNSUPPORTED, 0.06, quoted, frozenset({"copy"}))[0] is Label.UNSUPPORTED
