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
# # 3 · After a job change: what happened to my former colleagues?
#
# **The question: when I left a job, which colleagues did I keep, and whom should I
# reconnect with first?**
#
# When you work with people you talk to them every day without trying. When you leave,
# that stops, and most of those ties fade within a year unless someone makes an effort.
# Research on job changes finds that former colleagues are among the most valuable people
# to stay in touch with: they know your work, and they are now spread across other
# companies.
#
# tiekeeper reads your own job history from the export (`Positions.csv`) and marks a
# person as a **likely former colleague** of a job when the evidence agrees: you connected
# while you both worked there, you talked mostly during that time, or their current
# company is the one you shared. Each guess carries a **confidence** from 0 to 1.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import polars as pl

import tiekeeper as tk

tk.plots.use_notebook_renderer()  # charts that survive export to HTML

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
print(tk.what_is_missing(export, "career") or "Your export has your positions: the career view can be drawn.")
jobs = tk.career(export)
scores = tk.score(export)

# %% [markdown]
# ## Your career at a glance
#
# One bar per job, from start to end (the current job runs to the analysis date). Hover
# over a bar to see how many likely former colleagues tiekeeper found there, and how often
# you talked to them while you worked together compared with since you left.

# %%
tk.plots.career_timeline(jobs, as_of=export.as_of)

# %% [markdown]
# ## Contact while working together, and since leaving
#
# The same story in numbers. **n_colleagues** is how many likely colleagues were found.
# **rate_during** counts the days with messages between you and them, per year, while you
# worked there; **rate_after** is the same since you left. A **ratio** well below 1 means
# the group went quiet after you left; a ratio near or above 1 means you kept those ties
# going.

# %%
tk.show(
    jobs.select(
        "company",
        "title",
        "started_on",
        "finished_on",
        "n_colleagues",
        pl.col("rate_during").round(1),
        pl.col("rate_after").round(1),
        pl.col("ratio").round(2),
    )
)

# %% [markdown]
# ## Former colleagues, job by job
#
# Everyone tiekeeper thinks you worked with and actually talked to, with its confidence
# and the number of days you exchanged messages during the job (**sessions_during**) and
# since (**sessions_after**). People with many sessions during and none after are the
# ones you lost when you left.

# %%
colleagues = (
    jobs.select("company", "colleagues")
    .explode("colleagues")
    .drop_nulls("colleagues")
    .unnest("colleagues")
    .filter(pl.col("sessions_during") > 0)
    .sort(["company", "sessions_during"], descending=[False, True])
)
tk.show(
    colleagues.select(
        "company",
        "name",
        pl.col("confidence").round(2),
        "sessions_during",
        "sessions_after",
    )
)

# %% [markdown]
# ## Whom to reconnect with first
#
# Not everyone who faded is worth the same effort. tiekeeper ranks former colleagues by
# **priority**, which combines how valuable the tie is (how strong it was, whether you
# helped each other, whether they now work somewhere new to you) with how much it needs
# attention now (how far past its usual rhythm it is). People you are still in regular
# touch with have no need, so they do not appear. The **reasons** say why each person is
# on the list.

# %%
reconnect = scores.filter(pl.col("former_colleague") & (pl.col("priority") > 0)).sort(
    "priority", descending=True
)
tk.show(
    reconnect.select(
        "name",
        "former_company",
        pl.col("company").alias("now_at"),
        pl.col("strength").round(0),
        "status",
        pl.col("priority").round(3),
        pl.col("reasons").list.join(" "),
    ).head(10)
)

# %% [markdown]
# ## What to do next
#
# - Send the top two or three a short, honest note: say it has been a while, mention
#   something you did together, and ask what they are working on now. A coffee is the
#   classic next step.
# - Where someone's current company differs from the one you shared, congratulating them
#   on the move is an easy opening.
# - **05_reach_out_plan** builds a weekly list from everyone (not just colleagues) and
#   suggests a first line for each message.
