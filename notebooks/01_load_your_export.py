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
# # 1 · Load your LinkedIn export
#
# **The question: what is in my LinkedIn data, and did tiekeeper read all of it?**
#
# This is the first of seven notebooks. It shows how to get your data from LinkedIn, loads
# it, and tells you exactly what was read, what was skipped and why. Nothing you load here
# leaves your computer: tiekeeper never connects to the internet.
#
# To run it, choose **Run → Run All Cells**. As it comes, the notebook uses a small
# *fictional* sample export that ships with tiekeeper, so you can see how everything works
# before you point it at your own data.

# %% [markdown]
# ## Step 1 · Download your data from LinkedIn
#
# 1. Sign in to LinkedIn in a web browser, click **Me** (your photo, top right) and choose
#    **Settings & Privacy**.
# 2. Click **Data privacy** in the menu on the left, then **Get a copy of your data**.
# 3. Choose what you want:
#    - **Download larger data archive** gives the most complete picture; or
#    - **Want something in particular? Select the data files you're most interested in**
#      lets you pick categories. Tick at least **Connections**, **Messages**,
#      **Invitations** and **Positions**. **Endorsements**, **Recommendations** and
#      **Profile** add useful detail.
# 4. Click **Request archive** and type your password if LinkedIn asks for it.
# 5. Wait for LinkedIn's e-mail. A few categories usually arrive within minutes; the
#    larger archive can take up to 24 hours.
# 6. Follow the link in the e-mail (or go back to **Get a copy of your data**) and click
#    **Download archive**. The download stays available for 72 hours.
# 7. You now have a file named like `Basic_LinkedInDataExport_03-14-2025.zip`.
#    **Use the zip as it is: there is no need to unzip it.** (An unzipped folder works
#    too.)
#
# Keep the zip somewhere private: it holds your messages.

# %% [markdown]
# ## Step 2 · Tell the notebook where your export is
#
# The next cell is the only one you need to edit, here and in every other notebook.
#
# - `EXPORT = None` explores the fictional sample. For your own data, put the path to your
#   zip between quotes, for example:
#   `EXPORT = "/Users/me/Downloads/Basic_LinkedInDataExport_03-14-2025.zip"`
#   (on Windows, `EXPORT = r"C:\Users\me\Downloads\Basic_LinkedInDataExport_03-14-2025.zip"`).
# - `AS_OF` is the date the analysis treats as "today". `None` means the day your export
#   was made, so running the notebook again next month gives the same answer. Set it to a
#   date such as `"2024-12-31"` to see how things stood then.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %% [markdown]
# ## Step 3 · Load it

# %%
import polars as pl

import tiekeeper as tk

# show whole sentences and up to 30 rows in tables
# charts that survive export to HTML; TIEKEEPER_STATIC_CHARTS=1 (set before starting
# Jupyter) also stores each chart as a PNG, for viewers that strip JavaScript
tk.plots.use_notebook_renderer()

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
print(export.summary())

# %% [markdown]
# That is the whole export at a glance: whose it is, when it was made, how many
# connections, messages and other records were found, and any file that needs a look.
# The analysis date ("as of") is shown too; every later notebook measures "days since you
# last talked" from it.

# %%
print("Whose export:        ", export.owner.name)
print("Made on:             ", export.export_date)
print("Analysis date (as_of):", export.as_of.date())

# %% [markdown]
# ## Step 4 · What was read, and what was skipped
#
# The **parse report** has one row per file in the export. Read it like this:
#
# - **status** `parsed` means the file was read. `empty` or `header-only` means LinkedIn
#   sent the file with nothing in it (common: you only get data you have). `ignored` files
#   are not tables, such as the web pages of articles you wrote, so they are not read.
#   `not-a-table` or `error` means a file could not be read at all; **reason** says why.
# - **logical_name** says what tiekeeper took the file to be. Files it knows but does not
#   use (your comments, searches, logins …) keep their own name; `unknown` files are new to
#   it. Both are read and counted, but not used in any score.
# - **rows_read** counts the records in the file. Each one was either **parsed** into a
#   row, **rejected** (listed below with the reason), or **skipped** because it was empty.
#   Nothing disappears silently: read = parsed + rejected + skipped, always.
# - **notes** lists quirks tiekeeper noticed and handled, such as a file re-saved by a
#   spreadsheet program.

# %%
tk.show(
    export.parse_report.select(
        "file",
        "logical_name",
        "status",
        "rows_read",
        "rows_parsed",
        "rows_rejected",
        "rows_skipped",
        "notes",
    )
)

# %% [markdown]
# The files that did not parse cleanly, with the reason:

# %%
problems = (pl.col("status") != "parsed") | (pl.col("rows_rejected") > 0)
tk.show(
    export.parse_report.filter(problems).select(
        "file", "status", "reason", "rows_read", "rows_rejected"
    )
)

# %% [markdown]
# And the individual records that were rejected, with the file, the line in that file
# and why. A handful is normal: LinkedIn writes rows for closed accounts with no name at
# all, for example. Hundreds would mean something is off; please report it.

# %%
tk.show(
    export.rejected
)

# %% [markdown]
# The bookkeeping adds up, file by file:

# %%
tk.show(
    export.parse_report.select(
        pl.col("rows_read").sum(),
        pl.col("rows_parsed").sum(),
        pl.col("rows_rejected").sum(),
        pl.col("rows_skipped").sum(),
    )
)

# %% [markdown]
# ## Step 5 · A first look at the data
#
# tiekeeper turns the files into tables. The two you will meet most:
#
# - **people**: everyone who appears anywhere in your export, one row each, whether or not
#   you are connected.
# - **interactions**: every message, accepted invitation, endorsement and recommendation
#   between you and one other person, with its date and direction (`out` from you, `in`
#   to you). All the scores in the next notebooks are computed from this table.

# %%
tk.show(
    export.people.select("name", "company", "position", "connected_on", "sources").head(10)
)

# %%
tk.show(
    export.interactions.group_by("kind", "direction").agg(events=pl.len()).sort(
        "events", descending=True
    )
)

# %% [markdown]
# Every column of every table is documented. For example, the interactions table:

# %%
tk.show(
    tk.schema.describe("interactions")
)

# %% [markdown]
# How busy has your LinkedIn been over the years? Each bar is one month; the colours split
# what you sent from what you received. Hover over a bar to see the numbers.

# %%
tk.plots.timeline(export)

# %% [markdown]
# ### The same data in pandas
#
# tiekeeper works in [polars](https://pola.rs) inside, but every table converts to pandas
# in one call, if that is what you know.

# %%
connections = export.to_pandas("connections")
connections["company"].value_counts().head(10)

# %% [markdown]
# ## What next
#
# - If the parse report looks right, open **02_fading_relationships** to see which ties
#   are strong and which are fading.
# - If a file you expected is missing, request the export again and tick that category.
# - To use your own data in every notebook at once, run `tiekeeper notebooks my-notebooks
#   --export path/to/your.zip` in a terminal: it writes copies of these notebooks with
#   `EXPORT` already filled in.
