"""The distributions as a package index sees them: built offline, checked by twine.

The sdist and the wheel are built without build isolation (hatchling and
hatch-fancy-pypi-readme come with the ``dev`` extra), so nothing is fetched.
"""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# a markdown link or image, with its target
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    # no flags: the sdist first, then the wheel built from the unpacked sdist, as an
    # installer that only finds the sdist would do
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("tiekeeper-*.whl")
    (sdist,) = out.glob("tiekeeper-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


@pytest.fixture(scope="module")
def metadata(dists: dict[str, Path]) -> Message:
    with zipfile.ZipFile(dists["wheel"]) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(zf.read(name))


def test_twine_check_passes_on_both_distributions(dists: dict[str, Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dists.values())],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_the_licence_is_an_spdx_expression_with_its_file_in_both(
    dists: dict[str, Path], metadata: Message
) -> None:
    assert metadata["License-Expression"] == "BSD-3-Clause"
    assert metadata.get_all("License-File") == ["LICENSE"]
    # with a License-Expression, a licence classifier is an error (PEP 639)
    assert not [c for c in metadata.get_all("Classifier", []) if c.startswith("License ::")]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("BSD 3-Clause License") and "tiekeeper developers" in text
    with zipfile.ZipFile(dists["wheel"]) as zf:
        assert [n for n in zf.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    with tarfile.open(dists["sdist"]) as tf:
        assert "tiekeeper-0.1.0/LICENSE" in tf.getnames()


def test_no_placeholder_url(metadata: Message) -> None:
    urls = [*metadata.get_all("Project-URL", []), metadata.get("Home-page") or ""]
    assert not [u for u in urls if "example" in u or "invalid" in u], urls
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "example.invalid" not in str(project.get("urls", {}))


def test_the_long_description_has_no_relative_link_or_image(metadata: Message) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    relative = [t for t in _LINK.findall(readme) if not t.startswith(("https://", "http://"))]
    # the README does have some (its screenshot, links to bench/): the rewrite is needed
    assert relative, "README.md has no relative link any more: simplify the rewrite"
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert isinstance(description, str)
    targets = _LINK.findall(description)
    assert targets, "the links to other sites should survive"
    assert all(t.startswith(("https://", "http://")) for t in targets), targets
    # the rest of the README is there: its first and last sections
    assert description.startswith("# tiekeeper")
    assert "## Quick start" in description and "## Development" in description
    # a link to a file of the checkout becomes its path, as code
    assert "`bench/RESULTS-scoring.md`" in description
