"""A tqdm progress bar on stderr, driven by (done, total) callbacks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def progress_bar(label: str, unit: str = "chunk") -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar on stderr driven by (done, total) callbacks, and a function to close it. The total may
    grow (ingest hands chunks to the encoder as it reads the files)."""
    from tqdm import tqdm

    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=label, unit=unit, file=sys.stderr, dynamic_ncols=True)
        bar.total = max(total, bar.total or 0)
        bar.n = done
        bar.refresh()

    def close() -> None:
        if bar is not None:
            bar.close()

    return update, close
