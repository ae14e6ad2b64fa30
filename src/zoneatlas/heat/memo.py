"""A thread-safe LRU cache that computes each missing key once, even under concurrency.

Heat tiles are served from a thread pool: when eight requests for tiles of a new filter
arrive together, the full-extent grid they all need must be computed once, not eight
times. :class:`Memo` keeps one lock per key being computed; later callers wait for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """LRU of at most ``maxsize`` values, computed by ``get(key, compute)``."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def peek(self, key: Hashable) -> V | None:
        """The cached value (marked recently used) or None; never computes."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return value

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value for ``key``, computing and caching it if missing."""
        value = self.peek(key)
        if value is not None:
            return value
        with self._lock:
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            value = self.peek(key)  # another thread may have computed it meanwhile
            if value is not None:
                return value
            value = compute()
            with self._lock:
                self.misses += 1
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.maxsize:
                    self._items.popitem(last=False)
                self._pending.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
