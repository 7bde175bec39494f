"""The owner's network: who knows whom, the circles, the brokers, and who is at a company.

==========================  ==================================================
``build_graph``             networkx graph: owner, people, and real ties
                            between contacts (group threads, same employer)
``communities``             Louvain community per contact (owner left out)
``communities_summary``     per community: size, label, share fading, members
``bridges``                 betweenness, Burt's constraint, effective size
``who_at``                  your ties at a company, strongest first
``write_graph``             GraphML / GEXF for Gephi and Cytoscape
``layout``                  fast, seeded positions (igraph behind networkx)
==========================  ==================================================

The graph the user gets is networkx; analyses and layouts run on igraph
behind it, because on 30,000 contacts networkx Louvain takes about 10 s and
``spring_layout`` over 30 minutes. All of them leave the owner hub out.

Examples
--------
>>> import tiekeeper
>>> export = tiekeeper.load_export()
>>> G = tiekeeper.build_graph(export)
>>> comm = tiekeeper.communities(G, seed=0)
>>> comm.columns
['person_id', 'community']
"""

from __future__ import annotations

from tiekeeper.graph.analysis import bridges, communities, communities_summary
from tiekeeper.graph.build import build_graph
from tiekeeper.graph.io import write_graph
from tiekeeper.graph.layout import layout
from tiekeeper.graph.who_at import who_at

__all__ = [
    "bridges",
    "build_graph",
    "communities",
    "communities_summary",
    "layout",
    "who_at",
    "write_graph",
]
