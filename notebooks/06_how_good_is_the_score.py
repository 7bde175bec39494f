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
# # 6 · How good is the score?
#
# **The question: should I trust tiekeeper's rankings for my own network?**
#
# A score that ranks people is only useful if it ranks them better than a simple rule of
# thumb. tiekeeper checks itself on **your own history**, with no labels needed: it goes
# back to a date in the past, scores everyone using only what happened before that date,
# and then looks at who you actually talked to in the following weeks. A good score puts
# the people you went on to talk to near the top.
#
# It compares itself with two simple rules anyone could use:
#
# - **recency**: "whoever I talked to most recently";
# - **frequency**: "whoever I have talked to most, ever".
#
# The test needs your messages: with an export of connections only, the next cell stops
# with a message that says so. It also needs a year or so of history to be meaningful.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import polars as pl

import tiekeeper as tk

tk.plots.use_notebook_renderer()  # charts that survive export to HTML

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
print(tk.what_is_missing(export, "backtest") or "Your export has messages: the score can be checked.")
result = tk.validate.backtest(export, horizons=(30, 90, 180))

# %% [markdown]
# ## The backtest
#
# The test is repeated at several past dates (the **cutoffs**, every three months or so)
# and for three **horizons**: how far ahead we look for contact (30, 90 or 180 days).
# Besides `score`, `recency` and `frequency`, the table shows three more rankings for
# comparison: `score_no_cadence` (the score without its discount for the time since you
# last talked),
# `window90` (messages in the last 90 days) and `random` (a shuffled list, the floor).
#
# **AUC** is the chance that a random person you *did* talk to within the horizon was
# ranked above a random person you did not. 0.5 is a coin toss; 1.0 is perfect. Here it is
# averaged over the cutoffs, one column per horizon:

# %%
summary = result.summary
by_horizon = summary.with_columns(ahead=pl.format("{} days ahead", "horizon"))
tk.show(
    by_horizon.pivot(on="ahead", index="model", values="auc").with_columns(
        pl.selectors.numeric().round(3)
    )
)

# %% [markdown]
# **Precision at 10** is the share of each ranking's top 10 that you actually talked to
# within the horizon, which is closer to how you use a short weekly list:

# %%
tk.show(
    by_horizon.pivot(on="ahead", index="model", values="p_at_10").with_columns(
        pl.selectors.numeric().round(2)
    )
)

# %% [markdown]
# Read the `score` row against `recency` and `frequency`: if it is higher at every
# horizon, the score ranks your ties better than either rule of thumb on your own
# history. Check how many people each test had on average (`n`: everyone you had messaged
# before the cutoff) and how many of them you went on to talk to (`positives`): with only
# a handful of positives, the numbers are rough.

# %%
tk.show(
    summary.filter(pl.col("model") == "score").select(
        "horizon", "cutoffs", pl.col("n", "positives").round(0).cast(pl.Int64)
    )
)

# %% [markdown]
# The same numbers for every cutoff date, if you want the detail:

# %%
tk.show(
    result.table.select(
        pl.col("cutoff").dt.date(),
        "horizon",
        "model",
        "n",
        "positives",
        pl.col("auc").round(3),
        pl.col("p_at_10").round(2),
    ).sort("horizon", "cutoff", "model")
)

# %% [markdown]
# ## The same test, the way tiekeeper's defaults were chosen
#
# tiekeeper chose its defaults with an *ego backtest*: it cuts a person's history at 60 %
# of its span, scores everyone at that date and checks who they talked to in the following
# 30, 90 or 180 days. Here it runs on your own export, with you as the one ego. With one
# history there is no interval to show (the "ci" columns repeat the value): on public data
# the interval comes from many people.

# %%
events = tk.validate.owner_events(export)
ego = tk.validate.ego_backtest(events, egos=["owner"], horizons=(30, 90, 180), min_contacts=5)
tk.show(
    ego.margins().with_columns(pl.selectors.float().round(3))
)

# %% [markdown]
# A positive `margin` means the default strength ranked your next contacts better than the
# better of the two rules of thumb at that horizon.
#
# ## Fitting the half-life to your own history
#
# The default half-life (180 days: a conversation half a year ago counts half as much as
# one today) was checked on public message data and on synthetic LinkedIn exports. Fitting
# it to one person's history is noisy: on public data, a half-life fitted per person was
# *worse* than the default, because a burst of messages makes a short half-life look good.
# So `fit_half_life` only fits when your history can tell (at least 150 conversations over
# at least 540 days), and only replaces the default when the fit ranks your next contacts
# clearly better (by 0.01 AUC or more). Otherwise it keeps the default and says why.

# %%
fit = tk.validate.fit_half_life(export)
print(fit.note)
print("Half-life to use:", fit.half_life_days, "days; fitted:", fit.fitted)
tk.show(
    fit.table.with_columns(pl.col("auc").round(3), pl.col("p_at_10").round(2))
)

# %% [markdown]
# When `fit.fitted` is true, `fit.params` holds the default settings with the fitted
# half-life: pass `params=fit.params` to `tk.score`, `tk.reach_out` and `tk.Report`. When
# it is false, the defaults are the better bet for your history.

# %% [markdown]
# ## Honest caveats
#
# - **Predicting contact is not the same as value.** The backtest checks whether the score
#   finds the people you *went on to talk to*. Whether a conversation was *worth having*
#   is something no export can tell. The reach-out plan deliberately suggests people you
#   would not otherwise have written to, which this test cannot reward.
# - **LinkedIn is a slice of your life.** Colleagues you e-mail, call or see every day may
#   look weak here because you rarely message them on LinkedIn.
# - **Small histories give noisy numbers.** With only a few dozen people you message, one
#   or two conversations can swing the AUC by several points. Look at the direction of
#   the differences across horizons rather than the exact values.
# - **Only the strength ranking is tested.** The backtest uses your messages alone. Your
#   connections' companies and titles are as of the export date, so anything based on
#   them (former colleagues, the company cap, the exploration slot) would use the future
#   and is left out. People you have never messaged are not in the test either.
# - **The sample is fictional.** On the bundled sample these numbers describe a generator
#   we wrote, not real people; run this notebook on your own export for figures that mean
#   something for you.
