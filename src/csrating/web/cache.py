"""Small thread-safe least-recently-used caches for what the web tier builds.

Every key the web tier uses is made of versions read from the database with the request
(the round's id and version, the stamp of its council records, a record's version, the
publication state), never of the content itself. A value cached under such a key cannot
go stale: any change to the database changes the key. That holds across processes too,
because each process reads the versions from the same database; nothing needs to be told
to forget anything.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["LruCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """Keep the ``size`` most recently used values; safe to share between threads.

    Values must be treated as read-only by everyone who gets them.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[K, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: K) -> V | None:
        """Return the value kept under ``key``, or ``None``."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Keep ``value`` under ``key``, forgetting the least recently used beyond the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """Return the value under ``key``, making and keeping it first if missing.

        Only one thread makes a missing value; others asking for the same key meanwhile
        wait for it rather than make it again (the moment an embargo lifts, hundreds of
        requests want the same page at once). Different keys are made in parallel.
        """
        value = self.get(key)
        if value is not None:
            with self._lock:
                self.hits += 1
            return value
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            value = self.get(key)
            if value is None:
                with self._lock:
                    self.misses += 1
                try:
                    value = make()
                    self.put(key, value)
                finally:
                    with self._lock:
                        if self._making.get(key) is making:
                            del self._making[key]
            else:
                with self._lock:
                    self.hits += 1
        return value

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._items.clear()
