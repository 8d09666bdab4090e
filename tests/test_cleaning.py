"""Cleaning keeps article text verbatim and drops boilerplate and spam."""

from pathlib import Path

from assistant.ingest.chunking import chunk_article
from assistant.ingest.cleaning import clean
from assistant.text import fold_ws, split_sentences

SEEDS = Path(__file__).parent.parent / "corpus"


def test_seed_boilerplate_and_spam_are_removed() -> None:
    raw = (SEEDS / "001_984762e9b66eeffd.txt").read_text(encoding="utf-8")
    text = clean(raw).text
    for junk in (
        "Print E-mail",
        "Comment(s)",
        "Follow China.org.cn",
        "主站蜘蛛池模板",
        "亚洲精品",
        "Adjust font size",
        "User Name Required",
        "分享縮略圖",
        "<  1  2",
    ):
        assert junk not in text
    assert "Heilongjiang Talent Cards that offer 24 exclusive services" in text


def test_kept_lines_are_verbatim_slices_of_the_source() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        folded = fold_ws(raw)
        for paragraph in clean(raw).paragraphs:
            for sentence in split_sentences(paragraph):
                assert fold_ws(sentence) in folded, (path.name, sentence)


def test_date_stamp_and_source_lines_are_metadata_not_text() -> None:
    raw = (SEEDS / "003_5d8ccd6a4b2e3c0d.txt").read_text(encoding="utf-8")
    text = clean(raw).text
    assert not text.startswith("date")
    assert "SOURCE Chongqing" not in text
    assert "/PRNewswire/" not in text
    lanzhou = clean((SEEDS / "000_0cadbdff6f924c11.txt").read_text(encoding="utf-8")).text
    assert lanzhou.startswith("Lanzhou City, the capital of Gansu")


def test_chinese_article_keeps_its_chinese_lines() -> None:
    text = "人才新政发布\n\n本市对高层次人才给予最高100万元安家补贴。\n分享到微信"
    cleaned = clean(text).paragraphs
    assert "本市对高层次人才给予最高100万元安家补贴。" in cleaned


def test_chunks_stay_under_the_word_limit_and_keep_order() -> None:
    raw = (SEEDS / "002_364f234528b0c753.txt").read_text(encoding="utf-8")
    paragraphs = clean(raw).paragraphs
    chunks = chunk_article("doc", paragraphs, max_words=60)
    assert all(len(c.text.split()) <= 60 for c in chunks)
    rebuilt = " ".join(c.text for c in chunks)
    assert fold_ws(rebuilt) == fold_ws(" ".join(paragraphs))
    assert [c.position for c in chunks] == list(range(len(chunks)))
