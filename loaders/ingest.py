"""The ingest pipeline: file -> canonical text -> parsed plan -> triples -> store, one transaction a document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders import report_matching
from loaders.bulk import Prepared, Summary, prepared
from loaders.graph import BuiltDocument, build
from loaders.originals import Originals
from loaders.parser import parse
from loaders.read_index import Change
from loaders.readers.documents import read_source
from loaders.source import IngestError, SourceText
from loaders.store import GraphStore


def build_source(source: SourceText, base: str) -> BuiltDocument:
    """Parse and build one document; raises IngestError naming the file when the text is not a plan."""
    return build(parse(source), base)


def build_file(path: Path, base: str) -> BuiltDocument:
    """Read, parse and build one file."""
    return build_source(read_source(path), base)


@dataclass
class IngestReport:
    """What an ingest run did: documents stored and files refused (each with its reason)."""

    stored: list[Summary] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)


def store_document(
    store: GraphStore, doc: BuiltDocument | Prepared, data: bytes, originals: Originals | None
) -> Change | None:
    """Keep the original file (when there is a folder for originals), then write the document's graph; a failed
    write takes back the file it added, so nothing is left half-stored. Returns what changed in the read index."""
    added = None
    if originals is not None:
        digest, created = originals.keep(data)
        added = digest if created else None
    try:
        if isinstance(doc, Prepared):
            return store.replace_serialised(doc.iri, doc.graph, doc.claims.decode(), doc.triples.decode())
        return store.replace(doc)
    except BaseException:
        if originals is not None and added is not None:
            originals.discard(added)
        raise


def ingest(
    paths: list[Path],
    store: GraphStore,
    base: str,
    progress: Callable[[Path], None] | None = None,
    originals: Originals | None = None,
    jobs: int | None = None,
    written: Callable[[Change], None] | None = None,
) -> IngestReport:
    """Ingest files, parsed on `jobs` cores (every core when None) and written one by one, each kept in
    `originals` beside its graph; a file that fails leaves the store exactly as it was. `written` is told each
    write's change to the read index (when one is open)."""
    report = IngestReport()
    for path, out in zip(paths, prepared(paths, base, jobs), strict=True):
        try:
            if isinstance(out, IngestError):
                raise out
            change = store_document(store, out, out.data, originals)
            if change is not None and written is not None:
                written(change)
            report_matching.after_write(store, base, out.iri)  # a report, or the plan reports answer: matched
            report.stored.append(out.summary)
        except IngestError as exc:
            report.failed.append(exc)
        except OSError as exc:
            report.failed.append(IngestError(str(path), f"could not be read or stored: {exc}"))
        if progress is not None:
            progress(path)
    if report.stored and store.path is not None:
        store.compact()
    store.flush()
    return report
