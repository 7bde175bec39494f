"""The :class:`Plan` a reach-out call returns: three lists, and how to show them."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

import polars as pl

from tiekeeper.errors import ParameterError, require_pandas

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["LISTS", "Plan"]

#: The plan's three lists, in the order they are shown.
LISTS: tuple[str, ...] = ("owed_replies", "suggestions", "give_space")


@dataclass(frozen=True, repr=False)
class Plan:
    """A weekly reach-out plan (see :func:`reach_out`).

    :func:`reach_out` builds it; the fields below are also its attributes.

    Parameters
    ----------
    suggestions, owed_replies, give_space : polars.DataFrame
        One row per person, schema ``tiekeeper.schema.SCHEMAS["plan"]``.
    as_of : datetime.datetime
        The reference time of the scores (aware UTC).
    k : int
        The number of suggestions asked for.
    notes : tuple of str
        What the plan skipped and why (ignored, snoozed, cool-down), and any
        name in the state file that matched nobody.

    Examples
    --------
    >>> import tiekeeper
    >>> plan = tiekeeper.reach_out(tiekeeper.load_export(), k=5)
    >>> plan.k, plan.suggestions.height
    (5, 5)
    >>> print(repr(plan).splitlines()[0])
    Plan as of 2025-03-14 (k=5): 2 owed replies, 5 suggestions, 5 to give space
    """

    suggestions: pl.DataFrame
    owed_replies: pl.DataFrame
    give_space: pl.DataFrame
    as_of: dt.datetime
    k: int
    notes: tuple[str, ...] = ()

    @property
    def frame(self) -> pl.DataFrame:
        """All three lists in one frame, in display order; ``slot`` tells them apart.

        Examples
        --------
        >>> import tiekeeper
        >>> plan = tiekeeper.reach_out(tiekeeper.load_export(), k=5)
        >>> plan.frame.height == sum(getattr(plan, n).height for n in LISTS)
        True
        >>> plan.frame["slot"].unique(maintain_order=True).to_list()
        ['owed', 'top', 'explore', 'give_space']
        """
        return pl.concat([self.owed_replies, self.suggestions, self.give_space])

    @overload
    def to_pandas(self, name: None = None) -> dict[str, pd.DataFrame]: ...
    @overload
    def to_pandas(self, name: str) -> pd.DataFrame: ...
    def to_pandas(self, name: str | None = None) -> pd.DataFrame | dict[str, pd.DataFrame]:
        """One list as a pandas frame, or a dict of all three (needs pandas).

        Parameters
        ----------
        name : str, optional
            ``"owed_replies"``, ``"suggestions"`` or ``"give_space"``; None
            converts all three.

        Returns
        -------
        pandas.DataFrame or dict of str to pandas.DataFrame
            The named list, or every list by name.

        Raises
        ------
        MissingDependencyError
            When pandas or pyarrow is not installed.
        ParameterError
            When ``name`` is not one of the three lists.

        Examples
        --------
        >>> import tiekeeper
        >>> plan = tiekeeper.reach_out(tiekeeper.load_export(), k=5)
        >>> plan.to_pandas("suggestions").shape[0]
        5
        >>> sorted(plan.to_pandas())
        ['give_space', 'owed_replies', 'suggestions']
        """
        require_pandas()
        if name is None:
            return {n: getattr(self, n).to_pandas() for n in LISTS}
        if name not in LISTS:
            raise ParameterError(f"name={name!r} is not a plan list; expected one of {LISTS}")
        out: pd.DataFrame = getattr(self, name).to_pandas()
        return out

    def _sections(self) -> list[tuple[str, pl.DataFrame]]:
        return [
            ("Owed replies", self.owed_replies),
            ("Suggestions", self.suggestions),
            ("Give them space", self.give_space),
        ]

    def __repr__(self) -> str:
        day = self.as_of.date().isoformat()
        n_o, n_s = self.owed_replies.height, self.suggestions.height
        lines = [
            f"Plan as of {day} (k={self.k}): {n_o} owed repl{'y' if n_o == 1 else 'ies'}, "
            f"{n_s} suggestion{'' if n_s == 1 else 's'}, {self.give_space.height} to give space"
        ]
        for title, frame in self._sections():
            if frame.height:
                lines.append(f"{title}:")
            for i, r in enumerate(frame.iter_rows(named=True), 1):
                at = f" ({r['company']})" if r["company"] else ""
                why = r["reasons"][0] if r["reasons"] else ""
                lines.append(f"  {i:>2}. {r['name']}{at} [{r['kind']}] {why}")
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        out = [f"<p><b>{e(repr(self).splitlines()[0])}</b></p>"]
        for title, frame in self._sections():
            if not frame.height:
                continue
            rows = "".join(
                f"<tr><td>{e(str(r['name']))}</td><td>{e(str(r['company'] or ''))}</td>"
                f"<td>{e(r['kind'])}</td><td>{e(str(r['status'] or ''))}</td>"
                f"<td>{e(' '.join(r['reasons'] or []))}</td><td>{e(r['opener'])}</td></tr>"
                for r in frame.iter_rows(named=True)
            )
            out.append(
                f"<h4>{e(title)}</h4><table><tr><th>name</th><th>company</th><th>kind</th>"
                f"<th>status</th><th>why</th><th>opener</th></tr>{rows}</table>"
            )
        out += [f"<p><i>{e(n)}</i></p>" for n in self.notes]
        return "".join(out)
