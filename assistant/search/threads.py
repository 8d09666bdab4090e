"""The encoders' thread policy: the cores this process may use, how many questions encode at once, and
torch's intra-op threads set for one encode."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """torch's intra-op threads set to n for an encode in this thread, then put back; 0 leaves them
    alone. With OpenMP the count is each thread's own once it has run torch: a global count set by
    the first of several concurrent requests leaves the others on their own (two) threads."""
    if n <= 0:
        yield
        return
    import torch

    saved = torch.get_num_threads()
    if saved == n:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(saved)


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def question_slots(slots: int, threads: int) -> int:
    """How many questions encode at once: the setting, or (0) as many as fill the usable cores with
    `threads` threads each, so concurrent requests never run more encoding threads than cores."""
    if slots > 0:
        return slots
    return max(1, usable_cores() // max(1, threads or usable_cores()))
