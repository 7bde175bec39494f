"""The HTML report: one self-contained file that tells the whole story.

A :class:`Report` is built in stages, each a small module you can use alone:

1. :mod:`~tiekeeper.report.inputs` runs the library once (score, plan,
   career, graph, communities, bridges, strength history; the changes
   between exports when there are several, :mod:`~tiekeeper.report.changes`);
2. :mod:`~tiekeeper.report.redact` replaces people by pseudonyms when
   ``redact=True`` (in one place, before anything is shown), and
   :mod:`~tiekeeper.report.spelling` gives each company one display spelling;
3. :mod:`~tiekeeper.report.summarize` turns the frames into plain data; a
   section whose data category the export lacks names it instead of
   concluding (:func:`tiekeeper.io.categories.what_is_missing`);
4. :mod:`~tiekeeper.report.figures` draws the charts with :mod:`tiekeeper.plots`;
5. :mod:`~tiekeeper.report.render` renders a jinja2 template (autoescaped)
   into one HTML file with plotly.js inlined: it opens anywhere, works
   offline and makes no request of any kind.

Examples
--------
>>> import tiekeeper
>>> report = tiekeeper.Report(tiekeeper.load_export())   # doctest: +SKIP
>>> path = report.write_html("report.html")              # doctest: +SKIP
"""

from __future__ import annotations

import html
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiekeeper.asof import AsOf
from tiekeeper.errors import ParameterError
from tiekeeper.report.redact import Redactor

if TYPE_CHECKING:
    from collections.abc import Sequence

    import plotly.graph_objects as go

    from tiekeeper.history import History
    from tiekeeper.io import Export
    from tiekeeper.report.inputs import ReportInputs
    from tiekeeper.scoring.params import ScoringParams
    from tiekeeper.state import State

__all__ = ["Redactor", "Report"]


class Report:
    """The relationship report of one export, as one self-contained HTML page.

    Parameters
    ----------
    export : tiekeeper.io.Export or tiekeeper.history.History
        From :func:`tiekeeper.load_export`, or several exports of one person
        from :func:`tiekeeper.load_history`: the report then scores their
        merged record and adds the section "What changed since your last
        export" (:func:`tiekeeper.changes`).
    previous : Export, History, path, or a list of them, optional
        Earlier exports of the same person (paths are loaded): the same as
        passing the History of ``export`` and these.
    as_of : date, datetime or str, optional
        The reference time; defaults to the export date.
    params : ScoringParams, optional
        Scoring parameters (defaults are the reference model's).
    redact : bool or Redactor
        ``True`` replaces every person by a pseudonym that is random for this
        report, and drops message text, profile URLs and e-mail addresses (the
        owner becomes "You"; companies stay). Pass a
        :class:`~tiekeeper.report.redact.Redactor` built with a ``seed`` for
        reproducible pseudonyms (tests).
    seed : int
        Seed of the plan's tie-breaks, community detection and network layout;
        the same inputs and seed give byte-identical HTML.
    k : int
        How many people the "reach out this week" list holds.
    state : State, path or None
        Your state file (ignored and snoozed people, target cadences, logged
        contacts): a :class:`tiekeeper.state.State` or the path of a ``.toml``
        file (``~`` is expanded). None looks for ``tiekeeper.toml`` next to
        the export, as :func:`tiekeeper.score` does.

    Examples
    --------
    >>> Report(None, k=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: k=0 must be a whole number from 1 to 100 ...
    """

    def __init__(
        self,
        export: Export | History,
        *,
        previous: Export
        | History
        | str
        | os.PathLike[str]
        | Sequence[Export | History | str | os.PathLike[str]]
        | None = None,
        as_of: AsOf = None,
        params: ScoringParams | None = None,
        redact: bool | Redactor = False,
        seed: int = 0,
        k: int = 10,
        state: State | str | os.PathLike[str] | None = None,
    ) -> None:
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 100:
            raise ParameterError(
                f"k={k!r} must be a whole number from 1 to 100 (the size of the weekly list)"
            )
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ParameterError(f"seed={seed!r} must be an int")
        if not isinstance(redact, bool | Redactor):
            raise ParameterError(
                f"redact must be True, False or a tiekeeper.report.Redactor; got "
                f"{type(redact).__name__}"
            )
        from tiekeeper.io.export import as_export
        from tiekeeper.report.changes import as_history

        #: The exports compared in "What changed since your last export" (None: one export).
        self.history = as_history(export, previous)
        # a History reports on its merged record
        self.export = as_export(self.history if self.history is not None else export)
        self.as_of = as_of
        self.params = params
        self.redact = redact
        self.seed = seed
        self.k = k
        self.state = state

    @cached_property
    def inputs(self) -> ReportInputs:
        """The frames the report shows: redacted if asked, each company in one spelling.

        A :class:`~tiekeeper.report.inputs.ReportInputs`, built on first access and
        kept: the scores, the plan's lists, the interactions and the rest, with
        each company in one display spelling.

        Examples
        --------
        >>> import tiekeeper
        >>> report = tiekeeper.Report(tiekeeper.load_export(), k=5)
        >>> report.inputs.suggestions.height
        5
        >>> report.inputs.scores.columns[:3]
        ['person_id', 'name', 'company']
        """
        from tiekeeper.report.inputs import collect_inputs, redact_inputs
        from tiekeeper.report.spelling import respell_inputs

        raw = collect_inputs(
            self.export,
            as_of=self.as_of,
            params=self.params,
            k=self.k,
            seed=self.seed,
            state=self.state,
            history=self.history,
        )
        if self.redact is not False:
            redactor = (
                self.redact
                if isinstance(self.redact, Redactor)
                else Redactor.from_export(self.export)
            )
            raw = redact_inputs(raw, redactor)
        return respell_inputs(raw)

    @cached_property
    def summary(self) -> dict[str, Any]:
        """The report as plain data (see :func:`tiekeeper.report.summarize.summarize`).

        Examples
        --------
        >>> import tiekeeper
        >>> summary = tiekeeper.Report(tiekeeper.load_export()).summary
        >>> {"counts", "fading", "meta"} <= set(summary)
        True
        """
        from tiekeeper.report.summarize import summarize

        return summarize(self.inputs)

    def figures(self) -> dict[str, go.Figure]:
        """The report's plotly figures, keyed by section (timeline, cadence, network, …).

        Returns
        -------
        dict of str to plotly.graph_objects.Figure
            One figure per chart with something to show, in page order.

        Examples
        --------
        >>> import tiekeeper
        >>> figures = tiekeeper.Report(tiekeeper.load_export()).figures()
        >>> list(figures)
        ['timeline', 'distribution', 'cadence', 'history', 'career', 'network']
        """
        from tiekeeper.report.figures import build_figures

        return build_figures(self.inputs, seed=self.seed)

    @cached_property
    def _figures(self) -> dict[str, Any]:
        """The figures the page and the images share (built once; never changed)."""
        return self.figures()

    def html(self) -> str:
        """The whole report as one HTML document (plotly.js inlined, no request of any kind).

        Returns
        -------
        str
            The page, built on the first call and kept.

        Examples
        --------
        >>> import tiekeeper
        >>> page = tiekeeper.Report(tiekeeper.load_export(), redact=True).html()
        >>> import re
        >>> page.startswith("<!DOCTYPE html>"), re.search(r"<script[^>]+src=", page) is None
        (True, True)
        """
        cached = self.__dict__.get("_html")
        if cached is None:
            from tiekeeper.report.render import render_html

            cached = self.__dict__["_html"] = render_html(self.summary, self._figures)
        return str(cached)

    def write_images(
        self, folder: str | os.PathLike[str], *, fmt: str = "png", scale: float = 2.0
    ) -> list[Path]:
        """Write each chart of the report as an image in ``folder``: ``<chart>.png``.

        The charts are the page's (``timeline.png``, ``distribution.png``,
        ``cadence.png``, ``history.png``, ``career.png``, ``network.png``, those
        with something to show), redacted when the report is. The folder is
        created if missing; existing images are overwritten. Needs kaleido
        (``pip install 'tiekeeper[images]'``) and Chrome or Chromium, see
        :func:`tiekeeper.plots.save`.

        Parameters
        ----------
        folder : str or path-like
            Where the images go (``~`` is expanded); created if missing.
        fmt : {"png", "svg"}
            The images' format, and their suffix.
        scale : float
            PNG pixels per CSS pixel.

        Returns
        -------
        list of pathlib.Path
            The images written, in page order.

        Raises
        ------
        ParameterError
            For another ``fmt``, or a ``folder`` that is a file (before any
            browser starts).
        MissingDependencyError
            When kaleido or a Chrome/Chromium browser is missing.

        Examples
        --------
        Drawing starts Chrome or Chromium (about two seconds, after the report's
        few seconds of scoring and layout), which a machine may not have: those
        lines are skipped here, and ``tests/test_images.py`` draws them.

        >>> import tempfile, tiekeeper
        >>> report = tiekeeper.Report(tiekeeper.load_export(), redact=True)
        >>> folder = tempfile.mkdtemp()
        >>> paths = report.write_images(folder)  # doctest: +SKIP
        >>> [p.stem for p in paths]  # doctest: +SKIP
        ['timeline', 'distribution', 'cadence', 'history', 'career', 'network']
        >>> report.write_images(folder, fmt="jpg")
        Traceback (most recent call last):
        ...
        tiekeeper.errors.ParameterError: fmt='jpg' is not an image format; expected 'png' or 'svg'
        """
        from tiekeeper.plots.static import require_kaleido, save_all

        if fmt not in ("png", "svg"):
            raise ParameterError(f"fmt={fmt!r} is not an image format; expected 'png' or 'svg'")
        require_kaleido()
        out = Path(folder).expanduser()
        if out.exists() and not out.is_dir():
            raise ParameterError(f"{out}: this is a file; expected a folder for the images")
        out.mkdir(parents=True, exist_ok=True)
        return save_all(
            {out / f"{key}.{fmt}": fig for key, fig in self._figures.items()}, scale=scale
        )

    def write_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the report to ``path`` (UTF-8) and return the path.

        Parameters
        ----------
        path : str or os.PathLike
            The HTML file to write (``~`` is expanded), overwritten if it
            exists; its folder must exist.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        ParameterError
            If ``path`` is a folder, its folder does not exist, or it cannot be
            written (the message names the path and the reason).

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import tiekeeper
        >>> report = tiekeeper.Report(tiekeeper.load_export(), redact=True)
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = report.write_html(Path(tmp) / "report.html")
        ...     print(path.name, path.read_text(encoding="utf-8") == report.html())
        report.html True
        """
        out = Path(path).expanduser()
        if out.is_dir():
            raise ParameterError(
                f"path={str(out)!r} is a folder; give a file name such as "
                f"{str(out / 'report.html')!r}"
            )
        if not out.parent.is_dir():
            raise ParameterError(
                f"cannot write the report to {str(out)!r}: the folder {str(out.parent)!r} does "
                "not exist; create it first or choose another path"
            )
        page = self.html()
        try:
            out.write_text(page, encoding="utf-8")
        except OSError as err:
            raise ParameterError(
                f"cannot write the report to {str(out)!r}: {err.strerror or err}; choose a "
                "path in a folder you can write to"
            ) from err
        return out

    def _repr_html_(self) -> str:
        """Show the report inside Jupyter, isolated in a sandboxed iframe."""
        page = html.escape(self.html(), quote=True)
        return (
            '<iframe title="tiekeeper report" sandbox="allow-scripts" '
            'style="width: 100%; height: 900px; border: 1px solid #ddd; border-radius: 6px" '
            f'srcdoc="{page}"></iframe>'
        )

    def __repr__(self) -> str:
        flags = ", redacted" if self.redact is not False else ""
        if self.history is not None:
            flags += f", {len(self.history.snapshots)} exports"
        return f"Report(as_of={self.as_of!r}, k={self.k}, seed={self.seed}{flags})"
