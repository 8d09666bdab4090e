"""Staff curation of the library: remove an article, or replace it with a new version of its file.

Both change the corpus folder only; the re-index that follows (`Assistant.ingest`) drops a removed
article from the index and re-embeds a replaced one, and serves the result. An article is named
by its path as `policy-assistant sources` lists it (`corpus/notice.pdf`), or by its file name when
that is unique.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path

from assistant.errors import AssistantError, SkippedDocument
from assistant.ingest.documents import read_document
from assistant.settings import Settings


def find_article(settings: Settings, keys: Collection[str], name: str) -> str:
    """The indexed article's path that name gives: the path as listed, the file's own path, or a
    file name that only one article has."""
    name = name.strip()
    if name in keys:
        return name
    if Path(name).name != name:  # a path: the file's, from here
        wanted = Path(name).resolve()
        matches = [k for k in keys if _file(settings, k) == wanted]
    else:
        matches = sorted(k for k in keys if Path(k).name == name)
    if len(matches) > 1:
        raise AssistantError(
            f"{name!r} names {len(matches)} articles ({', '.join(matches)}): give the path as "
            "`policy-assistant sources` lists it"
        )
    if not matches:
        raise AssistantError(
            f"no indexed article {name!r}: give its path as `policy-assistant sources` lists it, "
            "e.g. corpus/notice.pdf"
        )
    return matches[0]


def _file(settings: Settings, key: str) -> Path:
    return (Path(key) if Path(key).is_absolute() else settings.data_dir / key).resolve()


def corpus_file(settings: Settings, key: str) -> Path:
    """The file behind an indexed article, which must lie in the corpus folder."""
    path = _file(settings, key)
    corpus = settings.corpus.resolve()
    if not path.is_relative_to(corpus):
        raise AssistantError(
            f"{key} was indexed from outside the corpus folder {corpus}: move or delete the file "
            "itself, then run `policy-assistant ingest` on its folder"
        )
    return path


def remove(settings: Settings, keys: Collection[str], name: str) -> str:
    """Delete an article's file from the corpus folder; returns its path. Re-index next."""
    key = find_article(settings, keys, name)
    path = corpus_file(settings, key)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise AssistantError(f"cannot delete {path}: {exc.strerror}") from exc
    return key


def replace(settings: Settings, keys: Collection[str], name: str, new: Path) -> str:
    """Put a new version of an article's file in its place (its catalog entry, and so its region and
    title, stay); returns its path. The new file must be of the same type and readable. Re-index next."""
    key = find_article(settings, keys, name)
    path = corpus_file(settings, key)
    if new.suffix.lower() != path.suffix.lower():
        raise AssistantError(
            f"the replacement of {key} must be a {path.suffix} file too ({new.name} is not): to change "
            "its type, remove the article and add the new file"
        )
    try:
        read_document(new, settings.max_document_mb)
    except SkippedDocument as exc:
        raise AssistantError(f"{new.name} cannot replace {key}: {exc}") from exc
    try:
        shutil.copyfile(new, path)
    except OSError as exc:
        raise AssistantError(f"cannot write {path}: {exc.strerror}") from exc
    return key
