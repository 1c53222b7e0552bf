"""The citation audit use case: read an article someone else wrote, find its references (local store by
PMID, DOI or title; PubMed E-utilities only when allowed), check each citing sentence against each
reference it cites, and suggest stored sources that do support the claims that fail.

    report = engine.audit(Path("article.html").read_bytes(), name="article.html")
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medcite.corpus.article_input import article_text
from medcite.domain import Label, SearchHit, SourceRecord, StoredSource, evidence_from, utc_now
from medcite.domain.audit import (
    AuditReport,
    AuditVerdict,
    CitedReference,
    ParsedArticle,
    Resolution,
    StatementAudit,
    Suggestion,
)
from medcite.errors import InputError, MedciteError
from medcite.ports import LiteratureSource, SourceRepository, Verifier
from medcite.services.audit_checks import (
    LABEL_VERDICT,
    CardOf,
    check_statements,
    reference_audits,
    summary_line,
)
from medcite.verify.markers import citing_statements, normalise_markers
from medcite.verify.mesh import shipped_mesh
from medcite.verify.references import parse_reference_list, split_reference_list

TITLE_MATCH = 0.88  # similarity of normalised titles for a fuzzy match in the store
SUGGESTIONS = 3  # better sources listed per failing claim
Search = Callable[[str, int], list[SearchHit]]


def parse_article(data: bytes | str, name: str | None = None) -> ParsedArticle:
    """The article's body (citations as ``[n]``), its citing sentences and its parsed references; a clear
    InputError for an unusable input, no reference list, or no citations."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    text = article_text(raw, name)
    body, block = split_reference_list(text)
    if block is None:
        raise InputError(
            "no reference list found: the article needs a 'References' section (or a numbered list of "
            "references at its end) for its citations to be checked"
        )
    refs = parse_reference_list(block)
    if not refs:
        raise InputError("the reference list is empty: no reference could be read after its heading")
    numbers = [r.n for r in refs]
    notes = [
        f"reference number {n} appears more than once" for n in sorted(set(numbers)) if numbers.count(n) > 1
    ]
    marked, more = normalise_markers(body, refs)
    statements, _ = citing_statements(marked)
    if not statements:
        raise InputError(
            "no citations found in the text: cite references as [1], (1), [1,4], [3-5], superscript "
            "numbers or (Author, year)"
        )
    known = set(numbers)
    missing = sorted({n for s in statements for n in s.citations if n not in known})
    if missing:
        notes.append(
            "citations point to references missing from the list: " + ", ".join(f"[{n}]" for n in missing)
        )
    return ParsedArticle(marked, tuple(statements), refs, tuple(notes + more))


def _norm_title(t: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", t.lower()))


def title_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm_title(a), _norm_title(b)).ratio()


@dataclass
class Resolver:
    """Finds each reference's source: the store by PMID, DOI, then fuzzy title; online when allowed."""

    sources: SourceRepository
    search: Search | None = None
    literature: Callable[[], LiteratureSource] | None = None  # None: offline
    store_records: Callable[[Sequence[SourceRecord]], object] | None = None

    def resolve(self, ref: CitedReference) -> tuple[Resolution, StoredSource | None]:
        if not ref.kind.checkable:
            return Resolution(ref.n, None, "not research"), None
        src, how = self._local(ref)
        if src is None and self.literature is not None:
            src, how = self._online(ref)
        if src is None:
            return Resolution(ref.n, None, "online" if self.literature is not None else ""), None
        return Resolution(ref.n, src.key, how, src.record.title), src

    def _local(self, ref: CitedReference) -> tuple[StoredSource | None, str]:
        if ref.pmid and (src := self.sources.get_by_key(ref.pmid)) is not None:
            return src, "pmid"
        if ref.doi and (src := self.sources.get_by_doi(ref.doi)) is not None:
            return src, "doi"
        if ref.title and len(ref.title) >= 20 and self.search is not None:
            try:
                hits = self.search(ref.title, 5)
            except MedciteError:
                hits = []
            best = max(
                hits, key=lambda h: title_similarity(ref.title or "", h.source.record.title), default=None
            )
            if best is not None and title_similarity(ref.title, best.source.record.title) >= TITLE_MATCH:
                return best.source, "title"
        return None, ""

    def _online(self, ref: CitedReference) -> tuple[StoredSource | None, str]:
        assert self.literature is not None
        queries = []
        if ref.pmid:
            queries.append((f"{ref.pmid}[pmid]", "online pmid"))
        if ref.doi:
            queries.append((f'"{ref.doi}"[doi]', "online doi"))
        if ref.title:
            queries.append((f'"{ref.title}"[ti]', "online title"))
        client = self.literature()
        try:
            for query, how in queries:
                records = [r for r in client.fetch(query, 3, lambda _k: False) if isinstance(r, SourceRecord)]
                match = next((r for r in records if _same_work(ref, r)), None)
                if match is not None:
                    if self.store_records is not None:
                        self.store_records([match])
                    src = self.sources.get_by_key(match.key)
                    if src is not None:
                        return src, how
        except MedciteError:  # PubMed unreachable or refusing the query: the reference stays unresolved
            return None, ""
        finally:
            client.close()
        return None, ""


def _same_work(ref: CitedReference, rec: SourceRecord) -> bool:
    if ref.pmid and rec.pmid == ref.pmid:
        return True
    if ref.doi and rec.doi and rec.doi.lower() == ref.doi.lower():
        return True
    return bool(ref.title) and title_similarity(ref.title or "", rec.title) >= TITLE_MATCH


def suggest(
    statements: Sequence[StatementAudit], search: Search, verifier: Verifier, cited: set[str]
) -> list[Suggestion]:
    """For each claim that no citation supports (and one fails), stored sources that do support it. Every
    (claim, source) pair of the whole audit is verified in one batch."""
    asked: list[tuple[int, list[SearchHit]]] = []
    for i, st in enumerate(statements):
        verdicts = [c.verdict for c in st.citations]
        if AuditVerdict.SUPPORTS in verdicts or not any(v.failing for v in verdicts):
            continue
        try:
            hits = [h for h in search(st.statement.text, 8) if h.source.key not in cited]
        except MedciteError:
            continue
        if hits:
            asked.append((i, hits))
    pairs = [(statements[i].statement.text, [evidence_from(h.source)]) for i, hits in asked for h in hits]
    found = iter(verifier.verify_batch(pairs) if pairs else [])
    out: list[Suggestion] = []
    for i, hits in asked:
        good = [(h, v) for h in hits if (v := next(found)).label in (Label.SUPPORTED, Label.PARTIAL)]
        good.sort(key=lambda t: (t[1].label is not Label.SUPPORTED, -t[1].probability))
        for h, v in good[:SUGGESTIONS]:
            r = h.source.record
            decisive = v.evidence[0].text if v.evidence else None
            out.append(
                Suggestion(i, r.key, r.pmid, r.title, r.year, LABEL_VERDICT[v.label], v.probability, decisive)
            )
    return out


@dataclass
class Auditor:
    """Everything an audit needs, chosen by the engine (or a benchmark)."""

    resolver: Resolver
    verifier: Callable[[], Verifier]
    card_of: CardOf | None = None
    suggest_from: Search | None = None  # None: no suggestions

    def audit(self, data: bytes | str, name: str | None = None) -> AuditReport:
        return self.audit_parsed(parse_article(data, name))

    def audit_parsed(self, article: ParsedArticle) -> AuditReport:
        refs = {r.n: r for r in article.references}
        resolutions: dict[int, Resolution] = {}
        resolved: dict[int, StoredSource] = {}
        for ref in refs.values():
            res, src = self.resolver.resolve(ref)
            resolutions[ref.n] = res
            if src is not None:
                resolved[ref.n] = src
        verifier = self.verifier()
        statements = check_statements(
            article.statements, refs, resolved, verifier, shipped_mesh(), self.card_of
        )
        references = reference_audits(list(refs.values()), resolutions, statements)
        cited = {s.key for s in resolved.values()}
        tips = suggest(statements, self.suggest_from, verifier, cited) if self.suggest_from else []
        return AuditReport(
            body=article.body,
            references=tuple(references),
            statements=tuple(statements),
            suggestions=tuple(tips),
            summary=summary_line(references),
            notes=article.notes,
            created_at=utc_now(),
        )
