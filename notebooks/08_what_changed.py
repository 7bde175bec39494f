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
#
# %% [markdown]
# # 8 · What changed since your last export?
#
# **The question: who moved jobs, who joined my network and who left it, since I last
# downloaded my data?**
#
# One LinkedIn export is a snapshot: `Connections.csv` holds each person's company and
# title *as of the day you downloaded it*. So one export cannot tell you that someone
# changed jobs. Two exports side by side can. If you download your archive again every
# few months, keep the old ones (or their folders) and point this notebook at them:
# everything happens on your computer, nothing is sent anywhere.
#
# A move is the most natural reason to get back in touch ("I saw you joined Globex, how
# is it going?"), and tiekeeper uses the moves it finds in the weekly plan below.

# %% [markdown]
# ## Step 1 · Point the notebook at your exports
#
# - `EXPORT` is a folder that holds two or more of your exports (zips or unpacked
#   folders, named as LinkedIn names them, with the date), or a list of paths.
#   `None` uses a small fictional history that ships with tiekeeper: three exports of one
#   invented person, from September 2023 to March 2025.
# - `AS_OF` is "today" for the plan at the end; `None` means the day of the newest export.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional history; or a folder of your export zips, or a list
AS_OF = None  # the analysis date; None means the day the newest export was made

# %%
import polars as pl

import tiekeeper as tk

tk.plots.use_notebook_renderer()  # charts that survive export to HTML

history = tk.load_history(EXPORT or tk.datasets.sample_history_path())
export = history.latest  # the newest export
print(history)
for note in history.notes:
    print("Note:", note)

# %% [markdown]
# ## Step 2 · Everything that changed
#
# Each row is one change between two consecutive exports. `between` gives the dates of
# those two exports: the change happened somewhere in that window.
#
# | kind | what it means |
# |---|---|
# | company_changed | a job move: a different, real company (a new spelling of the same company, or a move to "Self-employed" or "Confidential", is not a move) |
# | title_changed | a new title at the same company |
# | connection_added / connection_removed | someone joined or left your connections |
# | name_changed / url_changed | the same person under a new name or profile address (never counted as one person leaving and another joining) |
# | owner_position_added | a new position on your own profile |

# %%
changes = tk.changes(history)
tk.show(changes.group_by("kind").agg(changes=pl.len()).sort("changes", descending=True))

# %% [markdown]
# ## Step 3 · Who moved
#
# These are the people whose company changed between two of your exports. When the
# title changed too, it appears after the company ("Globex · Head of Data").

# %%
moves = changes.filter(pl.col("kind") == "company_changed")
tk.show(moves.select("name", "before", "after", "seen_after", "seen_before"))

# %% [markdown]
# ## Step 4 · Who joined and who left your network
#
# A connection is only "removed" when both exports include your connections: if you
# asked LinkedIn for only some categories, a missing file means "unknown", not "gone".

# %%
tk.show(
    changes.filter(pl.col("kind").is_in(["connection_added", "connection_removed"])).select(
        "name", "kind", "before", "after", "seen_before"
    )
)

# %% [markdown]
# ## Step 5 · The whole record, kept
#
# Newer exports sometimes lack conversations that older ones had (deleted threads, or
# limits on what LinkedIn includes). The *merged* record keeps every message of every
# export exactly once, so your history never shrinks. Each message remembers the newest
# export it was seen in.

# %%
merged = history.merged
print("Messages in the newest export:", history.latest.messages.height)
print("Messages in the merged record:", merged.messages.height)
tk.show(merged.messages.group_by("snapshot").agg(messages=pl.len()).sort("snapshot"))

# %%
tk.plots.timeline(merged)

# %% [markdown]
# ## Step 6 · This week's plan, with the news
#
# The plan reads the merged record, and a move between your last two exports is news:
# the person's first reason says where they moved and when, and the opener congratulates
# them. A move seen across exports far apart (by default more than two years) is old news
# and is named as such.

# %%
plan = tk.reach_out(history, k=10, as_of=AS_OF)
tk.show(plan.suggestions.select("name", "company", "kind", pl.col("reasons").list.first(), "opener"))
