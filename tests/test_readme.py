"""Every ```python block in README.md runs, in order, in one namespace.

The README is the first code a user copies, so its examples must work. Blocks are
executed top to bottom in a single namespace (a later block may use names an earlier
one defined), with the working directory set to a fresh temporary folder so that
anything the examples write lands there. ```bash blocks (the Quick start) are not run
here: `.ci/run` covers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"

#: fence info strings (first word, case-insensitive) that mark a runnable block
PYTHON_LANGS = frozenset({"python", "py", "python3"})

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its language, first source line (1-based) and code."""

    lang: str
    line: int
    code: str


def fenced_blocks(text: str) -> list[Block]:
    """Return every fenced code block of a CommonMark text, in order.

    A block opens with three or more backticks or tildes (indented at most three
    spaces) and closes with a fence of the same character that is at least as long
    and carries no info string. An unclosed block runs to the end of the text, as in
    CommonMark.
    """
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
            i += 1
            continue
        fence, indent = match["fence"], len(match["indent"])
        info = match["info"].strip()
        lang = info.split()[0].lower() if info else ""
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            close = _FENCE.match(lines[j])
            if (
                close is not None
                and close["fence"][0] == fence[0]
                and len(close["fence"]) >= len(fence)
                and not close["info"].strip()
            ):
                break
            line = lines[j]
            # content lines lose up to `indent` leading spaces (CommonMark)
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            j += 1
        blocks.append(Block(lang=lang, line=i + 2, code="\n".join(body) + "\n"))
        i = j + 1
    return blocks


def python_blocks(text: str) -> list[Block]:
    """The fenced blocks of ``text`` whose language is Python."""
    return [b for b in fenced_blocks(text) if b.lang in PYTHON_LANGS]


def run_blocks(blocks: list[Block], namespace: dict[str, object], *, source: str) -> None:
    """Execute ``blocks`` in order in ``namespace``; name the block that fails."""
    for n, block in enumerate(blocks, start=1):
        code = compile(block.code, f"{source}:{block.line}", "exec")
        try:
            exec(code, namespace)
        except Exception as err:  # re-raised with the block's location
            raise AssertionError(
                f"{source}: python block {n} (starting at line {block.line}) failed: "
                f"{type(err).__name__}: {err}\n--- block ---\n{block.code}"
            ) from err


# ---------------------------------------------------------------- the extractor

SAMPLE = '''\
# Title

```bash
make report
```

Some text.

```python
x = 1
```

~~~~python title="ignored extras"
y = x + 1
backticks = """
```
"""
~~~~

```
untagged = True
```

   ```Python
   z = y * 10
   ```

Inline ```python not a fence``` stays prose.

```pycon
>>> 1 + 1
```

```py
w = z + 1
```
'''


def test_extractor_finds_only_python_blocks_in_order() -> None:
    blocks = python_blocks(SAMPLE)
    assert [b.lang for b in blocks] == ["python", "python", "python", "py"]
    assert blocks[0] == Block("python", 10, "x = 1\n")
    # the tilde fence is closed only by a tilde fence at least as long
    assert blocks[1].code == 'y = x + 1\nbackticks = """\n```\n"""\n'
    assert blocks[1].line == 14
    # an indented fence strips its own indentation from the content
    assert blocks[2].code == "z = y * 10\n"
    assert blocks[3].code == "w = z + 1\n"


def test_extractor_sees_other_languages_but_does_not_run_them() -> None:
    langs = [b.lang for b in fenced_blocks(SAMPLE)]
    assert langs == ["bash", "python", "python", "", "python", "pycon", "py"]


def test_extractor_unclosed_block_runs_to_the_end() -> None:
    blocks = python_blocks("text\n```python\na = 1\nb = 2\n")
    assert blocks == [Block("python", 3, "a = 1\nb = 2\n")]


def test_extractor_on_text_without_code() -> None:
    assert python_blocks("# Nothing here\n\nJust prose.\n") == []


def test_blocks_really_run_in_one_namespace() -> None:
    namespace: dict[str, object] = {}
    run_blocks(python_blocks(SAMPLE), namespace, source="SAMPLE")
    # x = 1; y = x + 1 = 2; z = y * 10 = 20; w = z + 1 = 21
    assert (namespace["x"], namespace["y"], namespace["z"], namespace["w"]) == (1, 2, 20, 21)
    assert namespace["backticks"] == "\n```\n"


def test_a_failing_block_is_reported_with_its_line() -> None:
    blocks = python_blocks("ok\n\n```python\nraise ValueError('boom')\n```\n")
    with pytest.raises(AssertionError, match=r"block 1 \(starting at line 4\).*boom"):
        run_blocks(blocks, {}, source="X.md")


# ---------------------------------------------------------------- the README


def test_readme_python_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run README.md's python blocks in order, in one namespace, from a temp dir.

    With no python blocks this still checks that the README exists and parses.
    """
    text = README.read_text(encoding="utf-8")
    blocks = python_blocks(text)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    run_blocks(blocks, namespace, source="README.md")
