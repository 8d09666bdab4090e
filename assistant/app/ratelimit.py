"""A per-session limit on questions per minute, with a polite message when it is reached."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from assistant.errors import AssistantError

WINDOW_SECONDS = 60.0
# Sessions idle this long are forgotten, so a long-running app does not keep every visitor.
_FORGET_AFTER = 10 * WINDOW_SECONDS


class RateLimited(AssistantError):
    """A session asked more questions in a minute than the service allows."""


class RateLimiter:
    """At most `per_minute` questions per key in any 60-second window; 0 means no limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._asked: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def admit(self, key: str) -> None:
        """Count one question for key, or raise RateLimited saying how long to wait."""
        if self.per_minute <= 0:
            return
        now = self._clock()
        with self._lock:
            self._sweep(now)
            asked = self._asked.setdefault(key, deque())
            while asked and now - asked[0] >= WINDOW_SECONDS:
                asked.popleft()
            if len(asked) >= self.per_minute:
                wait = max(1, round(WINDOW_SECONDS - (now - asked[0])))
                raise RateLimited(
                    f"You have asked {self.per_minute} questions in the last minute, the most this "
                    f"service answers for one conversation. Please wait {wait} seconds and ask again."
                )
            asked.append(now)

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < _FORGET_AFTER:
            return
        self._last_sweep = now
        for key in [k for k, q in self._asked.items() if not q or now - q[-1] > _FORGET_AFTER]:
            del self._asked[key]
