"""Cut copies: a BioASQ record of overlapping snippets holds a sentence and a copy of it cut off."""

from __future__ import annotations

from medcite.compose.plan import RankedSource
from medcite.compose.pool import candidates
from medcite.compose.question import analyze_question
from medcite.domain import PassageHit, SearchHit
from medcite.text import record_sentences
from medcite.text.sentences import cut_copy, split_passages
from tests.compose.doubles import bioasq_records, bioasq_source


def test_a_cut_copy_of_a_sentence_in_the_same_record_is_no_sentence() -> None:
    """BioASQ record 29447171 holds overlapping snippets: "ds5 and Wapl, but not Brca2, limit ..." (cut
    within "Pds5") beside the whole sentence; the cut copy had been quoted in a tuning-half article
    (2026-12-06). A whole sentence that a longer one only contains stays."""
    texts = [t for *_, t in record_sentences(bioasq_source(0, "29447171"))]
    assert any(t.startswith("Pds5 and Wapl, but not Brca2") for t in texts)
    assert not any(t.startswith("ds5 and Wapl") for t in texts)
    whole = "Bamlanivimab and etesevimab are monoclonal antibodies to SARS-CoV-2."
    # a snippet the splitter left whole around it (the second sentence: synthetic text, for the test)
    assert not cut_copy(whole, [whole, f"BACKGROUND: {whole} A second sentence follows."])
    assert not cut_copy(whole, [f"{whole} A second sentence follows."])  # closed, at the start: whole
    curly = "Synthetic fixture: the authors call it a \u2018unified mechanism.\u2019"
    assert not cut_copy(curly, [curly, f"BACKGROUND: {curly} A second sentence follows."])
    assert cut_copy("amlanivimab and etesevimab are monoclonal antibodies to SARS-CoV-2.", [whole])
    assert cut_copy("Bamlanivimab and etesevimab are monoclonal antibodies to", [whole])


def test_a_cut_copy_the_index_keeps_is_no_candidate() -> None:
    """The index holds every passage as ``split_passages`` cut it, the cut copy of 29447171 too: retrieved,
    it is no candidate sentence (the pool had quoted it through its whole-passage fallback)."""
    src = bioasq_source(0, "29447171")
    cut = next(p for p in split_passages(src.record) if p.text.startswith("ds5 and Wapl"))
    hit = SearchHit(src, 1.0, (PassageHit(cut.idx, cut.text, cut.section, cut.start, cut.end, 1.0),))
    ranked = [RankedSource(hit, 1.0, 1.0, frozenset())]
    texts = [c.text for c in candidates(ranked, analyze_question("Do Pds5 and Wapl limit cohesin?"))]
    assert not any(t.startswith("ds5 and Wapl") for t in texts)


def test_a_cut_copy_with_its_inline_label_is_no_candidate() -> None:
    """BioASQ record 24501400 as the ingest stores it: two snippets, each an "UNLABELLED: ..." passage, the
    second cut off ("... and severe enc"); read with its label, the cut copy was not found inside the whole
    sentence and was quoted (tune31, 2026-12-07)."""
    src = bioasq_records({"24501400"})[0]
    cut = next(p for p in split_passages(src.record) if p.text.rstrip().endswith("severe enc"))
    assert cut.text.startswith("UNLABELLED:")
    hit = SearchHit(src, 1.0, (PassageHit(cut.idx, cut.text, cut.section, cut.start, cut.end, 1.0),))
    ranked = [RankedSource(hit, 1.0, 1.0, frozenset())]
    texts = [c.text for c in candidates(ranked, analyze_question("Is the mumps virus genome segmented?"))]
    assert not any(t.rstrip().endswith("severe enc") for t in texts)
