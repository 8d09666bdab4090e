"""English synonyms for the talent-policy domain, used without an LLM.

The synonyms are data: assistant/data/synonyms.tsv (a question's word, then the article words that
answer it). Chinese terms are data too: assistant/data/glossary.tsv, read by language/translation.py.
"""

from __future__ import annotations

from importlib.resources import files

from assistant.text import terms


def _read(text: str) -> dict[str, tuple[str, ...]]:
    """Lines of 'word<TAB>alternative, alternative'; '#' starts a comment."""
    out: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, alternatives = line.partition("\t")
        found = tuple(a.strip() for a in alternatives.split(",") if a.strip())
        if not word.strip() or not found:
            raise ValueError(f"assistant/data/synonyms.tsv line {number}: write 'word<TAB>alternative, ...'")
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
