"""A question's clauses: the ones that ask ("..., and how long?" is a second one) and the asker's
statements ("I'm a PhD moving to Changchun - ..."), which say who is asking rather than what.
"""

from __future__ import annotations

import re

from assistant.search.answer_types import Vocabulary
from assistant.text import split_sentences, terms

# (not "Walk-in at the counter: ...", a statement)
_QUESTION_START = re.compile(
    r"^\s*(?:and\s+|but\s+|also\s+|so\s+|then\s+)?(?:how|what|what's|whats|when|where|which|who|whose|whom|why|is|are|"
    r"was|were|does|do|did|can|could|will|would|should|may|might|has|have|whether|tell|list|name|give|show|"
    r"compare|explain|describe|walk|please|any|in which|for how|on what|under what|什么|哪|多少|怎么|如何)"
    r"\b(?!-)",
    re.IGNORECASE,
)
# "..., and how long ...": a second question joined to the first.
_JOINED_QUESTION = re.compile(  # not "or": "online, or does someone have to go in person?" is one question
    r"\s*(?:,\s*|;\s*|\s)(?:and|but|also|plus)\s+"
    r"(?=(?:(?:by|in|on|at|for|from|until|to|under|with|over|after|within|during|through|into|up to|as of)"
    r"\s+)?"
    r"(?:how|what|what's|when|where|which|who|whose|is|are|"
    r"does|do|did|can|could|will|would|should|whether|for how|for what)\b)|\s*;\s*"
    # "..., and after I get the letter, how long does it take?", "..., and on top of that, how much ...?":
    # a condition or a link first, then the question
    r"|\s*,?\s+and\s+(?=[^,?;]{1,80},\s*(?:how|what|when|where|which|who|"
    r"is|are|does|do|can|will)\b)"
    # "the 80,000 subsidy is for under 40, so what does someone over 40 get?": what is said, then asked
    r"|\s*,\s*so\s+(?=(?:how|what|what's|when|where|which|who|is|are|does|do|did|can|could|will|would)\b)",
    re.IGNORECASE,
)
# A clause with one of these verbs and no question word states something: "X says ...", "I'm a PhD".
_STATES = re.compile(
    r"\b(?:says?|said|claims?|claimed|reports?|reported|states?|stated|announced|mentions?|mentioned|"
    r"is|are|was|were|has|have|had|offers?|gives?|pays?|provides?|gets|receives|enjoys|can|could|may|will|"
    r"i'm|i am|i've|we're|we are)\b",
    re.IGNORECASE,
)
_ASKING_WORD = re.compile(
    r"\b(?:how|what|what's|when|where|which|who|whose|whom|why)\b|[?？]|什么|哪|多少|怎么|如何", re.IGNORECASE
)


def split_question(question: str, lower_case: bool | None = None) -> tuple[list[str], str]:
    """The question's clauses that ask something, and its statements (the asker's situation).

    lower_case: whether the message was typed in lower case (by default, whether it starts so; a reader
    that wrote its places in capitals, "liuzhou" as "Liuzhou", says how it was typed).
    """
    clauses: list[str] = []
    statements: list[str] = []
    # "... for how long? also what income tax break do they get": a question mark ends a sentence even
    # where the next one starts in lower case, as typed in a chat
    sentences = [s for found in split_sentences(question.strip()) for s in _AFTER_QUESTION_MARK.split(found)]
    if question.lstrip()[:1].islower() if lower_case is None else lower_case:
        sentences = [s for found in sentences for s in _LOWER_CASE_QUESTION.split(found)]
        if len(sentences) == 1:
            sentences = _run_on_questions(sentences[0])
    for sentence in sentences:
        # "Caller is a junior-college graduate; she asks how much living subsidy ...": staff relay the
        # question after saying who asks
        # "A caller asks two things about the youth housing policy: how big ..., and what ...?": the
        # questions follow the colon; who asks, and what about, are said
        listed = None if _QUESTION_START.match(sentence) else _REPORTED_LIST.search(sentence)
        if listed and sentence[listed.end() :].strip():
            said = f"{sentence[: listed.start()]} {listed.group(1)}".strip(" ,;:")
            if said:
                statements.append(said)
            sentence = sentence[listed.end() :]
        reported = None if _QUESTION_START.match(sentence) else _REPORTED.search(sentence)
        if reported:
            if sentence[: reported.start()].strip(" ,;:"):
                statements.append(sentence[: reported.start()].strip(" ,;:"))
            # "... wants to know the amount of the subsidy": what the amount of the subsidy is
            asked = _ABOUT_FIRST.sub("", sentence[reported.end() :])
            sentence = _THE_FIRST.sub("what is the", _IF_FIRST.sub("whether", asked))
        asking = sentence.rstrip().endswith(("?", "？")) or bool(_QUESTION_START.match(sentence))
        if not asking:
            statements.append(sentence)
            continue
        if statements and Vocabulary.load().what_if.search(statements[-1]):
            # "Suppose I sell the home. Do the remaining instalments stop?": the change is what it asks about
            sentence = f"{statements.pop().rstrip(' .')}, {sentence}"
        # "I'm a graduate moving to Changchun - is there a rent subsidy?": after a statement, a dash
        # starts the question
        dash = _DASH.search(sentence)
        if dash and _QUESTION_START.match(sentence[dash.end() :]) and _is_statement(sentence[: dash.start()]):
            statements.append(sentence[: dash.start()].strip())
            sentence = sentence[dash.end() :]
        pieces = _joined_pieces(sentence)
        if not _QUESTION_START.match(sentence):
            pieces = [t for piece in pieces for t in _terse_pieces(piece)]
            pieces = [t for piece in pieces for t in _terse_pair(piece)]
        # "OK, and if I only qualify as Grade D, how much ...?": a word of conversation asks nothing
        pieces = [p for p in pieces if not _INTERJECTION.fullmatch(p)] or pieces
        # "Heilongjiang says more graduates are staying, but what is the number?": the premise is
        # said, not asked.
        # "After the group issues the letter and I go to the hall, how many days ...?": the condition
        # says when, it does not ask
        while len(pieces) > 1 and any(says(pieces[0]) for says in (_is_statement, _is_condition, _is_phrase)):
            if Vocabulary.load().what_if.search(f"{pieces[0]} {pieces[1]}"):
                # "If I change jobs and leave Wuhu, do I lose the rest?" asks what the change does
                pieces[:2] = [f"{pieces[0]} and {pieces[1]}"]
                continue
            statements.append(pieces.pop(0))
        clauses.extend(pieces)
    if not clauses:
        # an instruction or a statement alone ("Housing subsidies in Wuhu."): one part, unless it joins
        # questions as one types them ("xiamen phd subsidy how much and how long is it paid")
        pieces = [t for piece in _joined_pieces(question.strip()) for t in _terse_pieces(piece)]
        pieces = [t for piece in pieces for t in _terse_pair(piece)]
        return pieces or [question.strip()], ""
    return clauses, " ".join(statements)


def _joined_pieces(sentence: str) -> list[str]:
    """The questions a sentence joins ("..., and also whether ..."), without the joining words."""
    pieces = (_TRAILING_JOIN.sub("", p).strip() for p in _JOINED_QUESTION.split(sentence))
    return [p for p in pieces if p.strip(" ,;?")]


_TRAILING_JOIN = re.compile(r"[\s,]+(?:and|but|also|plus)\s*$", re.IGNORECASE)


def _terse_pieces(piece: str) -> list[str]:
    """The questions of words typed without a question first, joined by commas: "xiamen phd subsidy
    amount, taxable?" asks the amount and whether it is taxed; "..., for how many months" how long."""
    head, *rest = re.split(r",\s+", piece)
    vocabulary = Vocabulary.load()
    asks = vocabulary.asks.values()
    asks_first = _ASKING_WORD.search(head) or any(pattern.search(head) for pattern in asks)
    # "zhuhai youth apartment discount, utilities included?": a benefit, then a question of it (not
    # "PhD in Wuhu, any rent subsidy?": who asks, then the one question)
    of_benefit = vocabulary.names_benefit(head) and not any(vocabulary.names_benefit(r) for r in rest)
    if not rest or len(head.split()) < 3 or not (asks_first or of_benefit) or _PHRASE.match(head):
        return [piece]  # "Under the Greater Bay Area tax subsidy, which kinds of income ...?" is one
    # "Besides the resettlement subsidy, is there a rent subsidy?", "... for three years, or less?": one
    short = (len(r.split()) <= _TERSE_WORDS and is_question(r) for r in rest)
    if not all(short) or any(_STILL_ONE_QUESTION.match(r) for r in rest):
        return [piece]
    if of_benefit and all(_HOW_MUCH.match(r) and not set(terms(r)) - _ONLY_OF_IT for r in rest):
        return [piece]  # "... rental allowance, how much a month?": the amount of that allowance
    return [head, *rest]


def _terse_pair(piece: str) -> list[str]:
    """Two things asked of one subject in typed words: "kunming ftz talent apartments size and monthly
    rent" asks the apartments' size and their rent, each a question of its own (a price asked of them by
    "how much"); not "housing and rent subsidies", where neither side asks anything."""
    if _ASKING_WORD.search(piece.rstrip("?？.。 ")):
        return [piece]
    left, joined, right = piece.rstrip("?？.。 ").rpartition(" and ")
    if not joined or not 1 <= len(right.split()) <= _PAIR_WORDS:
        return [piece]
    vocabulary = Vocabulary.load()
    one = _asked_of(left, vocabulary)
    if not one:
        return [piece]
    words = left.split()
    for size in range(1, _PAIR_WORDS + 1):  # the thing asked on the left: "size", "floor area"
        head = " ".join(words[:-size])
        if len(head.split()) < 2:
            break
        other = _asked_of(f"{head} {right}", vocabulary)
        if other and not _asked_of(head, vocabulary):
            return [one, other]
    return [piece]


def _asked_of(text: str, vocabulary: Vocabulary) -> str | None:
    """Typed words as the question they ask: as typed when they ask a kind of answer ("... size",
    "... deadline"), with "how much" after a price ("... monthly rent"), else None."""
    if any(pattern.search(text) for pattern in vocabulary.asks.values()):
        return text
    last = text.split()[-1]
    if any(pattern.fullmatch(last) for pattern in vocabulary.priced.values()):
        return f"{text} how much"
    return None


_PAIR_WORDS = 3


# "how much a month?" after a benefit typed asks its amount: a question of it, not a second one (unlike
# "..., for how many months")
_HOW_MUCH = re.compile(r"^\W*(?:and\s+)?how much\b", re.IGNORECASE)
_ONLY_OF_IT = frozenset(
    terms("how much month months monthly year years yearly annual annually per each total maximum max most")
)
_TERSE_WORDS = 6  # "second-hand homes ok?": a short question after the comma, not a list of places
_STILL_ONE_QUESTION = re.compile(
    r"^\W*(?:is|are|was|were|does|do|did|can|could|will|would|should|may|might|has|have|or)\b", re.IGNORECASE
)


# Chinese words that ask ("几年", "还是", "吗"): a Chinese text holding one is a question
ASKING_CHINESE = re.compile(
    r"几|多少|多久|多长|吗|还是|是否|什么|啥|哪|怎么|如何|有没有|能不能|可不可以|是不是"
)


def asks_in_words(text: str) -> bool:
    """The text asks, or holds a question word somewhere ("hengqin card: which permit"), rather than
    being words typed without one ("hengqin talent card renewal")."""
    return is_question(text) or bool(_ASKING_WORD.search(text))


def has_question_word(text: str) -> bool:
    """A question word first or anywhere ("hengqin card: which permit"); a question mark alone
    ("hengqin card rent allowance per month RMB?") is not one."""
    return bool(_QUESTION_START.match(text)) or bool(_ASKING_WORD.search(re.sub(r"[?？]", " ", text)))


def is_question(text: str) -> bool:
    """The text asks (a question mark, or a question word first), rather than states."""
    return text.rstrip().endswith(("?", "？")) or bool(_QUESTION_START.match(text))


_INTERJECTION = re.compile(
    r"\W*(?:(?:ok|okay|alright|all right|right|thanks|thank you|great|cool|hi|hello|sure|yes|no|well|hmm|"
    r"got it|i see|good)\W*)+",
    re.IGNORECASE,
)
_AFTER_QUESTION_MARK = re.compile(
    # "... below the 300,000 needed for Grade C. How much ...?": an initial does not hide a new question
    r"(?<=[?？])\s+(?=\S)|(?<=\b[A-Z]\.)\s+(?=(?:How|What|When|Where|Which|Who|Why|Is|Are|Does|Do|Can|Could|"
    r"Will|Would|Should)\b)"
)
# "tai'an pays phds 3000 a month. how much for junior college grads?": a question after a full stop, in a
# message typed in lower case
_LOWER_CASE_QUESTION = re.compile(
    r"(?<=[a-z0-9%)]{2}\.)\s+(?=(?:how|what|when|where|which|who|why|is|are|does|do|did|can|could|will|"
    r"would|should)\b)"
)
# A message dictated with no full stop: "... third year fifty percent what happens in the fourth year does
# she still get some discount": each question begins where a question word and its verb do
_RUN_ON_START = re.compile(
    r"(?<=[a-z0-9%])\s+(?=(?:what|how|when|where)\s+(?:is|are|was|were|happens?|do|does|did|can|could|will|"
    r"would|much|many|long|soon|about|if|kind|exactly)\b|(?:does|do|did|is|are|can|could|will|would)\s+"
    r"(?:she|he|i|they|it|we|you|my|his|her|their|this|that)\b)"
)
# words after which a question word goes on the same question: "so what is it", "tell me how much"
_RUN_ON_GOES_ON = frozenset(
    re.findall(
        r"\w+",
        "and or but so what how when where why which who whom that if whether to me know ask wondering "
        "wonder tell wanted want see check like",
    )
)


def _run_on_questions(sentence: str) -> list[str]:
    """A lower-case sentence with no full stop or question mark inside, split before each question that
    starts in it."""
    if re.search(r"[.?!。？！](?=\s*\S)", sentence):
        return [sentence]
    pieces: list[str] = []
    start = 0
    for found in _RUN_ON_START.finditer(sentence):
        before = sentence[start : found.start()].split()
        if len(before) < 3 or before[-1].lower() in _RUN_ON_GOES_ON:
            continue
        said = " ".join(before)
        asking = before[0].lower() in ("what", "how", "which")
        if asking and not _VERBS & {w.lower() for w in before}:
            continue  # "how much one off reward can it get": the verb of the question begun
        if not asking and not (_is_statement(said) or _is_condition(said)):
            continue  # "xiamen new talent intro subsidy phd how much": a topic typed, then what is asked
        pieces.append(sentence[start : found.start()])
        start = found.end()
    return [*pieces, sentence[start:]]


_VERBS = frozenset(
    re.findall(
        r"\w+",
        "is are was were happen happens do does did can could will would get gets give gives pay pays apply "
        "offer offers provide provides",
    )
)


_DASH = re.compile(r"\s+[-–—]+\s+|:\s+")  # "Enquirer, 29, rents in Wuhu: is there a rent subsidy?" too
# "Caller asks what ...", "An applicant wants to know whether ...": a question relayed, which starts after
# the verb that reports it
_REPORTED = re.compile(
    r"\b(?:asks?|asking|asked|wants? to know|would like to know|wonders?|wondering|enquir(?:es|ing)|"
    r"inquir(?:es|ing)|(?:is|are) curious)\s*:?\s+(?:(?:us|me|about it)\s+)?"
    r"(?=(?:how|what|what's|when|where|which|who|whose|why|whether|if|is|are|does|do|did|can|could|will|the|"
    r"about)\b)",
    re.IGNORECASE,
)
_REPORTED_LIST = re.compile(
    r"\b(?:asks?|asking|asked|wants? to know|would like to know|has|have|had|raises?|raised)\s+"
    r"(?:us\s+|me\s+)?"
    r"(?:two|three|four|several|a few|some|a couple of|the following|these|both|a few more)\s+"
    r"(?:things|questions|points|details|queries)\b([^:：?？]{0,100})[:：]\s*",
    re.IGNORECASE,
)
_IF_FIRST = re.compile(r"^\s*if\b", re.IGNORECASE)
_THE_FIRST = re.compile(r"^\s*the\b", re.IGNORECASE)
_ABOUT_FIRST = re.compile(r"^\s*about\b\s*", re.IGNORECASE)


_CONDITION = re.compile(
    r"^\W*(?:after|before|when|whenever|once|if|since|until|while|as soon as|in case|unless)\b"
    # "When do applications open?" asks
    r"(?!\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|shall|has|have|had|must)\b)",
    re.IGNORECASE,
)


def _is_condition(clause: str) -> bool:
    """A subordinate clause that asks nothing: "After the leading group issues the letter"."""
    found = _CONDITION.match(clause)
    if found is None or _ASKING_WORD.search(clause[found.end() :]):
        return False
    # "If I get permanent residence, can my spouse get it too": the condition, then its question
    return not any(_QUESTION_START.match(piece) for piece in clause.split(",")[1:])


def _is_phrase(clause: str) -> bool:
    """A phrase that asks nothing and says nothing on its own: "With a junior college degree" (before
    "and an intermediate job title, how many years ...?")."""
    return (
        bool(_PHRASE.match(clause))
        and not _ASKING_WORD.search(clause)
        and not _STATES.search(clause)
        # "In Wuhu, can a couple get more than 400,000 yuan" is the phrase, then its question
        and not any(_QUESTION_START.match(piece) for piece in clause.split(",")[1:])
    )


_PHRASE = re.compile(r"^\W*(?:with|as|for|under|in|at|by|from|having|holding)\b", re.IGNORECASE)


def _is_statement(clause: str) -> bool:
    """Says something rather than asks: no question word, and a verb that states ("I'm a PhD")."""
    return (
        not _ASKING_WORD.search(clause)
        and not _QUESTION_START.match(clause)  # "Does the card have an age limit, and ...?"
        # "Enquirer, 29, works in Wuhu: is there a rent subsidy for young talents"
        and not any(_QUESTION_START.match(after) for after in _DASH.split(clause)[1:])
        # "For Lanzhou's flexible talent introduction, does the employer have to be registered ...": a
        # phrase, then the question; "If I get residence, can my spouse get it too": a condition, then it
        and not any(_QUESTION_START.match(p) for p in clause.split(",")[1:])
        # "and if I rent instead is there a rent subsidy": a question inverted after its condition
        and not _INVERTED.search(clause)
        and bool(_STATES.search(clause))
    )


_INVERTED = re.compile(
    r"\b(?:is|are|was|were) there\b|\b(?:do|does|did|can|could|will|would|should|shall|must) "
    r"(?:i|we|you|he|she|they|it)\b",
    re.IGNORECASE,
)
