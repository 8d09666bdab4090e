"""Where the browser tests find Debian's Chromium, and the flags it runs headless with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("POLICY_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# CI sets POLICY_ASSISTANT_REQUIRE_BROWSER=1: there a missing Chromium fails instead of skipping.
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("POLICY_ASSISTANT_REQUIRE_BROWSER"),
    reason=f"no Chromium at {CHROMIUM}: apt-get install chromium",
)
