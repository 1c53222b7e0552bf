from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from medcite.compose import number_by_first_use
from medcite.domain import Article, Reference
from medcite.present.citations import ama, describe, parse_bibtex, parse_ris, to_bibtex, to_csl_json, to_ris

REF = Reference(
    n=1,
    key="10051933",
    title="The effectiveness of clonidine as an analgesic in paediatric adenotonsillectomy.",
    pmid="10051933",
    doi="10.1007/BF03012978",
    journal="Canadian journal of anaesthesia",
    year=1999,
    authors=("Reimer E J", "Dunn G S", "Montgomery C J", "Sanderson P M"),
    design="rct",
    sample_size=36,
)


def test_ama_style() -> None:
    text = ama(REF)
    assert text.startswith("Reimer E J, Dunn G S, Montgomery C J, et al. The effectiveness of clonidine")
    assert "Canadian journal of anaesthesia. 1999. PMID: 10051933. doi:10.1007/BF03012978" in text
    assert describe(REF) == "rct; n = 36; 1999"
    two = Reference(n=2, key="k", title="A title", authors=("A B", "C D"), design="other")
    assert ama(two) == "A B, C D. A title."
    # a snippet-corpus record has no title: its PMID is not written twice
    untitled = Reference(n=3, key="30092116", title="PMID 30092116", pmid="30092116", design="other")
    assert ama(untitled) == "[Untitled in the stored record]. PMID: 30092116."


def test_ris_parses_back() -> None:
    recs = parse_ris(to_ris([REF]))
    assert len(recs) == 1
    r = recs[0]
    assert r["TI"] == [REF.title] and r["AU"] == list(REF.authors)
    assert r["PY"] == ["1999"] and r["AN"] == ["10051933"] and r["DO"] == [REF.doi]
    assert r["UR"] == ["https://pubmed.ncbi.nlm.nih.gov/10051933/"]


def test_bibtex_parses_back() -> None:
    entries = parse_bibtex(to_bibtex([REF]))
    assert len(entries) == 1
    e = entries[0]
    assert e["ID"] == "pmid10051933" and e["ENTRYTYPE"] == "article"
    assert e["title"] == REF.title and e["doi"] == REF.doi and e["year"] == "1999"
    assert e["author"].split(" and ") == list(REF.authors)


def test_csl_json_parses_back() -> None:
    items = json.loads(to_csl_json([REF]))
    assert items[0]["title"] == REF.title
    assert items[0]["issued"] == {"date-parts": [[1999]]}
    assert items[0]["DOI"] == REF.doi and items[0]["PMID"] == REF.pmid
    assert items[0]["author"][0] == {"family": "Reimer E", "given": "J"} or items[0]["author"][0]["literal"]


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda t: t.strip() != ""
)


@settings(max_examples=60, deadline=None)
@given(title=_text, author=_text, journal=_text)
def test_exports_round_trip_any_text(title: str, author: str, journal: str) -> None:
    ref = Reference(n=1, key="x", title=title, authors=(author,), journal=journal, year=2020, design="rct")
    norm = " ".join(title.split())
    bib = parse_bibtex(to_bibtex([ref]))[0]
    assert bib["title"] == norm
    assert bib["journal"] == " ".join(journal.split())
    ris = parse_ris(to_ris([ref]))[0]
    assert ris["TI"] == [norm]
    assert json.loads(to_csl_json([ref]))[0]["title"] == title


@given(st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=6), max_size=8))
def test_numbering_is_a_bijection_by_first_use(blocks: list[list[str]]) -> None:
    order = number_by_first_use(blocks)
    flat = [k for b in blocks for k in b]
    assert set(order) == set(flat)
    assert sorted(order.values()) == list(range(1, len(order) + 1))
    assert list(order) == list(dict.fromkeys(flat))  # numbers follow first appearance


def test_article_references_match_citations(bupropion_article: Article) -> None:
    cited = {n for s in bupropion_article.sections for stt in s.statements for n in stt.citations}
    cited |= set(bupropion_article.bottom_line_citations)
    assert cited == {r.n for r in bupropion_article.references}


def test_an_untitled_record_is_known_by_the_first_words_of_its_abstract() -> None:
    """PubMedQA records carry no title: 13 of 20 sample articles listed a reference as "[Untitled in the
    stored record]" with nothing to know it by but its PMID. PMID 21645374's abstract (PubMedQA, MIT)."""
    from medcite.compose.evidence_table import opening_words, reference
    from tests.compose.doubles import load_pubmedqa

    ref = reference(4, load_pubmedqa()["21645374"])
    assert ref.opening == "Programmed cell death (PCD) is the regulated death of cells within an organism."
    assert ama(ref).startswith(
        '[Untitled in the stored record; the abstract begins "Programmed cell death (PCD) is the regulated'
    )
    assert ama(ref).endswith('organism."]. 2011. PMID: 21645374.')
    two = "In the U.S. population, obesity is common among adults. The second sentence follows here."
    assert opening_words(two) == "In the U.S. population, obesity is common among adults."  # not "... U.S."
    # a heading written into a snippet record's text is not part of its opening (PMID 28778132, BioASQ)
    labelled = "DATA SYNTHESIS Olaratumab is a human antiplatelet-derived growth factor receptor α antibody."
    assert opening_words(labelled + " More follows here.").startswith("Olaratumab is")
    concluded = "Conclusions: These data indicate that it works in most of the models we tried."
    assert opening_words(concluded) == concluded.removeprefix("Conclusions: ")
    assert opening_words("Note: this sentence keeps its first word.").startswith("Note:")
    long = " ".join(f"w{i}" for i in range(30))
    assert opening_words(long) == "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 …"
    assert reference(1, load_pubmedqa()["21645374"]).title == "PMID 21645374"  # exports keep no made-up title
