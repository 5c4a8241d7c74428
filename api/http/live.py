"""The service's state of the store: the store, its current read model, and the lock a writer holds."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from loaders.originals import Originals
from loaders.read_index import Change
from loaders.store import GraphStore
from queries import audit
from queries.audit import kept
from queries.read.ids import Ids
from queries.read.model import ReadModel
from queries.read.resources import Reader

log = logging.getLogger("vn_cascade.service")


class Live:
    """The store, the original files kept beside it (none for a store in memory) and its current read model; a
    writer swaps in a fresh model after each change."""

    def __init__(self, store: GraphStore, ids: Ids, on_change: Callable[[], object] = lambda: None) -> None:
        self.store, self.ids = store, ids
        self.originals = Originals.beside(store.path) if store.path is not None else None
        self.write_lock = threading.Lock()
        self.model = self._read()
        self.on_change = on_change

    def _read(self) -> ReadModel:
        """A model of the store as it is now, its lists and search index read at once (not by the first request)."""
        model = ReadModel(self.store, self.ids.base)
        _ = model.documents, model.agencies, model.index, model.generation
        return model

    def warm(self) -> threading.Thread:
        """Detect the audit families' findings in the background, on the model current when it starts, so the first
        /gaps need not: nothing to do when the read index keeps them for this store, else detected and kept there."""

        def run() -> None:
            began = time.perf_counter()
            try:
                kept.ready_all(self.model, [f for f in audit.families() if f.affected is not None])
            except Exception:  # a request asking for the findings meets the same error, with its own answer
                log.exception("the audit could not be detected in the background")
                return
            log.info("audit findings ready in %.1f s", time.perf_counter() - began)

        thread = threading.Thread(target=run, name="warm-audit", daemon=True)
        thread.start()
        return thread

    def reader(self) -> Reader:
        return Reader(self.model)

    def recorded(self) -> None:
        """After events were recorded: the query workers' checkpoint is taken again. The model stays: it reads
        events from the store when asked, and what it derives from them is kept under the events' count."""
        self.on_change()

    def refresh(self, change: Change | None = None) -> None:
        """After a write: whatever else reads the store is told first (the query workers' checkpoint), then a
        fresh model here, so no answer read from the old checkpoint is ever kept on the new model. With the
        write's `change` to the read index, the new model carries over everything the write did not touch, the audit's
        kept findings included."""
        self.on_change()
        if change is None:
            self.model = self._read()
            return
        model = self.model.after(change)
        kept.carry(self.model, model, change, audit.families())
        self.model = model
