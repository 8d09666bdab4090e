"""A bounded CPU burner: processes that spin on a core while a benchmark runs, as the other work on a
shared server does. Started and stopped by the benchmark itself; each stops on its own at its deadline
(or when its parent is gone), so none outlives a killed benchmark for long."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

# A burner never spins longer than this, whatever happens to the process that started it.
MAX_SECONDS = 3600.0


def _spin(deadline: float, parent: int) -> None:
    """Busy-loop until the deadline or until the parent process is gone."""
    x = 0
    while time.monotonic() < deadline:
        for _ in range(200_000):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        if os.getppid() != parent:
            return


@contextmanager
def burning(processes: int, seconds: float = MAX_SECONDS) -> Iterator[list[int]]:
    """Keep `processes` cores busy for the block (at most `seconds`); yields the burners' process ids.
    0 processes burn nothing."""
    if processes < 0:
        raise ValueError("the burner takes 0 or more processes")
    context = multiprocessing.get_context("spawn")
    deadline = time.monotonic() + min(seconds, MAX_SECONDS)
    burners = [
        context.Process(target=_spin, args=(deadline, os.getpid()), daemon=True, name=f"burner-{i}")
        for i in range(processes)
    ]
    for burner in burners:
        burner.start()
    try:
        yield [b.pid for b in burners if b.pid is not None]
    finally:
        for burner in burners:
            burner.terminate()
        for burner in burners:
            burner.join(timeout=5)
            if burner.is_alive():
                burner.kill()
                burner.join(timeout=5)
