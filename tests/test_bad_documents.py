"""Bad documents in the corpus: each is indexed correctly or skipped with a one-line reason, and
the ingest goes on. The large and binary files are made at test time, not committed."""

import gzip
import io
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from fakes import FakeEmbedder
from test_documents import _pdf

from assistant import Assistant, Settings, cli
from assistant.snapshot import IngestReport

ARTICLE_ZH = (
    "港城人才政策。Harbor City offers young engineers a relocation bonus of 20,000 yuan.\n\n"
    "港城为青年工程师提供两万元安家费。The bonus is paid by the Harbor City Talent Bureau."
)


def _png(seed: int = 0, size: int = 64) -> bytes:
    """A real PNG of random pixels: compressed, high-entropy bytes."""
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(size * 3)) for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_with_broken_xml() -> bytes:
    """A DOCX whose document.xml is cut in half: python-docx fails inside lxml."""
    source = zipfile.ZipFile(io.BytesIO(_docx("Harbor City opens a talent service hall.")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return out.getvalue()


def _encrypted_pdf(user_password: str) -> bytes:
    """A text PDF encrypted with RC4, as older tools write them; the owner password differs."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf("Harbor City offers engineers a car subsidy."))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _aes_pdf() -> bytes:
    """An owner-only encrypted PDF whose streams are declared AES (as Acrobat writes them):
    it opens without a password, and reading its text needs the `cryptography` package."""
    data = _encrypted_pdf(user_password="")
    old, new = (
        b"/V 2\n/R 3\n",
        b"/V 4\n/R 4\n/CF << /StdCF << /CFM /AESV2 /Length 16 >> >>\n/StmF /StdCF\n/StrF /StdCF\n",
    )
    data = data.replace(old, new)
    start = data.rindex(b"startxref\n") + len(b"startxref\n")
    end = data.index(b"\n", start)
    return data[:start] + str(int(data[start:end]) + len(new) - len(old)).encode() + data[end:]


GOOD = {
    "gbk article.txt": ARTICLE_ZH.encode("gbk"),
    "utf16 article.txt": ARTICLE_ZH.encode("utf-16"),  # with a BOM
    "utf16le-no-bom.txt": ARTICLE_ZH.encode("utf-16-le"),
    "港城 人才 政策 2024.txt": ARTICLE_ZH.encode("utf-8"),  # spaces and Chinese in the name
    "owner-only-encrypted.pdf": b"",  # filled in below: opens without a password
}
BAD = {
    "photo.txt": (_png(), "binary content, not text"),
    "archive.txt": (gzip.compress(b"Harbor City housing subsidy. " * 300), "binary content, not text"),
    "program.txt": (Path(sys.executable).resolve().read_bytes()[:200_000], "binary content, not text"),
    "word-renamed.txt": (_docx("Harbor City opens a talent service hall."), "binary content, not text"),
    "empty.txt": (b"", "empty file"),
    "all-script.html": (
        b"<html><head><script>var a = 1; function f() { return a; }</script></head>"
        b"<body><script>document.write('<p>' + f() + '</p>');</script></body></html>",
        "no article text found in the HTML page",
    ),
    "secret.pdf": (b"", "encrypted PDF: save an unencrypted copy to index it"),
    "truncated.pdf": (b"", "PDF"),
    "broken-xml.docx": (_docx_with_broken_xml(), "unreadable DOCX"),
    "aes.pdf": (_aes_pdf(), "encrypted PDF (AES): install the `cryptography` package"),
}


@pytest.fixture
def bad_corpus(data_dir: Path) -> Path:
    """The tiny corpus plus every case above, and a 50 MB text file."""
    corpus = data_dir / "corpus"
    GOOD["owner-only-encrypted.pdf"] = _encrypted_pdf(user_password="")
    pdf = _pdf("Harbor City offers engineers a car subsidy.")
    files = {**GOOD, **{name: content for name, (content, _) in BAD.items()}}
    files["secret.pdf"] = _encrypted_pdf(user_password="reader-secret")
    files["truncated.pdf"] = pdf[: len(pdf) // 2]
    for name, content in files.items():
        (corpus / name).write_bytes(content)
    line = "Harbor City publishes its talent register, line after line of names and figures.\n"
    with (corpus / "huge.txt").open("w", encoding="utf-8") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    return data_dir


def _ingest(data_dir: Path, **settings: float) -> tuple[Assistant, IngestReport]:
    assistant = Assistant(Settings(data_dir=data_dir, **settings), embedder=FakeEmbedder())
    return assistant, assistant.ingest()


def test_each_bad_document_is_indexed_or_skipped_with_one_line(bad_corpus: Path) -> None:
    assistant, report = _ingest(bad_corpus)
    reasons = dict(report.skipped)
    assert sorted(report.added) == sorted(
        f"corpus/{name}" for name in [*GOOD, "harbor_city.txt", "pine_county.txt"]
    )
    for name, (_, reason) in BAD.items():
        assert reason in reasons[f"corpus/{name}"], name
    assert reasons["corpus/huge.txt"].startswith("file is 50 MB; the limit is 10 MB")
    assert "POLICY_ASSISTANT_MAX_DOCUMENT_MB" in reasons["corpus/huge.txt"]
    assert len(reasons) == len(BAD) + 1
    assert all("\n" not in reason and len(reason) < 300 for reason in reasons.values())
    # The text came through each encoding intact.
    for name in ("gbk article.txt", "utf16 article.txt", "utf16le-no-bom.txt", "港城 人才 政策 2024.txt"):
        article = assistant.index.snapshot().articles[f"corpus/{name}"]
        text = " ".join(chunk.text for chunk in article.chunks)
        assert "港城为青年工程师提供两万元安家费" in text and "20,000 yuan" in text, name
    answer = assistant.ask("How much is the relocation bonus for engineers in Harbor City?")
    assert "20,000 yuan" in answer.answer
    cited = {c.path for c in answer.citations}
    assert cited and cited <= {f"corpus/{name}" for name in GOOD}


@pytest.mark.usefixtures("cli_fake_model")
def test_the_command_line_prints_one_line_per_skipped_file(bad_corpus: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--data-dir", str(bad_corpus), "ingest"], out=out, err=err) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(
        f"{len(GOOD) + 2} added, 0 updated, 0 unchanged, 0 removed, {len(BAD) + 1} skipped"
    )
    skipped = [line for line in lines if line.startswith("  skipped ")]
    assert len(skipped) == len(BAD) + 1 == len(lines) - 1
    assert "  skipped corpus/photo.txt: binary content, not text (no text encoding fits)" in skipped
    assert "Traceback" not in out.getvalue() + err.getvalue()
    code = cli.main(["--data-dir", str(bad_corpus), "sources"], out=(listed := io.StringIO()), err=err)
    assert code == 0 and "corpus/港城 人才 政策 2024.txt" in listed.getvalue()


def test_the_size_limit_is_a_setting(data_dir: Path) -> None:
    big = data_dir / "corpus" / "register.txt"
    big.write_text("Harbor City publishes its talent register.\n" * 600, encoding="utf-8")  # 25,800 bytes
    _, report = _ingest(data_dir, max_document_mb=0.02)
    assert dict(report.skipped)["corpus/register.txt"].startswith("file is 0.0258 MB; the limit is 0.02 MB")
    _, report = _ingest(data_dir, max_document_mb=0.05)
    assert report.added == ["corpus/register.txt"]


def test_a_file_that_turns_bad_keeps_its_last_good_version(data_dir: Path) -> None:
    assistant, _ = _ingest(data_dir)
    (data_dir / "corpus" / "harbor_city.txt").write_bytes(_png())
    report = assistant.ingest()
    assert dict(report.skipped)["corpus/harbor_city.txt"].startswith("binary content")
    assert "1,500 yuan" in assistant.ask("What housing subsidy do engineers get in Harbor City?").answer
