"""Many files at once: parsed on every core, each document handed on as N-Triples bytes to one writer."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.graph import BuiltDocument, build
from loaders.originals import Originals
from loaders.parser import parse
from loaders.readers.documents import read_document, read_file
from loaders.source import IngestError
from loaders.store import document_nquads, load_fresh

_PARSE_CHUNK = 4  # files a worker takes at a time: large enough to amortise the hand-over, small for even shares


@dataclass(frozen=True)
class Note:
    """A parser note worth printing, with the line of the text it is about."""

    code: str
    message: str
    line: int | None


@dataclass(frozen=True)
class Summary:
    """What a stored document holds, for reports: its file, IRI, number and counts, and the parser's notes."""

    path: str
    iri: str
    number: str | None
    obligations: int
    targets: int
    duties: int
    references: int
    characters: int
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Prepared:
    """One document ready to write: its graph, its claims, what it states (claims and own triples) and the
    reference data it names as N-Triples, and the file's bytes."""

    summary: Summary
    graph: str
    claims: bytes
    stated: bytes
    reference: bytes
    data: bytes

    @property
    def triples(self) -> bytes:
        """Every triple it puts in the default graph."""
        return self.stated + self.reference

    @property
    def iri(self) -> str:
        return self.summary.iri


def prepare_built(built: BuiltDocument, data: bytes) -> Prepared:
    """A built document's hand-over form."""
    d = built.parsed
    notes = tuple(
        Note(i.code, i.message, d.text.count("\n", 0, i.span.start) + 1 if i.span is not None else None)
        for i in d.issues
    )
    summary = Summary(
        d.path,
        built.iri,
        d.number,
        len(d.obligations),
        len(d.targets),
        len(d.duties),
        len(d.references),
        len(d.text),
        notes,
    )
    return Prepared(summary, built.graph, built.claims_nt(), built.stated_nt(), built.reference_nt(), data)


def prepare(path: Path, base: str) -> Prepared | IngestError:
    """Read, parse and build one file; a refusal is returned, not raised (it crosses a process boundary)."""
    try:
        data = read_file(path)
        return prepare_built(build(parse(read_document(data, str(path))), base), data)
    except IngestError as exc:
        return exc
    except OSError as exc:
        return IngestError(str(path), f"could not be read: {exc}")


def _prepare_task(task: tuple[Path, str]) -> Prepared | tuple[str, str, int | None]:
    """prepare() in a worker: a refusal travels as (path, reason, line), since the error's own pickling drops them."""
    out = prepare(*task)
    return (out.path, out.reason, out.line) if isinstance(out, IngestError) else out


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """How workers start: forked from this process while it runs one thread (they inherit what it has loaded, and a
    fork beside other threads can inherit a lock another thread holds); else forked from a server process that
    imported the parser; spawned where there is no fork."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["loaders.bulk"])
        return context
    return multiprocessing.get_context("spawn")


def prepared(paths: Iterable[Path], base: str, jobs: int | None = None) -> Iterator[Prepared | IngestError]:
    """Each file prepared, in the order given: on `jobs` worker processes (every core when None), or in this
    process when one job is asked for or there is only one file."""
    paths = list(paths)
    jobs = cores() if jobs is None else jobs
    if jobs <= 1 or len(paths) <= 1:
        yield from (prepare(p, base) for p in paths)
        return
    context = _context()
    with context.Pool(min(jobs, len(paths))) as pool:
        for out in pool.imap(_prepare_task, ((p, base) for p in paths), chunksize=_PARSE_CHUNK):
            yield IngestError(*out) if isinstance(out, tuple) else out


@dataclass
class BuildReport:
    """What a fresh build did: documents stored, files refused (each with its reason), and how long it took."""

    stored: list[Summary] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def characters(self) -> int:
        return sum(s.characters for s in self.stored)


def build_store(
    path: Path,
    files: Iterable[Path],
    base: str,
    jobs: int | None = None,
    originals: Originals | None = None,
    progress: Callable[[], None] | None = None,
) -> BuildReport:
    """Replace the store at `path` with one holding exactly the documents these files hold, parsed on `jobs` cores
    and streamed to the bulk loader; the originals are kept once the new store is in place. A file whose document
    an earlier file already gave (the same IRI) is refused, naming both."""
    report = BuildReport()
    first: dict[str, str] = {}
    known: set[bytes] = set()  # reference lines already streamed: many documents name the same units and bodies

    def fresh(reference: bytes) -> bytes:
        lines = [line for line in reference.splitlines(keepends=True) if line not in known]
        known.update(lines)
        return b"".join(lines)

    def documents() -> Iterator[bytes]:
        for out in prepared(files, base, jobs):
            if progress is not None:
                progress()
            if isinstance(out, IngestError):
                report.failed.append(out)
            elif out.iri in first:
                again = f"the same document as {first[out.iri]} ({out.iri})"
                report.failed.append(IngestError(out.summary.path, again))
            else:
                first[out.iri] = out.summary.path
                report.stored.append(out.summary)
                yield document_nquads(out.graph, out.claims, out.stated + fresh(out.reference))
        if not report.stored:  # raised inside the load: the new folder is dropped, the old store stays
            reasons = "; ".join(str(e) for e in report.failed[:3]) or "no files were given"
            raise IngestError(str(path), f"no document could be stored, so the store was left as it was ({reasons})")

    load_fresh(path, documents(), report.timings)
    if originals is not None:
        for summary in report.stored:
            originals.keep(read_file(Path(summary.path)))
    return report
