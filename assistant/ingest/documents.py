"""Reading source files (.txt, .md, .html, .pdf, .docx) into text, or a reason to skip them."""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from assistant.errors import SkippedDocument
from assistant.ingest.metadata import CATALOG_NAME, GLOSSARY_NAME, SYNONYMS_NAME

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}
MAX_MB = 10.0  # the default of Settings.max_document_mb

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RawDocument:
    """A source file's text as extracted, before cleaning."""

    path: Path
    text: str
    title: str | None = None  # from the file's own metadata (HTML, PDF, DOCX), if any
    date: str | None = None
    pages: tuple[str, ...] = ()  # a PDF's text page by page (its text is them joined)


class Found(NamedTuple):
    """A file the walk found: its folder as given (not resolved), its name, and whether it is a
    symbolic link. A tuple: a walk makes one per file (100k)."""

    folder: str
    name: str
    link: bool
    path: str  # folder and name joined


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Every candidate file under the given files and folders, sorted, hidden ones left out."""
    return (Path(found.path) for found in walk(paths))


def walk(paths: list[Path]) -> Iterator[Found]:
    """iter_files as strings: one scandir per folder, no Path object or extra stat per file (100k
    files are walked in a fraction of a second)."""
    for root in paths:
        if root.is_file():
            yield Found(str(root.parent), root.name, root.is_symlink(), str(root))
            continue
        yield from _walk(str(root))


def _walk(folder: str) -> Iterator[Found]:
    """The files under folder in the order sorted(folder.rglob("*")) gives (by path components), one
    scandir per folder: hidden names (. and _) and the catalog and glossary left out, linked folders
    not entered."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except PermissionError:
        return
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
                continue
            wanted = entry.is_file() and entry.name not in (CATALOG_NAME, GLOSSARY_NAME, SYNONYMS_NAME)
        except OSError:
            continue
        if wanted:
            yield Found(folder, entry.name, entry.is_symlink(), entry.path)


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-8, UTF-16 without BOM, then charset-normalizer's detection."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: ASCII-range text leaves every other byte zero.
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        try:
            return data.decode("utf-16-le" if odd_zeros > even_zeros else "utf-16-be")
        except UnicodeDecodeError:
            pass
    return _detect(data)


# charset-normalizer's names for the GB family; GB18030 is the superset they are all decoded with.
_GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312", "hz"})
# GB-decoded text is taken for Chinese when this share of its non-ASCII characters are in GB2312
# (the 7,445 common characters): Latin-1 or Windows-1252 bytes read as GB18030 become rare ones.
_CHINESE_SHARE = 0.8


def _detect(data: bytes) -> str:
    """charset-normalizer's best guess; GB18030 only when it reads as Chinese, cp1252 on a tie."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    for match in matches:
        if match.encoding in _GB_FAMILY:
            text = str(match)
            if mostly_chinese(text):
                return text
            continue
        # Western single-byte code pages often tie (cp1250 reads "é" as cp1252 does, "ñ" as "ń"):
        # on a tie the most common one, Windows-1252, wins.
        for other in matches:
            same_or_better = other.chaos <= match.chaos and other.coherence >= match.coherence
            if same_or_better and "cp1252" in (other.encoding, *other.could_be_from_charset):
                return data.decode("cp1252")
        return str(match)
    raise SkippedDocument("binary content, not text (no text encoding fits)")


def mostly_chinese(text: str) -> bool:
    """True when most non-ASCII characters are common Chinese ones (encodable in GB2312)."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return False
    common = 0
    for char in wide:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common >= _CHINESE_SHARE * len(wide)


def _check_text(text: str) -> str:
    if "\x00" in text or len(_CONTROL.findall(text[:20000])) > 0.01 * min(len(text), 20000):
        raise SkippedDocument("binary content, not text")
    if not text.strip():
        raise SkippedDocument("no text in the file")
    return text


def _read_html(data: bytes) -> tuple[str, str | None, str | None]:
    import trafilatura

    html = decode(data)
    text = trafilatura.extract(html, include_comments=False, include_tables=True)
    if not text or not text.strip():
        raise SkippedDocument("no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    return text, getattr(meta, "title", None), getattr(meta, "date", None)


def _read_pdf(data: bytes) -> tuple[list[str], str | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SkippedDocument("encrypted PDF: save an unencrypted copy to index it")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except SkippedDocument:
        raise
    except DependencyError as exc:  # AES encryption, even with an empty password
        raise SkippedDocument(
            "encrypted PDF (AES): install the `cryptography` package, or save an unencrypted copy"
        ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SkippedDocument(f"unreadable PDF ({exc.__class__.__name__}: {_one_line(exc)})") from exc
    if not "".join(pages).strip():
        raise SkippedDocument("PDF has no extractable text (a scan needs OCR first)")
    return pages, title


def _read_docx(data: bytes) -> tuple[str, str | None, str | None]:
    import zipfile

    import docx
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        raise SkippedDocument(f"unreadable DOCX ({_one_line(exc)})") from exc
    text = "\n\n".join(p.text for p in document.paragraphs if p.text.strip())
    props = document.core_properties
    created = props.created.date().isoformat() if props.created else None
    return text, props.title or None, created


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 200 characters."""
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= 200 else text[:199] + "…"


def check_size(path: Path | str, size: int, max_mb: float) -> None:
    """SkippedDocument when a file is over the size limit, before anything reads it."""
    if size > max_mb * 1_000_000:
        raise SkippedDocument(
            f"file is {size / 1_000_000:.3g} MB; the limit is {max_mb:g} MB "
            "(POLICY_ASSISTANT_MAX_DOCUMENT_MB): split it into articles, or raise the limit"
        )


def read_document(path: Path, max_mb: float = MAX_MB) -> RawDocument:
    """Read one file; raise SkippedDocument with the reason when it cannot be indexed."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SkippedDocument(f"unsupported file type '{suffix or path.name}'")
    try:
        check_size(path, path.stat().st_size, max_mb)
        data = path.read_bytes()
    except OSError as exc:
        raise SkippedDocument(f"cannot read the file ({exc.strerror})") from exc
    return parse_document(path, data)


def parse_document(path: Path, data: bytes) -> RawDocument:
    """A file's bytes, already read, to text; SkippedDocument with the reason when they cannot be
    indexed. path names the format (its suffix) and the document."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SkippedDocument(f"unsupported file type '{suffix or path.name}'")
    if not data.strip():
        raise SkippedDocument("empty file")
    title = date = None
    pages: list[str] = []
    if suffix in HTML_SUFFIXES:
        text, title, date = _read_html(data)
    elif suffix == ".pdf":
        pages, title = _read_pdf(data)
        text = "\n\n".join(pages)
    elif suffix == ".docx":
        text, title, date = _read_docx(data)
    else:
        text = decode(data)
    return RawDocument(
        path=path,
        text=_check_text(text),
        title=title,
        date=date,
        pages=tuple(pages),
    )
