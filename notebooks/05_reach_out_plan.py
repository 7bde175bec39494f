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
# # 5 · This week's reach-out plan
#
# **The question: whom should I contact this week, why, and what could I say?**
#
# The plan has three lists:
#
# 1. **Owed replies**: people who wrote to you recently and are still waiting for an
#    answer. These come first: answering costs little and matters a lot.
# 2. **Suggestions**: a short list of people worth a message this week, ranked by
#    **priority = value × need**. *Value* is how much the tie is worth keeping (how strong
#    it was, whether you have helped each other, whether they work somewhere new to you);
#    *need* is how far past its usual rhythm it is. Each comes with the reasons and a
#    suggested first line, in your own voice, that you should edit freely.
# 3. **Give them space**: people you have written to several times without an answer.
#    tiekeeper will not push you to write again; respecting that is part of a good
#    relationship.
#
# The list is kept varied on purpose: at most a few people from any one company, and one
# slot for someone outside your usual circles (a long-dormant tie or a bridge to another
# group), because those are the contacts most likely to bring something new.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import datetime as dt
import tempfile
from pathlib import Path

import icalendar
import polars as pl

import tiekeeper as tk

tk.plots.use_notebook_renderer()  # charts that survive export to HTML

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
print(tk.what_is_missing(export, "plan") or "Your export has messages: the plan can be made.")
plan = tk.reach_out(export, k=10)
plan

# %% [markdown]
# That is the whole plan at a glance. The sections below take each list in turn, as a
# table you can filter, sort or save.
#
# ## Owed replies
#
# Someone wrote to you, you had written to them before, and you have not answered. Cold
# pitches from recruiters and strangers never appear here. The reasons give the date of
# the message that is waiting.

# %%
tk.show(
    plan.owed_replies.select("name", "company", pl.col("reasons").list.join(" "), "opener")
)

# %% [markdown]
# ## Suggestions for this week
#
# Read each row as: *who*, *why now* (the reasons) and *a way to start* (the opener). The
# **kind** says what sort of message fits: reconnecting after a long gap, congratulating
# someone on a new role, offering help, suggesting a coffee with a former colleague, or
# exploring a tie outside your usual circles.

# %%
tk.show(
    plan.suggestions.select(
        "name",
        "company",
        "kind",
        "status",
        pl.col("priority").round(3),
        pl.col("reasons").list.join(" "),
        "opener",
    )
)

# %% [markdown]
# ## Give them space
#
# You have written to these people several times since their last reply. The kind thing,
# and the effective one, is to wait for them.

# %%
tk.show(
    plan.give_space.select(
        "name", "company", pl.col("last_contact").dt.date(), pl.col("reasons").list.join(" ")
    )
)

# %% [markdown]
# ## Put the plan in your calendar
#
# `reminders_ics` writes a calendar file with one reminder per person, spread over the
# coming weeks so you get only a few each week (owed replies first). Each reminder holds
# the reasons and the suggested opener. Open the file with your calendar program (Outlook,
# Apple Calendar, Google Calendar's *Import*) to add them.
#
# The first week starts the day after the analysis date, so the sample always gives the
# same file. With your own export, use the date you want to start, for example
# `START = dt.date(2025, 3, 17)`.

# %%
START = export.as_of.date() + dt.timedelta(days=1)
out_dir = Path(tempfile.mkdtemp(prefix="tiekeeper-"))
ics = tk.reminders_ics(plan, out_dir / "reach-out.ics", start=START, per_week=3)
print("Calendar file written to", ics)

# read the file back, as your calendar program will, and list what it holds
calendar = icalendar.Calendar.from_ical(ics.read_bytes())
tk.show(
    pl.DataFrame(
        [
            {"date": event.decoded("dtstart"), "reminder": str(event["summary"])}
            for event in calendar.walk("VEVENT")
        ]
    )
)

# %% [markdown]
# ## Tell tiekeeper whom you contacted
#
# Once you have written to someone, record it, so that next week's plan moves on to other
# people instead of suggesting the same names again. The record is a small text file,
# `tiekeeper.toml`, that tiekeeper looks for next to your export; you can also edit it by
# hand to ignore people or snooze them until a date. tiekeeper never changes the export
# itself.
#
# Here the file goes to the temporary folder instead. We record that you wrote to the
# first suggestion today, and plan again: that person leaves the list for a couple of
# weeks, and the note at the end says so.

# %%
# the first suggestion (or, when the plan is empty, the first person in your export)
first = plan.suggestions["name"].first() or export.people["name"].first()
state_file = tk.mark_contacted(out_dir / "tiekeeper.toml", first, on=export.as_of.date())
print(state_file.read_text(encoding="utf-8"))
replanned = tk.reach_out(export, k=10, state=state_file)
print(first, "is still suggested:", first in replanned.suggestions["name"].to_list())
print("\n".join(replanned.notes))

# %% [markdown]
# ## Tuning the scoring, with the effect side by side
#
# Every number behind the score lives in `tk.ScoringParams`, with documented defaults
# drawn from research and checked on real message data (see notebook 06). You can change
# any of them; `help(tk.ScoringParams)` lists them all. Two examples follow.
#
# ### A shorter memory
#
# The **half-life** says how fast old contact stops counting: by default a conversation
# 180 days ago counts half as much as one today. Shortening it to 60 days makes the score
# forget faster, so only recent conversations keep a tie strong.

# %%
default = tk.ScoringParams()
short_memory = default.replace(half_life_days=60)
strength_default = tk.score(export).select(
    "person_id", "name", pl.col("strength").round(0).alias("strength (180 days)")
)
strength_short = tk.score(export, params=short_memory).select(
    "person_id", pl.col("strength").round(0).alias("strength (60 days)")
)
tk.show(
    strength_default.join(strength_short, on="person_id").drop("person_id").sort(
        "strength (180 days)", descending=True
    ).head(10)
)

# %% [markdown]
# Everyone's strength drops, and most for the people you talked to a lot some months ago
# but little since. Whom the plan suggests depends more on rhythm than on strength, so
# the weekly list often changes less than you might expect.
#
# ### Different priorities
#
# The plan's **value** adds up a few things you may weigh differently: closeness, having
# worked together, having helped each other, and working somewhere new to you. Say you
# care less about former colleagues and want more people from outside your usual
# circles: lower `colleague_value` and raise `exploration_share` (the part of the list
# kept for dormant ties and bridges).

# %%
my_priorities = default.replace(colleague_value=0.1, exploration_share=0.3)
tuned = tk.reach_out(export, k=10, params=my_priorities)
left = plan.suggestions.select(
    pl.col("name").alias("default plan"), pl.col("kind").alias("default kind")
).with_row_index("rank", offset=1)
right = tuned.suggestions.select(
    pl.col("name").alias("my priorities"), pl.col("kind").alias("new kind")
).with_row_index("rank", offset=1)
tk.show(
    left.join(right, on="rank", how="full", coalesce=True).sort("rank")
)

# %% [markdown]
# Names that appear in only one column are the ones the change moved in or out of this
# week's list. When you have settings you like, pass the same `params=` to `tk.score`,
# `tk.reach_out` and `tk.Report` so everything agrees.

# %% [markdown]
# ## What to do next
#
# - Answer the owed replies today.
# - Send two or three of the suggestions this week; edit the openers so they sound like
#   you.
# - Once you have written to someone, record it with
#   `tk.mark_contacted(EXPORT, "Their Name", on=dt.date(2025, 3, 17))` (the state file is
#   then created next to your export), so next week's plan moves on to other people.
# - Wondering whether to trust these rankings? **06_how_good_is_the_score** tests them on
#   your own history.
