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
# # 2 · Which relationships are fading?
#
# **The question: which of my professional relationships are strong, and which are
# slipping away?**
#
# tiekeeper gives every person in your export a **strength** from 0 to 100. It is built
# from your messages, invitations, endorsements and recommendations: recent contact counts
# fully, and older contact counts less and less (by default, its weight halves every 180
# days). A message you send counts more than one you receive, and a group thread counts
# less than a one-to-one conversation.
#
# Then it asks a second, separate question: **is this tie on its usual rhythm?** Someone
# you write to every two weeks is overdue after a month; someone you talk to twice a year
# is not. Each relationship is judged against its own pace, not a fixed rule.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import polars as pl

import tiekeeper as tk

tk.plots.use_notebook_renderer()  # charts that survive export to HTML

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
print(tk.what_is_missing(export, "fading") or "Your export has messages: fading ties can be measured.")
scores = tk.score(export)
print(f"{scores.height} people scored as of {export.as_of.date()}")

# %% [markdown]
# ## How strong are your ties?
#
# Most people you are connected to you have barely talked to: that is normal, and it is
# why the chart below is tall on the left. The few bars on the right are your strongest
# relationships. Colours show the **tier**, which ranks people by strength:
#
# | tier | who |
# |---|---|
# | core | your 5 strongest ties |
# | close | the next 10 |
# | active | the next 35 |
# | wider | the next 100 |
# | latent | everyone else |
#
# The sizes follow the "circles" that research finds in most people's social lives
# (about 5, 15, 50 and 150 people). LinkedIn only shows the professional slice of your
# life, so treat them as a guide, not a verdict.

# %%
tk.plots.strength_distribution(scores)

# %%
tiers = ["core", "close", "active", "wider", "latent"]
tk.show(
    scores.group_by("tier")
    .agg(
        people=pl.len(),
        median_strength=pl.col("strength").median().round(1),
        strongest=pl.col("name").sort_by("strength", descending=True).first(),
    )
    .sort(pl.col("tier").cast(pl.Enum(tiers)))
)

# %% [markdown]
# ## Is each tie on its usual rhythm?
#
# Every person gets a **status**, from the time since you last talked divided by your
# usual gap with them (the **overdue ratio**):
#
# - **on track**: you are within 1.5× your usual gap;
# - **cooling**: 1.5× to 4× your usual gap;
# - **fading**: 4× to 8×;
# - **lapsed**: more than 8× your usual gap (research on phone and message data finds most
#   ties that go quiet this long do not come back on their own);
# - **dormant**: no contact for three years or more;
# - **never interacted**: you are connected but have never exchanged a message.

# %%
tk.show(scores["status"].value_counts(sort=True))

# %% [markdown]
# ## Your fading and lapsed ties
#
# These are the relationships that mattered (they were strong at their peak) and that are
# now well past their usual rhythm. The table is sorted by how strong each tie was at its
# best, so the biggest losses come first. Read a row like this:
#
# - **strength** is today's strength (0 to 100), and **drop_from_peak_%** how far it has
#   fallen from its best;
# - **cadence_days** is your usual gap with that person, in days;
# - **days_since** is how long it has been since your last message;
# - **overdue_ratio** is the second divided by the first: 6 means "six times longer than
#   usual";
# - **reasons** says the same thing in words.

# %%
fading = scores.filter(pl.col("status").is_in(["fading", "lapsed"])).sort(
    "peak_strength", descending=True
)
tk.show(
    fading.select(
        "name",
        "company",
        pl.col("strength").round(0),
        (100 * pl.col("drop_from_peak")).round(0).alias("drop_from_peak_%"),
        pl.col("cadence_days").round(0),
        pl.col("days_since").round(0),
        pl.col("overdue_ratio").round(1),
        "status",
        pl.col("reasons").list.join(" "),
    ).head(15)
)

# %% [markdown]
# ## The decay, made visible
#
# For the three biggest losses above, here is their strength over time. Each marker is an
# interaction (hover over it to see what it was). Strength jumps when you talk and then
# slowly sinks; a long flat slide at the end is a relationship going quiet.

# %%
few = fading.head(3)["person_id"].to_list()
history = tk.strength_history(export, few)
events = export.interactions.filter(pl.col("person_id").is_in(few))
tk.plots.strength_history_figure(history, events=events)

# %% [markdown]
# ## Everyone at once: rhythm against silence
#
# Each dot is a person you have exchanged messages with.
#
# - Across (**usual gap**): how often you normally talk. Left = often.
# - Up (**days since last contact**): how long it has been. Top = long ago.
# - The diagonal lines are 1.5×, 4× and 8× your usual gap, so the shaded bands are the
#   statuses above: dots in the green band at the bottom are on track, dots in the red
#   band at the top have lapsed. Above the dashed line, ties are dormant (three years or
#   more without contact).
# - Bigger dots are stronger ties today.
#
# Both axes are logarithmic, so each step is a multiple (a week, a month, a year), not a
# fixed number of days. Hover over a dot to see who it is. The dots stacked in one
# vertical column are people you have talked to on a single day only: with no gap to
# measure, tiekeeper assumes your usual rhythm across everyone until it learns theirs.

# %%
tk.plots.cadence_scatter(scores)

# %% [markdown]
# ## What to do next
#
# - Pick two or three names from the fading list and send a short note. You do not need a
#   reason beyond "it's been a while": research on *dormant ties* finds that reconnecting
#   with people you have lost touch with is often more useful than talking to current
#   contacts, because they have heard things you have not.
# - **05_reach_out_plan** turns this into a short weekly list, with a suggested first line
#   for each person.
# - **03_after_a_job_change** looks at what happened to your former colleagues.
