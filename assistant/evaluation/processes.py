"""The benchmark's processes: a function run in a fresh child (its memory its own), a process's memory,
and a Chroma server (`chroma run`) on a free loopback port."""

from __future__ import annotations

import multiprocessing
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send((True, fn(*args)))
    except BaseException:
        conn.send((False, traceback.format_exc()))
    finally:
        conn.close()


def in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args) in a new (spawned) process, which may start processes of its own; its result, or
    AssistantError with the child's traceback."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, fn, args))
    process.start()
    send.close()
    try:
        ok, value = receive.recv()
    except EOFError:
        ok, value = False, "the child process died without a result"
    process.join()
    if not ok:
        raise AssistantError(f"a benchmark process failed:\n{value}")
    return value


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """Resident and peak resident memory of a process, from /proc (Linux)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


@contextmanager
def chroma_server(folder: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`chroma run` with its data in folder, on a free loopback port: its URL and process."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder.mkdir(parents=True, exist_ok=True)
    executable = Path(sys.executable).parent / "chroma"
    with (folder.parent / "chroma-server.log").open("wb") as log:
        server = subprocess.Popen(
            [str(executable), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            yield url, server
        finally:
            server.terminate()
            server.wait(timeout=60)
