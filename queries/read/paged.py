"""A list read from the read index a page at a time: its length counted in SQL, its slices read as LIMIT/OFFSET."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class Paged(Sequence[T], ABC):
    """A sequence whose length and slices are read when asked (`_count`, `_read`), the length once."""

    _total: int | None = None

    @abstractmethod
    def _count(self) -> int: ...

    @abstractmethod
    def _read(self, offset: int, limit: int) -> list[T]:
        """`limit` items from `offset` on (all of them for -1)."""

    def __len__(self) -> int:
        if self._total is None:
            self._total = self._count()
        return self._total

    @overload
    def __getitem__(self, at: int) -> T: ...
    @overload
    def __getitem__(self, at: slice) -> list[T]: ...
    def __getitem__(self, at: int | slice) -> T | list[T]:
        if isinstance(at, int):
            found = self._page(at if at >= 0 else len(self) + at, 1)
            if not found:
                raise IndexError(at)
            return found[0]
        start, stop, step = at.indices(len(self))
        page = self._page(start, max(stop - start, 0))
        return page[::step] if step != 1 else page

    def __iter__(self) -> Iterator[T]:
        return iter(self._page(0, -1))

    def _page(self, offset: int, limit: int) -> list[T]:
        return self._read(offset, limit) if limit else []
