# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 7 · Your report, to keep or to share
#
# **The question: how do I keep the whole picture in one file, or share it safely with a
# mentor or career coach?**
#
# The report gathers everything from the other notebooks on one page: an overview, this
# week's reach-out plan, owed replies, your fading relationships, former colleagues by job,
# the network, and who you know at each company. It is a **single HTML file** that opens
# in any web browser, works offline and makes no connection to the internet.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import tempfile
from pathlib import Path

import tiekeeper as tk

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
out_dir = Path(tempfile.mkdtemp(prefix="tiekeeper-"))

# %% [markdown]
# ## Your own report
#
# This one contains real names, companies and the reasons behind every suggestion. It is
# for you. The file goes to a new temporary folder, not next to your export; copy it
# wherever you like.

# %%
report = tk.Report(export)
path = report.write_html(out_dir / "tiekeeper-report.html")
print(f"Written {path.stat().st_size / 1e6:.1f} MB to {path}")
print("Open it in your browser:", path.as_uri())

# %% [markdown]
# To look at it right here instead, put `report` alone in a cell and run it.
#
# ## A redacted report, for sharing
#
# With `redact=True`, every person's name is replaced by a made-up name (the same person
# keeps the same made-up name throughout the report, but the names change every time you
# make a new report, so they cannot be traced back). Message text, profile links and
# e-mail addresses are removed; you become "You". **Companies stay**, so a coach can still
# see where your network is strong.

# %%
redacted = tk.Report(export, redact=True)
redacted_path = redacted.write_html(out_dir / "tiekeeper-report-redacted.html")
print(f"Written {redacted_path.stat().st_size / 1e6:.1f} MB to {redacted_path}")
print("Open it in your browser:", redacted_path.as_uri())

# %% [markdown]
# ## Check before you share
#
# A quick check that none of the names of people in your export appears in the redacted
# file. It should print `0`. Still, open the file and read it before you send it: you are
# the best judge of what is private.

# %%
text = redacted_path.read_text(encoding="utf-8").casefold()
names = export.people["name"].drop_nulls().unique().to_list()
leaked = sorted(name for name in names if len(name) > 3 and name.casefold() in text)
print(len(leaked), "names found in the redacted report", leaked[:5])

# %% [markdown]
# ## From the command line
#
# The same reports, without a notebook:
#
# ```bash
# tiekeeper report path/to/your.zip -o report.html
# tiekeeper report path/to/your.zip -o report-redacted.html --redact
# ```
