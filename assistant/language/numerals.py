"""Chinese figures as numbers: 1万 is 10,000, 3000万 is 30 million, 百分之六点七 is 6.7%.

Used to read a Chinese question's figures and to check the figures of an answer written in Chinese
against the English passage it cites.

    >>> chinese_figures("最高可获得3000万元资助, 占比百分之六点七")
    [('3000万', 30000000.0, False), ('百分之六点七', 6.7, True)]
    >>> english_figure(30000000.0)
    '30 million'
"""

from __future__ import annotations

import re

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
_CHINESE_NUMBER = "[零〇一二两三四五六七八九十百千万亿]"
# A figure: Arabic digits (with a Chinese scale after them) or Chinese numerals, with an optional
# decimal part (点 or .), or a percentage written 百分之....
_FIGURE = re.compile(
    rf"百分之(?P<percent>(?:\d+(?:\.\d+)?|{_CHINESE_NUMBER}+(?:点[零〇一二三四五六七八九]+)?))"
    rf"|(?P<number>\d[\d,]*(?:\.\d+)?(?:[十百千]?[万亿])+"
    rf"|{_CHINESE_NUMBER}*[一二两三四五六七八九十]{_CHINESE_NUMBER}*(?:点[零〇一二三四五六七八九]+)?[万亿]*)"
    rf"(?P<sign>%|％)?"
)
# A lone Chinese numeral character is mostly a word (一些 "some", 十分 "very", 万一 "in case"):
# counted as a figure only when a measure word or unit follows it.
_MEASURE = re.compile(r"[元年月日天岁项个名人家所种次条位批套倍周%％]|万元|亿元|个月")


def _small(text: str) -> float:
    """A number below 10,000 in Chinese numerals (十二, 三千零五, 两百), or Arabic digits."""
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if len(text) > 1 and all(c in _DIGITS for c in text):  # 二〇二〇: digit by digit
        return float("".join(str(_DIGITS[c]) for c in text))
    total, digit, last_unit, zero = 0.0, None, None, False
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
            zero = zero or digit == 0
        elif char in _SMALL_UNITS:
            total += (digit if digit is not None else 1) * _SMALL_UNITS[char]
            digit, last_unit = None, _SMALL_UNITS[char]
        else:
            raise ValueError(f"not a Chinese numeral: {char!r}")
    if digit and last_unit and last_unit >= 100 and not zero and text[-2] in _SMALL_UNITS:
        return total + digit * last_unit / 10  # 两千五 is 2,500 and 三百五 350 (三千零五 is 3,005)
    return total + (digit or 0)


def parse_chinese_number(text: str) -> float:
    """The value of a Chinese figure: '3000万' 30000000, '一百二十万' 1200000, '六点七' 6.7, '1.5亿'.

    Raises ValueError when the text is not a figure.
    """
    text = text.strip()
    if not text:
        raise ValueError("an empty figure")
    whole, _, decimals = text.partition("点")
    fraction = 0.0
    if decimals:
        digits = "".join(str(_DIGITS[c]) for c in decimals if c in _DIGITS)
        if len(digits) != len(decimals):
            raise ValueError(f"not a Chinese decimal: {text!r}")
        fraction = float(f"0.{digits}")
    total = 0.0
    rest = whole
    for unit in ("亿", "万"):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            # 1.5亿: Arabic decimals before the scale
            total += (_small_or_nested(head) if head else 1) * _LARGE_UNITS[unit]
    if total and len(rest) == 1 and _DIGITS.get(rest) and not fraction:
        # 一万二 is 12,000 and 一亿二 120 million: a digit after the scale is of the next unit down
        scale = _LARGE_UNITS["亿"] if whole.endswith("亿" + rest) else _LARGE_UNITS["万"]
        return total + _DIGITS[rest] * scale / 10
    tail = _small(rest) + fraction if rest or fraction else 0.0
    return total + tail


def _small_or_nested(text: str) -> float:
    # 一千二百万 is (1200) 万; 3000万 is 3000 万; 1.5亿 is 1.5 亿; 十万亿 is (十万) 亿.
    if "万" in text:
        return parse_chinese_number(text)
    return _small(text)


def chinese_figures(text: str) -> list[tuple[str, float, bool]]:
    """The Chinese-written figures of a text: (as written, value, is a percentage), in order.

    Plain Arabic numbers without a Chinese scale (2020, 24) are left to the English reading.
    """
    found: list[tuple[str, float, bool]] = []
    for match in _FIGURE.finditer(text):
        written = match.group(0)
        if match.group("percent"):
            raw, percent = match.group("percent"), True
        else:
            raw, percent = match.group("number"), bool(match.group("sign"))
            chinese_only = not re.search(r"\d", raw)
            if chinese_only and len(raw) == 1 and (raw == "一" or not _MEASURE.match(text, match.end())):
                continue  # 一 alone is mostly "a", as "one" is in English
        try:
            value = parse_chinese_number(raw)
        except (ValueError, KeyError):
            continue
        found.append((written.rstrip("%％"), value, percent))
    return found


def english_figure(value: float) -> str:
    """How an English article writes a value: 10,000; 300,000; 30 million; 1.5 billion; 6.7."""
    for scale, name in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if value >= scale and (value / scale) * 100 == int((value / scale) * 100):
            return f"{_plain(value / scale)} {name}"
    if value == int(value):
        return f"{int(value):,}"
    return _plain(value)


def _plain(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def figure_spans(text: str) -> list[tuple[int, int, str]]:
    """Where the text writes a Chinese figure, with the figure as an English article writes it:
    (start, end, '30 million'); a percentage keeps its sign ('6.7%')."""
    spans: list[tuple[int, int, str]] = []
    for match in _FIGURE.finditer(text):
        figures = chinese_figures(match.group(0) + text[match.end() : match.end() + 2])
        if not figures or not match.group(0).startswith(figures[0][0]):
            continue
        _, value, percent = figures[0]
        spans.append((match.start(), match.end(), english_figure(value) + ("%" if percent else "")))
    return spans


def to_english_figures(text: str) -> str:
    """The text with each Chinese figure written as an English article writes it ('3000万元' ->
    ' 30 million 元'; '百分之六点七' -> ' 6.7% ')."""
    out: list[str] = []
    last = 0
    for start, end, english in figure_spans(text):
        out.extend([text[last:start], f" {english} "])
        last = end
    out.append(text[last:])
    return "".join(out)
