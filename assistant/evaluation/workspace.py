"""Evaluation data folders: a corpus plus N look-alike distractors, kept between runs."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

from assistant.errors import AssistantError
from assistant.evaluation import lookalikes
from assistant.evaluation.lookalikes.names import DATA as LOOKALIKE_DATA

DISTRACTORS = "lookalikes"  # the distractors' folder inside the workspace corpus
_MANIFEST = "lookalikes.json"


def generator_digest() -> str:
    """Names the generator's code and data: a change to either regenerates the distractors."""
    code = sorted(Path(lookalikes.__file__).parent.glob("*.py"))
    data = sorted((f for f in LOOKALIKE_DATA.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    digest = hashlib.sha256()
    for source in [*code, *data]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _sync_tree(source: Path, target: Path, skip: Collection[str] = ()) -> None:
    """Make target hold source's files (skip: top-level names that target keeps as they are)."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if rel.parts[0] in skip:
            continue
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel in wanted:
        src, dst = source / rel, target / rel
        if dst.is_file() and dst.read_bytes() == src.read_bytes():
            continue  # unchanged: the ingest will not re-embed it either way, but spare the write
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


def prepare(work: Path, corpus: Path, distractors: int, seed: int = 0, added: Sequence[Path] = ()) -> Path:
    """A data folder under work: corpus/ holds the given corpus and corpus/lookalikes/ N distractors.

    Each added folder (test articles, such as evals/corpora/real) is copied in as corpus/<its name>/.

    Distractors are written again only when their number, seed or generator changed; the
    index built over the folder (data/index/, named by what built it) is reused by the next run.
    """
    data = work / "data"
    target = data / "corpus"
    if (corpus / DISTRACTORS).exists():
        raise AssistantError(
            f"{corpus} has a folder named '{DISTRACTORS}': rename it to run with distractors"
        )
    names = [folder.name for folder in added]
    for folder in added:
        if not folder.is_dir():
            raise AssistantError(f"{folder} is not a folder of articles")
        if folder.name == DISTRACTORS or names.count(folder.name) > 1 or (corpus / folder.name).exists():
            raise AssistantError(f"cannot add {folder} as corpus/{folder.name}/: that name is taken")
    _sync_tree(corpus, target, skip={DISTRACTORS, *names})
    for folder in added:
        _sync_tree(folder, target / folder.name)
    manifest = data / _MANIFEST
    want = {"generator": generator_digest(), "seed": seed, "n": distractors}
    have = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else None
    folder = target / DISTRACTORS
    if have != want:
        shutil.rmtree(folder, ignore_errors=True)
        manifest.unlink(missing_ok=True)
        if distractors:
            lookalikes.write(folder, distractors, seed)
        manifest.write_text(json.dumps(want), encoding="utf-8")  # written last: a complete set
    return data
