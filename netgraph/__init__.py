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

import typing as _typing

from . import metrics
from .generate._generate import example_network
from .graph._networkx import from_networkx, to_networkx
from .importers._merge import import_sources
from .io._textio import (
    load_network,
    network_from_dict,
    network_to_dict,
    read_folder,
    read_json,
    write_folder,
    write_json,
)
from .model._errors import ConfigError, DataError, NetgraphError, Problem, StoreError
from .model._network import Network
from .model._profile import Profile, read_profiles
from .model._settings import Settings
from .output._report import render_text
from .output._results import Component, Contributor, FocusPoint, MemberReport, ValueScore
from .output._table import score_table
from .scoring._score import score_member, score_members
from .stores._store import MemoryStore, PushResult, Store

if _typing.TYPE_CHECKING:
    from .stores.neo4j import Neo4jStore

__version__ = "0.1.0"

__all__ = [
    "Component",
    "ConfigError",
    "Contributor",
    "DataError",
    "FocusPoint",
    "MemberReport",
    "MemoryStore",
    "Neo4jStore",
    "NetgraphError",
    "Network",
    "Problem",
    "Profile",
    "PushResult",
    "Settings",
    "Store",
    "StoreError",
    "ValueScore",
    "__version__",
    "example_network",
    "from_networkx",
    "import_sources",
    "load_network",
    "metrics",
    "network_from_dict",
    "network_to_dict",
    "read_folder",
    "read_json",
    "read_profiles",
    "render_text",
    "score_member",
    "score_members",
    "score_table",
    "to_networkx",
    "write_folder",
    "write_json",
]


def __getattr__(name: str) -> _typing.Any:
    # The Neo4j store is loaded on first use, so `import netgraph` stays light; it
    # imports the neo4j driver only when a store is opened.
    if name == "Neo4jStore":
        from .stores.neo4j import Neo4jStore

        return Neo4jStore
    raise AttributeError(f"module 'netgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "Neo4jStore"])
