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
# # 4 · Your network: circles, bridges and who you know where
#
# **The question: which groups of people make up my network, which of them are fading,
# and who connects them?**
#
# Your export shows more than who *you* know. When several people share a group
# conversation, they very likely know each other too; when two people were your
# colleagues in the same job, they almost certainly know each other. tiekeeper uses that
# evidence, and only that, to draw links *between* your contacts. From those links your
# network's **circles** (groups of people who know each other) and its **bridges**
# (people who link otherwise separate circles) become visible.

# %% tags=["parameters"]
EXPORT = None  # the bundled fictional sample; replace with the path to your own zip
AS_OF = None  # the analysis date; None means the day the export was made

# %%
import polars as pl

import tiekeeper as tk

tk.plots.use_notebook_renderer()  # charts that survive export to HTML

export = tk.load_export(EXPORT, as_of=AS_OF)  # as_of: the one place it is set
print(tk.what_is_missing(export, "network") or "Your export has connections or messages: the network can be drawn.")
scores = tk.score(export)
G = tk.build_graph(export, scores=scores)
print(f"{G.number_of_nodes()} people (you included) and {G.number_of_edges()} links")

# %% [markdown]
# ## The interactive network
#
# You are the star at the centre. Each dot is a person; bigger dots are stronger ties,
# and a red ring marks a tie that is fading or lapsed. Colours are circles (communities);
# grey dots are people in very small circles or with no link to anyone else you know.
# Drag to pan, scroll to zoom, and hover over a dot for the person's name, company,
# strength, status and the main reason behind it. Click a circle's name in the legend to
# hide it, or double-click it to show only that circle.

# %%
tk.plots.network_figure(G, color_by="community")

# %% [markdown]
# ## Your circles, and which are fading
#
# Each row is one circle of at least five people, named after what most of its members
# have in common (usually a shared employer and era). **share_fading** is the part of the
# circle whose ties are fading or lapsed; the most faded circles come first. A circle
# that is mostly fading is a whole chapter of your working life going quiet; one message
# to a central person there can reopen several ties at once.

# %%
circles = tk.communities_summary(G, seed=0)
big = circles.filter(pl.col("size") >= 5).sort("share_fading", descending=True)
tk.show(
    big.select(
        "community",
        "label",
        "size",
        pl.col("share_fading").round(2),
        pl.col("top_members").list.join(", "),
    )
)

# %% [markdown]
# Who is in the most faded circle, strongest first (empty if no circle has five people
# yet):

# %%
members = tk.communities(G, seed=0)
most_faded = big.head(1)["community"].to_list()
tk.show(
    members.filter(pl.col("community").is_in(most_faded)).join(scores, on="person_id").select(
        "name", "company", pl.col("strength").round(0), "status"
    ).sort("strength", descending=True)
)

# %% [markdown]
# The same network coloured by status instead, so fading and lapsed ties stand out:

# %%
tk.plots.network_figure(G, color_by="status")

# %% [markdown]
# ## Bridges: the people who connect your circles
#
# A **bridge** links groups that would otherwise not be connected. **betweenness** is
# how often a person lies on the shortest path between two others; a high value means
# they sit between circles. **constraint** is low when someone's contacts do not know each
# other, which is what lets them hear things a single circle cannot. Bridges are worth
# keeping warm even when you talk to them rarely: they are how news from other parts of
# your network reaches you.

# %%
tk.show(
    tk.bridges(G, seed=0).select(
        "name",
        "company",
        "community",
        pl.col("betweenness").round(3),
        pl.col("constraint").round(2),
    ).head(10)
)

# %% [markdown]
# ## Who do I know at…?
#
# Before you apply somewhere or pitch a company, it helps to know who you already know
# there, and how well. `who_at` lists your ties at one company, strongest first, with
# former colleagues flagged. Company names are matched loosely, so "Acme", "ACME Inc."
# and "Acme, Inc" all meet.
#
# Below we take the company where most of your connections work today (spellings of
# the same name counted together); to ask about another one, replace the line
# `COMPANY = ...` with, for example, `COMPANY = "Acme"`.

# %%
by_company = (
    scores.drop_nulls("company")
    .with_columns(key=pl.col("company").map_elements(tk.normalize_company, pl.String))
    .group_by("key")
    .agg(people=pl.len(), company=pl.col("company").mode().sort().first())
    .sort(["people", "key"], descending=[True, False])
)
COMPANY = by_company["company"].first() or "Acme"
print("Company:", COMPANY)
tk.show(
    tk.who_at(export, COMPANY, scores=scores).select(
        "name",
        "title",
        pl.col("strength").round(0),
        "status",
        pl.col("last_contact").dt.date(),
        "former_colleague",
        pl.col("reasons").list.join(" "),
    )
)

# %% [markdown]
# ## What to do next
#
# - For a fading circle, pick its most central member and write to them first.
# - Keep your bridges warm: a short note twice a year is enough.
# - To explore the network in a dedicated tool such as Gephi or Cytoscape, save it with
#   `tk.write_graph(G, "network.graphml")`.
# - **05_reach_out_plan** turns all of this into a weekly list.
