"""English synonyms for the talent-policy domain, used without an LLM.

The synonyms are data: assistant/data/synonyms.tsv (a question's word, then the article words that
answer it), which a corpus extends with a synonyms.tsv of its own beside its catalog.json. Chinese terms
are data too: assistant/data/glossary.tsv, read by language/translation.py.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path

from assistant.errors import AssistantError
from assistant.ingest.metadata import SYNONYMS_NAME
from assistant.text import terms


def _read(text: str, source: str = "assistant/data/synonyms.tsv") -> dict[str, tuple[str, ...]]:
    """Lines of 'word<TAB>alternative, alternative'; '#' starts a comment."""
    out: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, alternatives = line.partition("\t")
        found = tuple(a.strip() for a in alternatives.split(",") if a.strip())
        if not word.strip() or not found:
            raise AssistantError(f"{source} line {number}: write 'word<TAB>alternative, ...'")
        out[word.strip()] = (*out.get(word.strip(), ()), *found)
    return out


# A question word on the left is answered by an article word on the right.
SYNONYMS: dict[str, tuple[str, ...]] = _read(
    (files("assistant") / "data" / "synonyms.tsv").read_text(encoding="utf-8")
)


def _as_terms(synonyms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The synonyms as terms; words sharing a stem ("open", "opening") share their alternatives."""
    out: dict[str, tuple[str, ...]] = {}
    for word, alternatives in synonyms.items():
        key = terms(word, keep_stopwords=True)[0]
        found = (t for v in alternatives for t in terms(v, keep_stopwords=True))
        out[key] = tuple(dict.fromkeys((*out.get(key, ()), *found)))
    return out


# The same, as terms: a question's term -> the article terms that also answer it.
SYNONYM_TERMS = _as_terms(SYNONYMS)


def corpus_synonyms(folder: Path | None) -> dict[str, tuple[str, ...]]:
    """SYNONYM_TERMS extended by the corpus folder's synonyms.tsv (read again when it changes)."""
    path = folder / SYNONYMS_NAME if folder is not None else None
    if path is None or not path.is_file():
        return SYNONYM_TERMS
    return _corpus_synonyms(path, path.stat().st_mtime)


@functools.lru_cache(maxsize=8)
def _corpus_synonyms(path: Path, stamp: float) -> dict[str, tuple[str, ...]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AssistantError(f"cannot read {path} ({exc}); save it as UTF-8 text or remove it") from exc
    own = _as_terms(_read(text, str(path)))
    merged = dict(SYNONYM_TERMS)
    for term, alternatives in own.items():
        merged[term] = tuple(dict.fromkeys((*merged.get(term, ()), *alternatives)))
    return merged


# British and American spellings of one word stem apart ("subsidised" -> "subsidis", "subsidized" ->
# "subsid"): a question in one spelling must still find an article written in the other.
_SPELLINGS = (
    (re.compile(r"^(\w{3,}[^aeiou])is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,}[^aeiou])iz(e|es|ed|ing|ation|ations|er|ers)$"), r"\1is\2"),
    (re.compile(r"^(\w{2,}[^aeiou])our(s|ed|ing|able)?$"), r"\1or\2"),
    (re.compile(r"^(\w{2,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"^(\w{2,})ter(s)?$"), r"\1tre\2"),
    (re.compile(r"^programme(s)?$"), r"program\1"),
    (re.compile(r"^program(s)?$"), r"programme\1"),
)


def spelling_alternatives(text: str) -> dict[str, tuple[str, ...]]:
    """A text's terms -> the terms of the same words spelt the other way (British or American)."""
    out: dict[str, tuple[str, ...]] = {}
    for word in re.findall(r"[a-z]+", text.lower()):
        stem = terms(word, keep_stopwords=True)
        if not stem:
            continue
        for pattern, replacement in _SPELLINGS:
            other = pattern.sub(replacement, word)
            other_stem = terms(other, keep_stopwords=True) if other != word else []
            if other_stem and other_stem[0] != stem[0]:
                out[stem[0]] = tuple(dict.fromkeys((*out.get(stem[0], ()), other_stem[0])))
    return out
