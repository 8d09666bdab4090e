"""The publisher a page's web address names (assistant/data/publishers.tsv), for catalogs that give an
article's address and not who published it."""

from __future__ import annotations

import functools
from importlib.resources import files
from urllib.parse import urlsplit

from assistant.language.tables import rows


@functools.cache
def _publishers() -> dict[str, str]:
    text = (files("assistant") / "data" / "publishers.tsv").read_text(encoding="utf-8")
    return {
        host.lower(): name
        for _, host, name in rows(text, "assistant/data/publishers.tsv", "host<TAB>publisher")
    }


def publisher_of(url: str | None) -> str | None:
    """The publisher whose site the address is on ("https://subsites.chinadaily.com.cn/...": China
    Daily), or None for an address the table does not know."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    labels = host.split(".")
    known = _publishers()
    return next(
        (known[".".join(labels[i:])] for i in range(len(labels) - 1) if ".".join(labels[i:]) in known), None
    )
