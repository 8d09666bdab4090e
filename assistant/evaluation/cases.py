"""Question sets: JSON Lines cases in the format of evals/FORMAT.md."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import AssistantError


@dataclass(frozen=True)
class Case:
    """One question-set line."""

    id: str
    kind: str
    turns: list[str]
    sources: list[str] = field(default_factory=list)
    facts: list[list[str]] = field(default_factory=list)
    decline: bool = False
    forbid: list[str] = field(default_factory=list)
    todo: str | None = None  # what staff must still fill in (cases made from feedback); eval refuses it


def parse_case(line: str) -> Case:
    """One JSON Lines case; ValueError, KeyError or TypeError when it is not one."""
    data = json.loads(line)
    turns = data["turns"]
    if not isinstance(turns, list) or not turns:
        raise ValueError("'turns' must be a non-empty list")
    return Case(
        id=str(data["id"]),
        kind=str(data.get("kind", "fact")),
        turns=list(turns),
        sources=list(data.get("sources", [])),
        facts=[list(f) for f in data.get("facts", [])],
        decline=bool(data.get("decline", False)),
        forbid=list(data.get("forbid", [])),
        todo=None if data.get("todo") is None else str(data["todo"]),
    )


def read_cases(path: Path) -> Iterator[tuple[int, Case | str]]:
    """Each non-blank line of a question set: (line number, its Case or why it is not one)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise AssistantError(f"cannot read the question set {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, parse_case(line)
        except (ValueError, KeyError, TypeError) as exc:
            yield number, str(exc)


def load_cases(path: Path) -> list[Case]:
    """Read a JSON Lines question set; a bad line or a repeated id is an error naming its line."""
    cases: list[Case] = []
    seen: set[str] = set()
    for number, case in read_cases(path):
        if isinstance(case, str):
            raise AssistantError(f"{path}:{number}: not a valid case ({case})")
        if case.id in seen:
            raise AssistantError(f"{path}:{number}: the id '{case.id}' is used twice; ids must be unique")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise AssistantError(f"{path} holds no cases: write one JSON object per line (see evals/FORMAT.md)")
    return cases


def check_filled(cases: list[Case], path: Path) -> None:
    """Refuse to score cases whose expectations are still to be filled in (their `todo` says what)."""
    unfilled = [case for case in cases if case.todo]
    if unfilled:
        ids = ", ".join(case.id for case in unfilled[:5]) + (" …" if len(unfilled) > 5 else "")
        raise AssistantError(
            f"{path}: {len(unfilled)} cases still have a `todo` ({ids}): {unfilled[0].todo}, "
            "or remove those cases"
        )


def digest(path: Path) -> str:
    """A short content hash of a question set, so a report says exactly which cases it scored."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
