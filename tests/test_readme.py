"""The README's examples run as written and print what the README shows."""

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from assistant import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
CONSOLE_BLOCKS = re.findall(r"```console\n(.*?)```", README, re.DOTALL)
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index for every example, outside the checkout."""
    return tmp_path_factory.mktemp("readme-index")


@pytest.mark.slow
@pytest.mark.parametrize("block", CONSOLE_BLOCKS, ids=[b.splitlines()[0][:60] for b in CONSOLE_BLOCKS])
def test_console_example(block: str, index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_INDEX_DIR", str(index_dir))
    command, *expected = block.strip("\n").splitlines()
    argv = shlex.split(command.removeprefix("$ "))
    assert argv[0] == "policy-assistant"
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(argv[1:], out=out, err=err) == 0, err.getvalue()
    for line in expected:
        assert line.strip() in out.getvalue(), line


@pytest.mark.slow
def test_python_example(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_INDEX_DIR", str(index_dir))
    (code,) = PYTHON_BLOCKS
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert "physical condition" in printed.getvalue()
    assert "[1]" in printed.getvalue()
