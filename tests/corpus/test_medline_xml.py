"""MEDLINE/PubMed XML parsing on the real sample files, plus every bad-input case."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from medcite.corpus.medline_xml import parse_medline_bytes, parse_medline_xml
from medcite.domain import Deletion, Link, ParseProblem, SourceRecord
from medcite.errors import HostileXMLError, IngestError


def _records(items: list[object]) -> dict[str, SourceRecord]:
    return {r.key: r for r in items if isinstance(r, SourceRecord)}


def test_baseline_2016_medline_citation_set(data_dir: Path) -> None:
    items = list(parse_medline_xml(data_dir / "medline_sample" / "medline16n0902.xml.gz"))
    records = _records(items)
    assert len(records) == 604
    assert [i for i in items if isinstance(i, Deletion)] == [Deletion("26432306")]
    assert not [i for i in items if isinstance(i, ParseProblem)]
    rec = records["17942999"]
    assert rec.title.startswith("Neuroplasticity in the processing of pitch dimensions")
    assert [s.label for s in rec.sections] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert rec.sections[0].category == "OBJECTIVE"
    assert rec.year == 2007
    assert rec.journal == "Restorative neurology and neuroscience"
    assert rec.authors[:2] == ("Chandrasekaran B", "Gandour JT")
    assert rec.language == "eng"
    assert rec.pmcid == "PMC4380289"  # from OtherID Source="NLM"
    assert rec.origin == "medline16n0902.xml.gz"
    assert sum(1 for r in records.values() if r.sections) == 526


def test_efetch_2018_record_with_markup_doi_and_comments(entrez_dir: Path) -> None:
    records = _records(list(parse_medline_xml(entrez_dir / "pubmed4.xml")))
    rec = records["27797938"]
    assert "TERT gene region" in rec.title  # <i>TERT</i> kept as text
    assert rec.doi == "10.1136/gutjnl-2016-312510"
    assert rec.pmcid == "PMC5442267"
    assert "Observational Study" in rec.publication_types
    assert Link(kind="CommentIn", pmid="27920200", ref="Gut. 2017 Jun;66(6):1") in rec.links
    adeno = next(m for m in rec.mesh if m.descriptor == "Adenocarcinoma")
    assert adeno.major and adeno.qualifiers == ("epidemiology", "genetics")


def test_nejm_trial_sections_and_comment_links(data_dir: Path) -> None:
    rec = _records(list(parse_medline_xml(data_dir / "medline_sample" / "pubmed-29768149.xml")))["29768149"]
    assert rec.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert "Randomized Controlled Trial" in rec.publication_types
    assert rec.year == 2018 and rec.doi == "10.1056/NEJMoa1715274"
    assert {link.kind for link in rec.links} == {"CommentIn"}
    assert not rec.retracted


@pytest.mark.parametrize(
    ("relative", "count"),
    [
        ("formats/pubmed_xml_samples/mokztk_CPFE.xml", 111),
        ("formats/pubmed_xml_samples/mokztk_pubmed_result.xml", 15),
        ("formats/pubmed_xml_samples/pubmedportable_pancreatic_cancer_medline_00000000.xml", 100),
        ("formats/medline_txt_jzsh2000/20000000.xml", 1),
        ("medline_sample/test_current_medline.xml.gz", 4),
    ],
)
def test_other_dtd_versions(data_dir: Path, relative: str, count: int) -> None:
    items = list(parse_medline_xml(data_dir / relative))
    assert len(_records(items)) == count
    assert all(isinstance(i, SourceRecord) and i.title and i.pmid == i.key for i in items)


def test_references_do_not_leak_ids(data_dir: Path) -> None:
    # test_current_medline has ReferenceList/ArticleIdList entries: only the article's own ids are used
    records = _records(list(parse_medline_xml(data_dir / "medline_sample" / "test_current_medline.xml.gz")))
    assert records["36400559"].doi == "10.1016/j.ncl.2022.07.002"
    assert all(link.kind != "Cites" for r in records.values() for link in r.links)


def test_parse_from_bytes_matches_file(entrez_dir: Path) -> None:
    path = entrez_dir / "pubmed2.xml"
    assert list(parse_medline_bytes(path.read_bytes(), "pubmed2.xml")) == list(parse_medline_xml(path))


# -- bad input ------------------------------------------------------------------------------------------

SYNTHETIC_HEAD = b'<?xml version="1.0"?>\n<PubmedArticleSet>\n'


def _synthetic_article(pmid: str, title: str) -> bytes:
    # synthetic test record, not medical content
    pmid_el = f"<PMID>{pmid}</PMID>" if pmid else ""
    return (
        f"<PubmedArticle><MedlineCitation>{pmid_el}<Article><ArticleTitle>{title}</ArticleTitle>"
        "<Abstract><AbstractText>Synthetic test abstract.</AbstractText></Abstract>"
        "</Article></MedlineCitation></PubmedArticle>\n"
    ).encode()


def test_malformed_records_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.xml"
    body = _synthetic_article("1", "Synthetic title one") + _synthetic_article("", "Synthetic no pmid")
    body += _synthetic_article("3", "") + _synthetic_article("4", "Synthetic title four")
    path.write_bytes(SYNTHETIC_HEAD + body + b"</PubmedArticleSet>\n")
    items = list(parse_medline_xml(path))
    assert [type(i).__name__ for i in items] == [
        "SourceRecord",
        "ParseProblem",
        "ParseProblem",
        "SourceRecord",
    ]
    assert items[1] == ParseProblem("synthetic.xml", 2, None, "record without PMID")
    assert items[2] == ParseProblem("synthetic.xml", 3, "3", "record without title")


def test_billion_laughs_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [{entities}]>\n'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<ArticleTitle>&lol9;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    with pytest.raises(HostileXMLError, match=r"laughs\.xml"):
        list(parse_medline_xml(path))


def test_external_entity_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    with pytest.raises(HostileXMLError):
        list(parse_medline_xml(path))


def test_parameter_entity_after_comment_refused(tmp_path: Path) -> None:
    path = tmp_path / "pe.xml"
    path.write_text(
        '<?xml version="1.0"?><!-- <PubmedArticleSet> -->\n'
        '<!DOCTYPE PubmedArticleSet [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd"> %ext;]>\n'
        "<PubmedArticleSet></PubmedArticleSet>"
    )
    with pytest.raises(HostileXMLError):
        list(parse_medline_xml(path))


def test_truncated_gzip_yields_records_then_fails(data_dir: Path, tmp_path: Path) -> None:
    raw = (data_dir / "medline_sample" / "medline16n0902.xml.gz").read_bytes()
    path = tmp_path / "truncated.xml.gz"
    path.write_bytes(raw[: len(raw) // 2])
    seen: list[object] = []
    with pytest.raises(IngestError, match=r"truncated\.xml\.gz: truncated gzip"):
        for item in parse_medline_xml(path):
            seen.append(item)
    assert 100 < len(seen) < 604
    assert all(isinstance(i, SourceRecord) for i in seen)


def test_malformed_xml_mid_file_names_line(entrez_dir: Path, tmp_path: Path) -> None:
    text = (entrez_dir / "pubmed4.xml").read_text()
    path = tmp_path / "broken.xml"
    cut = text.index("</PubmedArticle>")
    path.write_text(
        text[:cut] + "</PubmedArticle>\n<PubmedArticle><Oops></PubmedArticle>\n</PubmedArticleSet>"
    )
    seen: list[object] = []
    with pytest.raises(IngestError, match=r"broken\.xml: malformed XML at line \d+"):
        for item in parse_medline_xml(path):
            seen.append(item)
    assert [getattr(i, "key", None) for i in seen] == ["27797938"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(IngestError, match=r"empty\.xml: empty file"):
        list(parse_medline_xml(path))


def test_empty_gzip(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml.gz"
    path.write_bytes(gzip.compress(b"  \n"))
    with pytest.raises(IngestError, match="empty file"):
        list(parse_medline_xml(path))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.xml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(IngestError, match="binary"):
        list(parse_medline_xml(path))


def test_json_given_to_xml_parser(data_dir: Path) -> None:
    with pytest.raises(IngestError, match="looks like JSON"):
        list(parse_medline_xml(data_dir / "pubmedqa" / "abstracts.jsonl"))


def test_wrong_xml_root(entrez_dir: Path) -> None:
    with pytest.raises(IngestError, match=r"root <eSearchResult> is not PubMed XML"):
        list(parse_medline_xml(entrez_dir / "esearch1.xml"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        list(parse_medline_xml(tmp_path / "nope.xml"))
