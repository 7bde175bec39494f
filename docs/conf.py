"""Sphinx configuration of the tiekeeper documentation (``make docs`` -> site/).

Built offline: no intersphinx, no remote assets, and the theme's external links,
analytics and version switcher are off. The API pages, the schema tables and the
notebook pages are generated at build time (``_ext/tiekeeper_docs.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

import tiekeeper  # noqa: E402

project = "tiekeeper"
author = "tiekeeper developers"
copyright = "tiekeeper developers"
release = version = tiekeeper.__version__

extensions = [
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx_click",
    "myst_nb",
    "tiekeeper_docs",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "notebooks/*.py"]
templates_path: list[str] = []
nitpicky = True
# types from other libraries: their docs are not fetched (no intersphinx, no network)
nitpick_ignore_regex = [
    (r"py:.*", r"(pl|polars|pd|pandas|np|numpy|nx|networkx|go|plotly|igraph|click)\..*"),
    (r"py:.*", r"(datetime|pathlib|collections\.abc|typing|os|io|re|enum|dataclasses)\..*"),
    (r"py:.*", r"(Path|PathLike|Sequence|Iterable|Iterator|Mapping|Callable|Any|Literal)"),
    (r"py:.*", r"(date|datetime|timedelta|tzinfo|Figure|DataFrame|Series|LazyFrame|Expr)"),
    (r"py:.*", r"(DataType|Graph|MultiGraph|TextIO|BinaryIO|ZipFile|Self|NoReturn)"),
    (r"py:.*", r"(Console|Table)"),  # rich's
    (r"py:class", r"tuple\[.*"),  # autodoc's split of tuple[str, ...] annotations
]

# --- autodoc + numpydoc -------------------------------------------------------
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"exclude-members": "__init__, __new__"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = True
numpydoc_xref_param_type = False
# numpydoc's docstring validation: every check but two the project's style leaves out
# (an extended summary, a See Also section). Gaps in existing docstrings are listed,
# name by name and check by check, in numpydoc_debt.txt (_ext/tiekeeper_docs.py);
# any other failure is a warning, so an error with -W.
numpydoc_validation_checks = {"all", "ES01", "SA01"}

# --- notebooks (myst-nb + jupyter-cache) --------------------------------------
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / ".jupyter_cache")
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_ipywidgets_js: dict[str, dict[str, str]] = {}  # no require.js / widget manager from a CDN
nb_merge_streams = True
# A plotly chart's output holds its JSON (for JupyterLab) and an HTML rendering with
# plotly.js inline (tiekeeper.plots.use_notebook_renderer): pages show the HTML, and
# myst-nb's note that it cannot render the JSON says nothing.
suppress_warnings = ["mystnb.unknown_mime_type"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# --- HTML ---------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "tiekeeper"
html_static_path = ["_static"]
html_css_files = ["tiekeeper.css"]
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "icon_links": [],
    "use_edit_page_button": False,
    "show_version_warning_banner": False,
    "check_switcher": False,
    "navbar_align": "left",
    "header_links_before_dropdown": 6,
    "navbar_end": ["theme-switcher"],
    "footer_start": ["copyright"],
    "footer_end": [],
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "analytics": {},
}
html_context = {"default_mode": "light"}
