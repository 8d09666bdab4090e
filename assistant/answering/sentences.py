"""An article's sentences as the evidence stage reads them: each with its paragraph, the words just
before it, the article's lede and year, and the people it names; and which of them are statements to quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.search.parts import groups_in
from assistant.snapshot import Article
from assistant.text import terms

_SENTENCE_END = set('.!?;。！？；"”’)）')
CONTINUES = re.compile(r"^(?:These|This|They|Those|Such|It|Its|The goal|In addition|Additionally)\b")
_NOT_A_FACT = re.compile(
    r"\b(?:ignore|disregard)\b.{0,60}\b(?:instructions?|prompt)\b|\bsystem prompt\b|"
    r"\b(?:as an ai|language model)\b",
    re.IGNORECASE,
)


@dataclass
class Sentence:
    text: str
    paragraph: int  # paragraph number within the article
    index: int  # sentence number within the article
    chunk_id: str
    terms: frozenset[str]
    score: float = 0.0
    before: str = ""  # the article's title and the sentences just before it
    context_terms: frozenset[str] = frozenset()
    lede: str = ""  # the article's title and first sentence: the benefit the whole article is about
    year: int | None = None  # the article's year: what "last year" means in it
    groups: frozenset[str] = frozenset()  # the people it names: doctor, master, grade_c ...


def sentences_of(article: Article) -> list[Sentence]:
    out: list[Sentence] = []
    paragraph = 0
    title = article.meta.title or ""
    first = next((c.sentences[0] for c in article.chunks if c.sentences), "")
    lede = f"{title} {first}"
    dated = article.meta.date or ""
    year = int(dated[:4]) if dated[:4].isdigit() else None
    for chunk in article.chunks:
        for i, sentence in enumerate(chunk.sentences):
            if i in chunk.breaks or (i == 0 and out):
                paragraph += 1
            before = " ".join([title, *(s.text for s in out[-3:])])
            out.append(
                Sentence(
                    sentence,
                    paragraph,
                    len(out),
                    chunk.id,
                    frozenset(terms(sentence)),
                    before=before,
                    context_terms=frozenset(terms(before)),
                    lede=lede,
                    year=year,
                    groups=groups_in(sentence),
                )
            )
    return out


def quotable(sentence: Sentence) -> bool:
    # Headlines, section titles and speaker labels are not statements to quote.
    words = sentence.text.split()
    if len(words) < 5 or _NOT_A_FACT.search(sentence.text):
        return False
    return sentence.text.rstrip()[-1:] in _SENTENCE_END


_FIGURE = re.compile(  # a count or amount; a year is not one
    r"\b(?!(?:19|20)\d\d\b)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|"
    r"million|billion|half|double|twice)\b",
    re.IGNORECASE,
)
# The kind of answer a sentence holds, for a question that expects one (Query.wants).
ANSWER_TYPES = {
    "number": _FIGURE,
    "amount": re.compile(r"\d[\d,.]*\s*(?:million |billion |thousand )?(?:yuan|dollars|US dollars|RMB)|\d%"),
    "date": re.compile(
        r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December)\b|\b(?:this|last|next) (?:year|month)\b",
    ),
}
