"""One member's report builds the projection and PageRank on another thread.

The thread must change nothing a caller can see: the same report, one projection per
context, and an error raised where the report was asked for, not printed.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

import netgraph
from netgraph.model._errors import NetgraphError
from netgraph.scoring import _context
from netgraph.scoring._score import scoring_context

AS_OF = date(2026, 11, 1)


def _report_with_fresh_context(network: netgraph.Network) -> netgraph.MemberReport:
    # another date than any earlier test: the cached context is not reused
    return netgraph.score_member(network, network.member_ids[0], as_of=AS_OF)


def test_the_graph_is_built_once_and_the_report_equals_one_scored_in_a_block(monkeypatch):
    network = netgraph.example_network()
    built: list[str] = []
    project = _context.project

    def counted(*args, **kwargs):
        built.append(threading.current_thread().name)
        return project(*args, **kwargs)

    monkeypatch.setattr(_context, "project", counted)
    alone = _report_with_fresh_context(network)
    assert built == ["netgraph-graph"]
    member = network.member_ids[0]
    (in_block,) = list(netgraph.score_members(network, [member], as_of=AS_OF))
    assert len(built) == 1  # the same context: nothing built again
    assert alone.to_dict() == in_block.to_dict()


def test_an_error_on_the_graph_thread_is_raised_by_the_report_and_not_printed(monkeypatch, capsys):
    network = netgraph.example_network()

    class BrokenError(NetgraphError):
        pass

    def broken(*args, **kwargs):
        raise BrokenError("projection failed")

    monkeypatch.setattr(_context, "project", broken)
    unhandled: list[object] = []
    monkeypatch.setattr(threading, "excepthook", unhandled.append)
    with pytest.raises(BrokenError, match="projection failed"):
        netgraph.score_member(network, network.member_ids[0], as_of=date(2026, 10, 1))
    for thread in threading.enumerate():
        if thread.name == "netgraph-graph":
            thread.join()
    out, err = capsys.readouterr()
    assert out == "" and err == "" and unhandled == []


def test_the_graph_thread_starts_once_per_context(monkeypatch):
    network = netgraph.example_network()
    ctx = scoring_context(network, date(2026, 9, 1), netgraph.Settings())
    runs: list[int] = []
    build = ctx._build_graph

    def counted() -> None:
        runs.append(1)
        build()

    monkeypatch.setattr(ctx, "_build_graph", counted)
    ctx.start_graph()
    ctx.start_graph()
    for thread in threading.enumerate():
        if thread.name == "netgraph-graph":
            thread.join()
    assert runs == [1]
    assert ctx.pagerank.sum() == pytest.approx(1.0)
