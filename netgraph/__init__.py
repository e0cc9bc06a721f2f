"""netgraph: what is a professional network worth?

Contacts, groups and the events between them form a graph; netgraph scores four
values of a member's network (acquisition, recommendation, financial, knowledge) from
0 to 100 and with one to five stars, explains each score by the people behind it and
rates the five focus points of the method.

Examples
--------
>>> from datetime import date
>>> import netgraph
>>> net = netgraph.network_from_dict({"people": [{"id": "me", "name": "Anna", "member": "yes"}]})
>>> report = netgraph.score_member(net, as_of=date(2025, 1, 1))
>>> sorted(report.values)
['acquisition', 'financial', 'knowledge', 'recommendation']
"""

from ._errors import ConfigError, DataError, NetgraphError, Problem, StoreError
from ._generate import example_network
from ._merge import import_sources
from ._network import Network
from ._report import render_text
from ._results import Component, Contributor, FocusPoint, MemberReport, ValueScore
from ._score import score_member, score_members
from ._settings import Settings
from ._textio import (
    load_network,
    network_from_dict,
    network_to_dict,
    read_folder,
    read_json,
    write_folder,
    write_json,
)

__version__ = "0.1.0"

__all__ = [
    "Component",
    "ConfigError",
    "Contributor",
    "DataError",
    "FocusPoint",
    "MemberReport",
    "NetgraphError",
    "Network",
    "Problem",
    "Settings",
    "StoreError",
    "ValueScore",
    "__version__",
    "example_network",
    "import_sources",
    "load_network",
    "network_from_dict",
    "network_to_dict",
    "read_folder",
    "read_json",
    "render_text",
    "score_member",
    "score_members",
    "write_folder",
    "write_json",
]
