"""A per-client sliding-window rate limit, in process.

``SlidingWindowLimiter(limit=5, window_s=600)`` lets each client (keyed by IP address)
make 5 attempts per 10 minutes; the next raises :class:`RateLimited` with the seconds to
wait. State lives in memory: it resets on restart and is per process (run one worker, or
put a shared limiter in front, for a strict limit across workers). The number of clients
tracked is bounded, oldest first out, so a flood of addresses cannot exhaust memory.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from zoneatlas.errors import ZoneAtlasError


class RateLimited(ZoneAtlasError):
    """Too many requests from one client; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many inquiries from this address; try again in {retry_after} s")
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class SlidingWindowLimiter:
    def __init__(
        self,
        limit: int = 5,
        window_s: float = 600.0,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_clients = max_clients
        self.clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, client: str) -> None:
        """Count an attempt by ``client``; raise RateLimited when over the limit."""
        now = self.clock()
        with self._lock:
            hits = self._hits.pop(client, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            self._hits[client] = hits
            while len(self._hits) > self.max_clients:
                self._hits.popitem(last=False)
            if len(hits) >= self.limit:
                raise RateLimited(max(1, math.ceil(hits[0] + self.window_s - now)))
            hits.append(now)
