"""The state writers' guards: bad arguments, the bundled sample, unreadable or unwritable files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tiekeeper import state as S
from tiekeeper.datasets import sample_path
from tiekeeper.errors import StateFileError

D = dt.date


def test_dates_must_be_dates_not_datetimes(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    noon = dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC)
    with pytest.raises(StateFileError, match=r"on=datetime.datetime\(2024, 6, 1, 12.*expected a"):
        S.mark_contacted(path, "Ada", on=noon)
    with pytest.raises(StateFileError, match=r"on='2024-06-01': expected a datetime.date"):
        S.mark_contacted(path, "Ada", on="2024-06-01")  # type: ignore[arg-type]
    with pytest.raises(StateFileError, match=r"until=datetime\.datetime"):
        S.snooze(path, "Ada", until=noon)
    with pytest.raises(StateFileError, match="note=3: expected a string or None"):
        S.mark_contacted(path, "Ada", on=D(2024, 6, 1), note=3)  # type: ignore[arg-type]
    with pytest.raises(StateFileError, match="company=None: expected a company name"):
        S.ignore_company(path, None)  # type: ignore[arg-type]
    assert not path.exists()  # nothing is written for a bad argument


def test_record_plan_rejects_a_datetime_for_on(tmp_path: Path) -> None:
    from types import SimpleNamespace

    import polars as pl

    plan = SimpleNamespace(
        as_of=dt.datetime(2024, 6, 30, tzinfo=dt.UTC),
        suggestions=pl.DataFrame({"person_id": ["0123456789abcdef"], "name": ["Ada"]}),
    )
    with pytest.raises(StateFileError, match=r"on=datetime\.datetime"):
        S.record_plan(tmp_path / "t.toml", plan, on=dt.datetime(2024, 7, 1, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    "where",
    [
        lambda: sample_path(),  # the export itself: tiekeeper.toml would go next to it
        lambda: sample_path().parent / "tiekeeper.toml",
        lambda: sample_path() / "tiekeeper.toml",
    ],
)
def test_never_writes_into_the_bundled_sample(where: object) -> None:
    target = where()  # type: ignore[operator]
    with pytest.raises(StateFileError, match=r"inside tiekeeper's bundled sample.*\.toml path"):
        S.ignore(target, "Ada Example")
    assert not (sample_path().parent / "tiekeeper.toml").exists()
    assert not (sample_path() / "tiekeeper.toml").exists()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "no" / "tiekeeper.toml"
    with pytest.raises(StateFileError, match=r"the folder .*no does not exist; create it"):
        S.set_cadence(path, "Ada", 30)


def test_a_file_that_is_not_utf8_is_named_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    raw = '[snooze]\n"Zo\xeb" = 2024-01-01\n'.encode("latin-1")
    path.write_bytes(raw)
    with pytest.raises(StateFileError, match=r"cannot read state file .*tiekeeper.toml.*UTF-8"):
        S.ignore(path, "Ada")
    with pytest.raises(StateFileError, match="save it as UTF-8"):
        S.load_state(path)
    assert path.read_bytes() == raw


def test_a_failed_replace_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tiekeeper.toml"
    S.ignore(path, "Ada")
    before = path.read_text(encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StateFileError, match=r"cannot write state file .*Permission denied"):
        S.ignore(path, "Bob")
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiekeeper.toml"]
