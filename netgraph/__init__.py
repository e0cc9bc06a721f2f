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
from .advice._advise import Action, Advice, Reason, advise
from .advice._attendees import Attendee, parse_attendees, read_attendees
from .advice._event import EventPlan, EventRules, Pick, plan_event, render_event
from .advice._matching import Match, match_attendees
from .advice._trend import Trend, TrendPoint, TrendRow, trend
from .advice._whatif import Change, Delta, WhatIf, what_if
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
from .pictures._network_page import (
    NetworkPage,
    network_html,
    network_page,
    platform_html,
    platform_page,
    to_pyvis,
    write_network_html,
    write_platform_html,
)
from .pictures._report_page import ReportPage, report_html, report_page, write_report_html
from .scoring._score import score_member, score_members
from .stores._store import MemoryStore, PushResult, Store

if _typing.TYPE_CHECKING:
    from .stores.neo4j import Neo4jStore

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Advice",
    "Attendee",
    "Change",
    "Component",
    "ConfigError",
    "Contributor",
    "DataError",
    "Delta",
    "EventPlan",
    "EventRules",
    "FocusPoint",
    "Match",
    "MemberReport",
    "MemoryStore",
    "Neo4jStore",
    "NetgraphError",
    "Network",
    "NetworkPage",
    "Pick",
    "Problem",
    "Profile",
    "PushResult",
    "Reason",
    "ReportPage",
    "Settings",
    "Store",
    "StoreError",
    "Trend",
    "TrendPoint",
    "TrendRow",
    "ValueScore",
    "WhatIf",
    "__version__",
    "advise",
    "example_network",
    "from_networkx",
    "import_sources",
    "load_network",
    "match_attendees",
    "metrics",
    "network_from_dict",
    "network_html",
    "network_page",
    "network_to_dict",
    "parse_attendees",
    "plan_event",
    "platform_html",
    "platform_page",
    "read_attendees",
    "read_folder",
    "read_json",
    "read_profiles",
    "render_event",
    "render_text",
    "report_html",
    "report_page",
    "score_member",
    "score_members",
    "score_table",
    "to_networkx",
    "to_pyvis",
    "trend",
    "what_if",
    "write_folder",
    "write_json",
    "write_network_html",
    "write_platform_html",
    "write_report_html",
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
