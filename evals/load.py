"""Load test: N concurrent chat sessions asking through gradio_client for a while.

    python -m evals.load --sessions 20 --seconds 60            # starts the app on the bundled corpus
    python -m evals.load --url http://127.0.0.1:7860/ ...      # or drives a running one

Each session is its own gradio_client Client (its own Gradio session) and asks the conversations
of a question set in a closed loop: ask, wait for the answer, ask the next. Prints failures,
latency p50/p95 and throughput, and where the CPU went during the run: the load generator's own
process, the app's (when this started it) and the rest of the machine (Linux). Not a pass/fail
test: numbers for the notes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evaluation import load_cases

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class SessionResult:
    """What one session saw."""

    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _session(
    url: str, conversations: list[list[str]], offset: int, until: float, think: float
) -> SessionResult:
    from gradio_client import Client

    result = SessionResult()
    client = Client(url, verbose=False)
    i = offset
    while time.monotonic() < until:
        *history, question = conversations[i % len(conversations)]
        i += 1
        started = time.perf_counter()
        try:
            reply = json.loads(client.predict(question, history, api_name="/ask"))
        except Exception as exc:  # any failed request counts, whatever it was
            result.failures.append(f"{type(exc).__name__}: {exc}")
            continue
        result.latencies.append(time.perf_counter() - started)
        if "error" in reply:
            result.failures.append(reply["error"])
        if think:
            time.sleep(think)
    return result


def _process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far; None where /proc cannot say."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_cpu() -> float | None:
    """CPU seconds the whole machine has been busy (all cores, all processes); None off Linux."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _cpu_line(answers: int, elapsed: float, own: float, app: float | None, machine: float | None) -> str:
    """Where the CPU went during the run, per answer and as cores busy."""
    cores = os.cpu_count() or 1

    def share(seconds: float) -> str:
        return f"{seconds * 1000 / answers:.0f} ms/answer ({seconds / elapsed:.2f} cores)"

    parts = [f"load generator {share(own)}"]
    if app is not None:
        parts.append(f"app {share(app)}")
    if machine is not None:
        parts.append(f"everything else {share(max(0.0, machine - own - (app or 0.0)))}")
    return f"CPU on {cores} cores: " + ", ".join(parts) + f"; load average {os.getloadavg()[0]:.2f}"


def _share_tls_context() -> None:
    """Let every httpx client of this process reuse one default TLS context (a change to the load
    generator only: the requests it sends are the same)."""
    import functools

    import httpx._transports.default as transports

    make = transports.create_ssl_context

    @functools.cache
    def default_context(trust_env: bool) -> Any:
        return make(verify=True, cert=None, trust_env=trust_env)

    def create_ssl_context(verify: Any = True, cert: Any = None, trust_env: bool = True) -> Any:
        if verify is True and cert is None:
            return default_context(trust_env)
        return make(verify=verify, cert=cert, trust_env=trust_env)

    transports.create_ssl_context = create_ssl_context  # type: ignore[assignment]


def _start_app(port: int, index_dir: Path | None) -> subprocess.Popen[bytes]:
    # Measuring capacity: the per-session rate limit would only measure the limit.
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "POLICY_ASSISTANT_RATE_LIMIT": "0"}
    if index_dir is not None:
        env["POLICY_ASSISTANT_INDEX_DIR"] = str(index_dir)
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the app did not start within 300 s")


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print its numbers."""
    parser = argparse.ArgumentParser(prog="python -m evals.load", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app; default: start app.py on a free port")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.0, help="pause between a session's questions (s)")
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "questions.jsonl")
    parser.add_argument(
        "--index-dir", type=Path, help="index folder for the started app (an empty one: a fresh build)"
    )
    parser.add_argument(
        "--shared-tls-context",
        action="store_true",
        help="the load generator's HTTP requests share one TLS context: gradio_client builds a new one "
        "(the CA bundle read, ~20 ms of CPU) for each of the 2-3 requests of a question, on the cores "
        "the app runs on; off by default, as measured so far",
    )
    args = parser.parse_args(argv)
    if args.shared_tls_context:
        _share_tls_context()

    conversations = [case.turns for case in load_cases(args.cases)]
    process = None
    url = args.url
    if url is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        launched = time.monotonic()
        process = _start_app(port, args.index_dir)
        url = f"http://127.0.0.1:{port}/"
        # The first answer waits for the index, built first when the folder has none.
        from gradio_client import Client

        Client(url, verbose=False).predict(conversations[0][-1], [], api_name="/ask")
        print(f"launch to first answer: {time.monotonic() - launched:.1f} s")
    try:
        results: list[SessionResult] = [SessionResult() for _ in range(args.sessions)]
        until = time.monotonic() + args.seconds
        started = time.monotonic()
        cpu_before = (_own_cpu(), _process_cpu(process.pid) if process else None, _machine_cpu())

        def run(n: int) -> None:
            results[n] = _session(url, conversations, n * 7, until, args.think)

        threads = [threading.Thread(target=run, args=(n,)) for n in range(args.sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu_after = (_own_cpu(), _process_cpu(process.pid) if process else None, _machine_cpu())
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)

    latencies = sorted(x for r in results for x in r.latencies)
    failures = [f for r in results for f in r.failures]
    if not latencies:
        print(f"no request succeeded; {len(failures)} failures, e.g. {failures[:1]}")
        return 1
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    print(
        f"{args.sessions} sessions for {elapsed:.0f} s: {len(latencies)} answers, {len(failures)} failed; "
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms; throughput {len(latencies) / elapsed:.1f} answers/s"
    )
    own = cpu_after[0] - cpu_before[0]
    app = None if cpu_after[1] is None or cpu_before[1] is None else cpu_after[1] - cpu_before[1]
    machine = None if cpu_after[2] is None or cpu_before[2] is None else cpu_after[2] - cpu_before[2]
    print(_cpu_line(len(latencies), elapsed, own, app, machine))
    for failure in failures[:5]:
        print(f"  failed: {failure}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
