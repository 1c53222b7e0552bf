"""The audit of an article written for the test (``data/constructed_article.md``, marked in its text as a
constructed example, not medical advice) that cites real records of the shared data: the misattributed
references are caught with the right reasons; suggestions; resolution online through a local E-utilities
server."""

from __future__ import annotations

from pathlib import Path

import pytest

from medcite.config import load_settings
from medcite.domain.audit import AuditVerdict, RefKind
from medcite.present.audit import audit_html, audit_json, audit_markdown
from medcite.services.engine import Engine
from tests.audit.conftest import DATA
from tests.eutils_server import FakePubmed, serve


@pytest.fixture(scope="module")
def report(audit_engine: Engine) -> dict[str, object]:
    r = audit_engine.audit((DATA / "constructed_article.md").read_bytes(), name="constructed_article.md")
    assert "constructed example" in (DATA / "constructed_article.md").read_text().lower()
    return audit_json(r)


def _ref(report: dict[str, object], n: int) -> dict[str, object]:
    refs = report["references"]
    assert isinstance(refs, list)
    found: dict[str, object] = next(r for r in refs if r["n"] == n)
    return found


def test_depression_trial_cited_for_anxiety_is_an_indication_mismatch(report: dict[str, object]) -> None:
    ref = _ref(report, 1)
    assert ref["resolved"] and ref["source_key"] == "9663366" and ref["matched_by"] == "title"
    assert ref["verdict"] == AuditVerdict.DOES_NOT_SUPPORT.value
    reasons = ref["reasons"]
    assert isinstance(reasons, list)
    assert any(
        r.startswith("indication mismatch") and "Anxiety Disorders" in r and "Depressive Disorder" in r
        for r in reasons
    )
    assert any(r.startswith("study card: design rct") for r in reasons)


def test_open_label_trial_cited_as_placebo_controlled_is_design_overreach_from_the_title(
    report: dict[str, object],
) -> None:
    ref = _ref(report, 2)
    assert not ref["resolved"] and ref["pmid"] == "12640225"  # not in the store: the title alone decides
    assert ref["verdict"] == AuditVerdict.DOES_NOT_SUPPORT.value
    assert (
        "design overreach: the claim says 'placebo-controlled'; the title says 'open-label'" in ref["reasons"]
    )


def test_the_manual_is_not_checked_and_the_right_citations_support(report: dict[str, object]) -> None:
    manual = _ref(report, 4)
    assert (manual["kind"], manual["verdict"]) == (RefKind.MANUAL.value, AuditVerdict.NOT_RESEARCH.value)
    assert _ref(report, 5)["matched_by"] == "pmid"  # cited author-year: (Rickels et al., 2000)
    assert _ref(report, 5)["verdict"] == AuditVerdict.SUPPORTS.value
    assert _ref(report, 3)["verdict"] == AuditVerdict.SUPPORTS.value
    assert report["summary"] == (
        "2 of 5 references do not support the claims they are cited for; 2 support them; "
        "1 is not a research article; 1 is unresolved."
    )


def test_json_contract_fields(report: dict[str, object]) -> None:
    refs = report["references"]
    statements = report["statements"]
    assert isinstance(refs, list) and isinstance(statements, list)
    for r in refs:
        assert {"n", "raw", "title", "year", "pmid", "doi", "kind", "resolved", "verdict", "reasons"} <= set(
            r
        )
    assert [s["citations"][0]["n"] for s in statements] == [1, 2, 3, 4, 5]
    for s in statements:
        assert {"text", "citations"} <= set(s) and {"n", "verdict", "reasons"} <= set(s["citations"][0])
    assert isinstance(report["summary"], str)


def test_renderings(audit_engine: Engine) -> None:
    r = audit_engine.audit((DATA / "constructed_article.md").read_bytes(), name="constructed_article.md")
    page = audit_html(r)
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert '<mark class="v-fails"' in page and '<mark class="v-supports"' in page
    md = audit_markdown(r)
    assert "1. **does not support**" in md and "indication mismatch" in md


def test_a_failing_claim_gets_a_better_source_with_its_verdict(audit_engine: Engine) -> None:
    # constructed for the test (not medical advice): a claim about anxiety cited to a depression trial
    article = (
        "Constructed test example, not medical advice.\n\nDiazepam produced statistically significantly more "
        "symptom relief than placebo after 1 week of treatment in generalized anxiety disorder [1].\n\n"
        "References\n1. Reimherr FW, Cunningham LA, Batey SR, Johnston JA, Ascher JA. A multicenter "
        "evaluation of the efficacy and safety of 150 and 300 mg/d sustained-release bupropion tablets "
        "versus placebo in depressed outpatients. 1998.\n"
    )
    report = audit_engine.audit(article)
    assert report.statements[0].citations[0].verdict.failing
    tips = [(t.source_key, t.verdict) for t in report.suggestions]
    assert tips and tips[0] == ("10653203", AuditVerdict.SUPPORTS)


def test_online_resolution_through_e_utilities(audit_engine: Engine, tmp_path: Path) -> None:
    entrez = Path(audit_engine.settings.store.data_dir) / "formats" / "eutils_samples_biopython" / "Entrez"
    if not entrez.is_dir():
        pytest.skip("shared E-utilities samples not found")
    article = (
        "Constructed test example, not medical advice.\n\nTelomere length before diagnosis was studied "
        "in relation to the risk of pancreatic cancer [1].\n\nReferences\n1. Leucocyte telomere length, "
        "genetic variants at the TERT gene region and risk of pancreatic cancer. PMID: 27797938\n"
    )
    offline = audit_engine.audit(article, suggest=False)
    assert offline.references[0].resolution.source_key is None
    state = FakePubmed(esearch=entrez / "esearch2.xml", efetch=[entrez / "pubmed4.xml"])
    with serve(state):
        settings = load_settings(
            home=tmp_path / "home", database_url=audit_engine.settings.resolved_database_url,
            dense=False, pubmed_base_url=state.url, pubmed_online=True,
        )  # fmt: skip
        from medcite.bootstrap import open_engine

        with open_engine(settings, dense=False, verifier=audit_engine.verifier) as online:
            report = online.audit(article, online=True, suggest=False)
    res = report.references[0].resolution
    assert (res.source_key, res.matched_by) == ("27797938", "online pmid")
    assert any(p.get("term") == ["27797938[pmid]"] for _m, path, p in state.requests if "esearch" in path)
    assert report.references[0].verdict is not AuditVerdict.NOT_CHECKABLE


def test_an_overlong_citing_sentence_is_not_checkable_not_a_crash(audit_engine: Engine) -> None:
    # constructed for the test, not medical advice: one sentence longer than the verifier reads
    long_claim = "Sustained-release bupropion was compared with sertraline and placebo " + "and so on " * 220
    article = (
        "Constructed test example, not medical advice.\n\n"
        f"{long_claim.strip()} [1]. Sustained-release bupropion and sertraline showed similar improvements "
        "on all efficacy measures in patients with recurrent major depression [1].\n\n"
        "References\n1. Croft H, Settle E. A placebo-controlled comparison. 2001. PMID: 10363731\n"
    )
    report = audit_engine.audit(article, suggest=False)
    first, second = (s.citations[0] for s in report.statements)
    assert first.verdict is AuditVerdict.NOT_CHECKABLE and "the limit is 2,000" in first.reasons[0]
    assert second.verdict is not AuditVerdict.NOT_CHECKABLE
