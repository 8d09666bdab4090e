"""Reading files: encodings, formats, and clear reasons for what cannot be read."""

import codecs
import zipfile
from pathlib import Path

import pytest

from assistant.errors import SkippedDocument
from assistant.ingest.documents import decode, mostly_chinese, read_document

ARTICLE = "兰州市发布柔性引才政策。Lanzhou offers talent support to engineers."


def _pdf(text: str) -> bytes:
    """A one-page PDF with a line of Helvetica text, written by hand."""
    return pdf_pages([[text]])


def pdf_pages(pages: list[list[str]]) -> bytes:
    """A PDF written by hand: one page per list, each of its lines in Helvetica, top down."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for lines in pages:
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        shown = " 0 -16 Td ".join(f"({line}) Tj" for line in escaped)
        stream = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("latin-1")
        kids.append(len(objects) + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (len(objects) + 2, len(pages) * 2 + 3)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(pages),
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_text_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    assert read_document(path).text == ARTICLE


# Real text in the legacy encodings articles arrive in; GB18030 used to win over every one of them.
LEGACY = [
    ("Liangjiang’s cafés offer “talent” rooms — 1,500 yuan a month for graduates.", "cp1252"),
    ("Liangjiang’s cafés", "cp1252"),
    ("La ciudad ofrece a los jóvenes años de vivienda: señor Muñoz, “España” y más.", "cp1252"),
    ("Düsseldorf Förderprogramm für Fachkräfte: 2.000 DM, naïve café in São Paulo, größer.", "latin-1"),
    ("Liangjiang's cafés", "latin-1"),
    ("臺北市政府公布人才引進方案，凡具有博士學位之專業人才，可申請每月新臺幣三萬元之住宅補助。", "big5"),
    ("重庆两江新区人才大会将于2020年举行，优秀毕业生可享受一万元安家补贴。", "gb18030"),
    (ARTICLE, "gb18030"),
    ("Liangjiang’s cafés and 两江新区的人才公寓.", "utf-16"),  # with a BOM
    ("Liangjiang’s cafés and 两江新区的人才公寓.", "utf-8"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY, ids=[f"{e}-{t[:12]}" for t, e in LEGACY])
def test_legacy_encodings_are_detected_not_read_as_gb18030(tmp_path: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert decode(data) == text
    assert read_document(path).text == text


def test_gb18030_is_accepted_only_for_mostly_chinese_text() -> None:
    assert mostly_chinese("重庆两江新区人才大会。Chongqing talents.")
    # Windows-1252 bytes read as GB18030: rare characters glued to Latin words.
    assert not mostly_chinese("Liangjiang’s cafés".encode("cp1252").decode("gb18030"))
    assert not mostly_chinese("plain ASCII")


def test_html_keeps_the_article_and_drops_navigation(tmp_path: Path) -> None:
    body = " ".join(["Harbor City gives engineers a housing subsidy of 1,500 yuan a month."] * 4)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Harbor subsidy</title><script>var tracking = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>Harbor subsidy</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright Harbor Daily</footer></body></html>",
        encoding="utf-8",
    )
    text = read_document(path).text
    assert "housing subsidy of 1,500 yuan" in text
    assert "tracking" not in text


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(_pdf("Pine County offers start-up loans to graduates."))
    assert "start-up loans" in read_document(path).text


def test_docx_text_is_extracted(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Harbor City opens a talent service hall.")
    path = tmp_path / "notice.docx"
    document.save(str(path))
    assert read_document(path).text.strip() == "Harbor City opens a talent service hall."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "unreadable PDF"),
        ("fake.docx", b"not a zip", "unreadable DOCX"),
        ("script.html", b"<html><script>var a = 1;</script></html>", "no article text"),
        ("data.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_give_a_one_line_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SkippedDocument) as excinfo:
        read_document(path)
    message = str(excinfo.value)
    assert reason in message
    assert "\n" not in message


def test_zip_named_docx_without_document_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(SkippedDocument):
        read_document(path)
