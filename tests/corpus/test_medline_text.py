"""MEDLINE text format on the real sample files."""

from __future__ import annotations

from pathlib import Path

import pytest

from medcite.corpus.medline_text import parse_medline_text
from medcite.domain import Link, ParseProblem, SourceRecord
from medcite.errors import IngestError


def _records(path: Path) -> dict[str, SourceRecord]:
    return {r.key: r for r in parse_medline_text(path) if isinstance(r, SourceRecord)}


def test_biopython_samples(data_dir: Path) -> None:
    folder = data_dir / "formats" / "eutils_samples_biopython" / "Medline"
    rec = _records(folder / "pubmed_result1.txt")["12230038"]
    assert rec.title == "The Bio* toolkits--a brief overview."
    assert rec.year == 2002 and rec.journal == "Briefings in bioinformatics"
    assert rec.authors == ("Mangalam H",)
    assert rec.sections[0].text.startswith("Bioinformatics research is often difficult")
    assert "  " not in rec.sections[0].text  # continuation lines joined
    software = next(m for m in rec.mesh if m.descriptor == "Software")
    assert software.major
    assert len(_records(folder / "pubmed_result2.txt")) == 4


def test_structured_abstract_split(data_dir: Path) -> None:
    rec = _records(data_dir / "formats" / "eutils_samples_biopython" / "Medline" / "pubmed_result3.txt")[
        "23039619"
    ]
    assert rec.sections[0].label == "PURPOSE"
    assert "METHODS" in [s.label for s in rec.sections]
    assert rec.sections[0].text.startswith("High-intensity focused ultrasound")


def test_mesh_papers_file(data_dir: Path) -> None:
    records = _records(data_dir / "formats" / "medline_txt_jzsh2000" / "mesh-papers.medline.txt")
    assert len(records) == 284
    rec = records["28422961"]
    assert rec.doi == "10.1371/journal.pone.0173548" and rec.pmcid == "PMC5396881"
    heading = next(m for m in rec.mesh if m.descriptor == "Prescription Drugs")
    assert heading.major and heading.qualifiers == ("pharmacology",)
    with_comments = [r for r in records.values() if any(link.kind == "CommentIn" for link in r.links)]
    assert with_comments
    assert all(isinstance(link, Link) and link.ref for r in with_comments for link in r.links)


def test_record_without_title_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.txt"
    path.write_text(
        "PMID- 1\nTI  - Synthetic test title.\nAB  - Synthetic text.\n\n"
        "PMID- 2\nAB  - Synthetic record without title.\n"
    )
    items = list(parse_medline_text(path))
    assert isinstance(items[0], SourceRecord)
    assert items[1] == ParseProblem("synthetic.txt", 2, "2", "record without title")


def test_wrong_format(data_dir: Path) -> None:
    with pytest.raises(IngestError, match="not a MEDLINE text file"):
        list(parse_medline_text(data_dir / "medline_sample" / "pubmed-29768149.xml"))
