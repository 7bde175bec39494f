# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
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

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import tiekeeper as tk

export = tk.load_export(EXPORT, as_of=AS_OF)
result = tk.validate.backtest(export, horizons=(30, 90, 180))

# %% [markdown]
# ## The backtest
#
# Each row is one model, averaged over several past dates (the **cutoffs**) and one
# **horizon**: how far ahead we look for contact (30, 90 or 180 days).
#
# - **auc** is the chance that a random person you *did* talk to in the horizon was ranked
#   above a random person you did not. 0.5 is a coin toss; 1.0 is perfect.
# - **p_at_10** is the share of the top 10 you actually talked to in the horizon.
#
# Look at whether the `score` rows beat both `recency` and `frequency` at each horizon.

# %%
result.summary

# %% [markdown]
# The same numbers for every cutoff date, if you want the detail:

# %%
result.table.sort("horizon", "cutoff", "model")

# %% [markdown]
# ## Fitting the half-life to your own history
#
# The default half-life (180 days: a conversation half a year ago counts half as much as
# one today) was chosen on public message data. Your own habits may differ. This tries a
# range of half-lives on your history with the same backtest and reports the one that
# ranks best.

# %%
fit = tk.validate.fit_half_life(export)
fit

# %% [markdown]
# If the fitted value is very different from 180 days and clearly better in the table
# above, you can use it everywhere with
# `params = tk.ScoringParams().replace(half_life_days=...)` and pass `params=params` to
# `tk.score`, `tk.reach_out` and `tk.Report`. If the difference is small, keep the
# default: small gains on one history are often noise.

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
# - **Company information is from today.** Your connections' companies and titles are as
#   of the export date, so anything based on them (former colleagues, the company cap) is
#   left out of the backtest to avoid using the future.
# - **The sample is fictional.** On the bundled sample these numbers describe a generator
#   we wrote, not real people; run this notebook on your own export for figures that mean
#   something for you.
