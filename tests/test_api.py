"""The public surface: small, typed, documented, and free of side effects."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

import netgraph

PUBLIC = {
    "Attendee",
    "EventPlan",
    "EventRules",
    "Match",
    "Pick",
    "match_attendees",
    "parse_attendees",
    "plan_event",
    "read_attendees",
    "render_event",
    "Action",
    "Advice",
    "Reason",
    "advise",
    "Trend",
    "TrendPoint",
    "TrendRow",
    "trend",
    "Change",
    "Delta",
    "WhatIf",
    "what_if",
    "NetworkPage",
    "network_html",
    "network_page",
    "platform_html",
    "platform_page",
    "to_pyvis",
    "write_network_html",
    "write_platform_html",
    "ReportPage",
    "report_html",
    "report_page",
    "write_report_html",
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
    "PushResult",
    "Profile",
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
}


# the floors of the data flow: namespaces whose modules are all private, not API
LAYERS = {
    "advice",
    "cli",
    "generate",
    "graph",
    "importers",
    "io",
    "model",
    "output",
    "pictures",
    "scoring",
    "stores",
}


def test_all_is_exactly_the_public_surface():
    assert set(netgraph.__all__) == PUBLIC
    exported = {name for name in dir(netgraph) if not name.startswith("_")}
    assert exported - {"annotations"} - LAYERS == PUBLIC - {"__version__"}


def test_the_layers_expose_no_public_module():
    import pkgutil

    for layer in LAYERS:
        package = __import__(f"netgraph.{layer}", fromlist=["_"])
        for info in pkgutil.iter_modules(package.__path__):
            assert info.name.startswith("_") or info.ispkg, (layer, info.name)


def test_every_public_callable_has_a_docstring_with_examples_or_parameters():
    for name in netgraph.__all__:
        obj = getattr(netgraph, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 20, name


def test_every_error_derives_from_the_one_root():
    for error in (netgraph.DataError, netgraph.ConfigError, netgraph.StoreError):
        assert issubclass(error, netgraph.NetgraphError)


def test_every_error_class_of_netgraph_derives_from_the_one_root():
    import importlib
    import inspect
    import pkgutil

    errors = set()
    for info in pkgutil.walk_packages(netgraph.__path__, "netgraph."):
        if info.name.endswith("__main__"):  # runs the command line
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            defined_here = getattr(obj, "__module__", "").startswith("netgraph")
            # private ones (a leading underscore) never leave their module
            public = defined_here and not name.startswith("_")
            if public and inspect.isclass(obj) and issubclass(obj, BaseException):
                errors.add(obj)
    assert len(errors) >= 8
    for error in errors:
        assert issubclass(error, netgraph.NetgraphError), error


def test_the_generator_and_the_kernels_raise_netgraph_errors():
    import numpy as np
    from scipy import sparse

    from netgraph.generate._generate import generate_platform
    from netgraph.graph.kernels import hop_distances, pagerank, validate_adjacency

    with pytest.raises(netgraph.ConfigError):
        generate_platform(1)
    graph = sparse.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    for bad in (
        lambda: validate_adjacency(np.zeros((2, 2))),
        lambda: pagerank(graph, tol=-1.0),
        lambda: hop_distances(graph, 5),
        lambda: hop_distances(graph, [0, 1]),  # type: ignore[arg-type]
    ):
        with pytest.raises(netgraph.NetgraphError):
            bad()


def test_importing_netgraph_does_not_import_the_optional_extras():
    code = (
        "import sys, netgraph; "
        "print(sorted(m for m in ('neo4j', 'pyvis', 'vobject') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_scoring_prints_nothing(example_network, capsys):
    from paths import EXAMPLE_AS_OF

    netgraph.score_member(example_network, as_of=EXAMPLE_AS_OF)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_results_are_frozen_and_plain(example_network):
    report = netgraph.score_member(example_network, as_of=date(2026, 11, 1))
    with pytest.raises(FrozenInstanceError):
        report.member = "someone else"  # type: ignore[misc]
    with pytest.raises(TypeError):
        report.values["acquisition"] = None  # type: ignore[index]
    data = report.to_dict()
    assert set(data["values"]) == {"acquisition", "recommendation", "financial", "knowledge"}
    for value in data["values"].values():
        assert 0 <= value["score"] <= 100 and 1 <= value["stars"] <= 5


def test_the_member_may_be_left_out_only_when_there_is_one():
    people = [
        {"id": "m1", "name": "A", "member": "yes"},
        {"id": "m2", "name": "B", "member": "yes"},
    ]
    net = netgraph.network_from_dict({"people": people})
    with pytest.raises(netgraph.ConfigError, match="2 members"):
        netgraph.score_member(net, as_of=date(2025, 1, 1))
    with pytest.raises(netgraph.ConfigError, match="unknown member"):
        netgraph.score_member(net, "nobody", as_of=date(2025, 1, 1))
    assert netgraph.score_member(net, "m2", as_of=date(2025, 1, 1)).member == "m2"
    assert [r.member for r in netgraph.score_members(net, as_of=date(2025, 1, 1))] == ["m1", "m2"]


def test_settings_reject_nonsense(tmp_path):
    with pytest.raises(netgraph.ConfigError, match="unknown setting"):
        netgraph.Settings.from_mapping({"windw_months": 3})
    with pytest.raises(netgraph.ConfigError, match="star_thresholds"):
        netgraph.Settings(star_thresholds=(50.0, 40.0, 60.0, 80.0))
    config = tmp_path / "netgraph.toml"
    config.write_text("[netgraph]\nwindow_months = 6\nstar_thresholds = [10, 30, 50, 70]\n")
    settings = netgraph.Settings.from_toml(config)
    assert settings.window_months == 6 and settings.star_thresholds == (10, 30, 50, 70)
    config.write_text("[netgraph]\nwindow_months = 'six'\n")
    with pytest.raises(netgraph.ConfigError, match="window_months"):
        netgraph.Settings.from_toml(config)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0])
def test_settings_reject_numbers_that_are_not_finite_or_negative(bad):
    with pytest.raises(netgraph.ConfigError, match="pagerank_tolerance"):
        netgraph.Settings(pagerank_tolerance=bad)


def test_reports_on_another_date_or_with_other_settings_are_not_stale(example_network):
    first = netgraph.score_member(example_network, as_of=date(2026, 11, 1))
    earlier = netgraph.score_member(example_network, as_of=date(2025, 6, 1))
    assert earlier.values["financial"].numbers != first.values["financial"].numbers
    strict = netgraph.Settings(star_thresholds=(99.0, 99.5, 99.8, 99.9))
    again = netgraph.score_member(example_network, as_of=date(2026, 11, 1), settings=strict)
    assert all(
        v.stars == 1 + sum(v.score >= x for x in strict.star_thresholds)
        for v in again.values.values()
    )
    assert any(v.stars == 1 for v in again.values.values())
    assert netgraph.score_member(example_network, as_of=date(2026, 11, 1)).to_json() == (
        first.to_json()
    )
