from __future__ import annotations

import io
import json
from dataclasses import replace
from html.parser import HTMLParser

from rich.console import Console

from medcite.domain import Article, Section, Statement
from medcite.present.html import to_html
from medcite.present.json_contract import from_json, to_json, validate
from medcite.present.markdown import to_markdown
from medcite.present.terminal import to_rich
from tests.present import contract


def test_json_contract_and_round_trip(bupropion_article: Article) -> None:
    data = to_json(bupropion_article)
    assert set(data) >= contract.TOP_LEVEL
    assert data["stance"] in ("yes", "no", "uncertain", None)
    for s in data["sections"]:
        assert set(s) >= contract.SECTION
        for st in s["statements"]:
            assert set(st) >= contract.STATEMENT
    for r in data["references"]:
        assert set(r) >= contract.REFERENCE
    validate(data)
    text = json.dumps(data)
    back = from_json(json.loads(text))
    assert back == bupropion_article
    assert to_json(back) == data


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.srcs += [v or "" for k, v in attrs if k in ("src",)]
        if tag == "link":
            self.srcs.append("link")


def test_html_is_escaped_and_standalone(bupropion_article: Article) -> None:
    evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    bad = Statement(text=evil, citations=(1,), verdict="supported")
    art = replace(
        bupropion_article,
        question=evil,
        sections=(*bupropion_article.sections, Section("safety", "Safety & <b>", (bad,))),
    )
    page = to_html(art)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page
    p = _Collect()
    p.feed(page)
    assert "script" not in p.tags and "img" not in p.tags
    assert p.srcs == []  # no external assets
    assert "<style>" in page and page.startswith("<!DOCTYPE html>")
    assert "<strong>" in page  # bold bottom line


def test_markdown_has_bold_bottom_line_and_references(bupropion_article: Article) -> None:
    md = to_markdown(bupropion_article)
    assert f"**{bupropion_article.bottom_line}**" in md
    assert "## References" in md and "https://pubmed.ncbi.nlm.nih.gov/" in md
    assert "AI-generated, not reviewed" in md


def test_rich_renders(bupropion_article: Article) -> None:
    buf = io.StringIO()
    Console(file=buf, width=100, color_system=None).print(to_rich(bupropion_article))
    out = buf.getvalue()
    assert "References" in out and bupropion_article.bottom_line.split()[0] in out
