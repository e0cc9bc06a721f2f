"""Scoring every member at once: the four values as array operations over all members.

:func:`netgraph.score_member` explains one member in full. Scoring a whole platform the
same way would cost milliseconds per member, so this module computes the same scores
and the same scalar numbers for all members together, with sorts, group sums and
sparse products instead of loops over members. Tests check that both give the same
scores, stars and numbers.

A summary of each member is then made from the arrays: the scores, stars, component
ratings, scalar numbers, the top contributors (for knowledge: the top exchange
partners) and the focus-point statuses. Lists that only a full report shows (the Lorenz
curve, the referral chains, the groups by name) are left to :func:`score_member`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from ..graph.kernels import burt_measures, constraint, effective_size, reach_of_sets
from ..graph.kernels._compiled import distinct_labels_per_row
from ..model._network import Network
from ..model._settings import Settings
from ..output._jsontext import JsonText
from ..output._results import VALUE_KEYS
from ._acquisition import chain_weights
from ._context import Scoring
from ._financial import ATTENTIONS, CHECK, revenue_rating
from ._focus import FOCUS_KEYS, HELPING_KINDS, status_for
from ._knowledge import active_memberships

__all__ = ["BatchScores", "score_all"]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

TOP = 3  # contributors in a summary


# -- small array tools ------------------------------------------------------------------


def _runs(sorted_keys: Ints) -> tuple[Ints, Ints]:
    """Distinct keys of a sorted array and where each run starts."""
    if len(sorted_keys) == 0:
        return sorted_keys, np.zeros(0, dtype=np.int64)
    first = np.concatenate([[True], sorted_keys[1:] != sorted_keys[:-1]])
    starts = np.flatnonzero(first)
    return sorted_keys[starts], starts


def _group_sum(keys: Ints, values: Ints) -> tuple[Ints, Ints]:
    """Exact integer sums of ``values`` per distinct key (keys come back sorted)."""
    order = np.argsort(keys, kind="stable")
    unique, starts = _runs(keys[order])
    if len(unique) == 0:
        return unique, np.zeros(0, dtype=np.int64)
    return unique, np.add.reduceat(values[order], starts)


def _per_member(owner: Ints, count: int, values: npt.NDArray[Any] | None = None) -> Any:
    """Sum of ``values`` (or the number of entries) per member position."""
    if values is None:
        return np.bincount(owner, minlength=count).astype(np.int64)
    if values.dtype.kind in "iu":
        out = np.zeros(count, dtype=np.int64)
        np.add.at(out, owner, values)
        return out
    return np.bincount(owner, weights=values, minlength=count)


def _ratio(part: npt.NDArray[Any], whole: npt.NDArray[Any]) -> Floats:
    """part / whole, NaN where whole is 0 (NaN stands for 'no data')."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(part, dtype=np.float64) / np.asarray(whole, dtype=np.float64)
    out[np.asarray(whole) == 0] = np.nan
    return out


def _saturating(value: npt.NDArray[Any], target: float) -> Floats:
    if target <= 0:
        return np.ones(len(value))
    return np.clip(np.asarray(value, dtype=np.float64) / target, 0.0, 1.0)


def _weighted(ratings: dict[str, tuple[Floats, float]]) -> Floats:
    """Row-wise weighted mean of the rated components (NaN = left out), as 0-100 rounded."""
    total = None
    weights = None
    for rating, weight in ratings.values():
        known = ~np.isnan(rating)
        term = np.where(known, np.clip(rating, 0.0, 1.0) * weight, 0.0)
        w = np.where(known, weight, 0.0)
        total = term if total is None else total + term
        weights = w if weights is None else weights + w
    assert total is not None and weights is not None
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(weights > 0, total / weights, 0.0)
    return _round_like_python(100.0 * mean, 1)


def _round_like_python(values: Floats, digits: int) -> Floats:
    """``round(v, digits)`` of every value, as Python rounds a float (exact decimal halves).

    numpy's rounding scales, rounds half to even and scales back, which differs from
    Python's only where the scaled value lies within rounding error of a half; those
    few values are rounded by Python itself.
    """
    scaled = values * 10.0**digits
    out: Floats = np.round(values, digits)
    with np.errstate(invalid="ignore"):
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for i in np.flatnonzero(near_half).tolist():
        out[i] = round(float(values[i]), digits)
    return out


def _ranked(owner: Ints, rank_keys: tuple[npt.NDArray[Any], ...], count: int) -> tuple[Ints, Ints]:
    """Pairs sorted by owner, then by ``rank_keys`` (most significant first, ascending).

    Returns the order of the pairs and each pair's rank within its owner (0 = first).
    """
    if len(owner) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((*reversed(rank_keys), owner))
    starts = np.searchsorted(owner[order], np.arange(count))
    rank = np.arange(len(order)) - starts[owner[order]]
    return order, rank


def _top_k(owner: Ints, rank_keys: tuple[npt.NDArray[Any], ...], k: int, count: int) -> Ints:
    """For every member, the indices of its first ``k`` pairs (``-1`` where it has fewer)."""
    order, rank = _ranked(owner, rank_keys, count)
    out = np.full((count, k), -1, dtype=np.int64)
    keep = rank < k
    out[owner[order][keep], rank[keep]] = order[keep]
    return out


def _shares(
    top: Ints, person: Ints, part: npt.NDArray[Any], whole: npt.NDArray[Any]
) -> tuple[Ints, Floats]:
    """The (members x k) persons and shares of the picked pairs; -1 and NaN where none."""
    present = top >= 0
    picked = np.where(present, top, 0)
    people = np.where(present, person[picked] if len(person) else -1, -1)
    whole_f = np.asarray(whole, dtype=np.float64)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (
            np.where(whole_f > 0, np.asarray(part, dtype=np.float64)[picked] / whole_f, 0.0)
            if len(part)
            else np.zeros(top.shape)
        )
    return people, np.where(present, share, np.nan)


# -- the result -------------------------------------------------------------------------


@dataclass
class BatchScores:
    """Scores and numbers of all members, as arrays indexed by member position."""

    network: Network
    as_of: date
    settings: Settings
    members: Ints
    scores: dict[str, Floats] = field(default_factory=dict)
    components: dict[str, dict[str, Floats]] = field(default_factory=dict)
    numbers: dict[str, dict[str, npt.NDArray[Any]]] = field(default_factory=dict)
    contributors: dict[str, tuple[Ints, Floats]] = field(default_factory=dict)
    focus: dict[str, Floats] = field(default_factory=dict)

    def stars(self, key: str) -> Ints:
        thresholds = self.settings.star_thresholds
        score = self.scores[key]
        return 1 + sum((score >= t).astype(np.int64) for t in thresholds)  # type: ignore[return-value]

    def summaries(self) -> Iterator[dict[str, Any]]:
        """One plain summary per member, in member order."""
        ids = self.network.person_ids
        names = self.network.people["name"]
        as_of = self.as_of.isoformat()
        stars = {k: self.stars(k).tolist() for k in VALUE_KEYS}
        scores = {k: self.scores[k].tolist() for k in VALUE_KEYS}
        components = {
            k: {name: _plain_list(v) for name, v in self.components[k].items()} for k in VALUE_KEYS
        }
        numbers = {
            k: {name: _plain_list(v) for name, v in self.numbers[k].items()} for k in VALUE_KEYS
        }
        contributors = {
            k: (self.contributors[k][0].tolist(), self.contributors[k][1].tolist())
            for k in VALUE_KEYS
        }
        focus = {
            k: [status_for(None if np.isnan(v) else v) for v in self.focus[k].tolist()]
            for k in FOCUS_KEYS
        }
        for i, person in enumerate(self.members.tolist()):
            values = {}
            for key in VALUE_KEYS:
                values[key] = {
                    "score": scores[key][i],
                    "stars": stars[key][i],
                    "components": {n: c[i] for n, c in components[key].items()},
                    "numbers": {n: v[i] for n, v in numbers[key].items()},
                    "contributors": [
                        {"id": ids[p], "share": round(share, 6) + 0.0}
                        for p, share in zip(
                            contributors[key][0][i], contributors[key][1][i], strict=True
                        )
                        if p >= 0
                    ],
                }
            yield {
                "member": ids[person],
                "name": names[person],
                "as_of": as_of,
                "values": values,
                "focus": {k: focus[k][i] for k in FOCUS_KEYS},
            }

    def json_lines(self, chunk: int = 65_536) -> Iterator[str]:
        """The summaries as JSON text, one object per line, in blocks of ``chunk`` members.

        Each line is the JSON of the same object :meth:`summaries` gives; the text is put
        together column by column (pyarrow's string kernels), not member by member, so
        that a million lines take seconds rather than minutes.
        """
        for block in self.json_bytes(chunk):
            yield str(block, "utf-8")

    def json_bytes(self, chunk: int = 65_536) -> Iterator[memoryview]:
        """:meth:`json_lines` as UTF-8 bytes (views of byte arrays), for a binary stream."""
        text = JsonText(self)
        # pyarrow's kernels let go of the interpreter: make the next block on the second
        # core while this one is written (two at a time, so memory stays two blocks)
        with ThreadPoolExecutor(max_workers=2) as pool:
            ahead: deque[Future[memoryview]] = deque()
            for start in range(0, len(self.members), chunk):
                ahead.append(pool.submit(text.block, start, min(len(self.members), start + chunk)))
                if len(ahead) == 2:
                    yield ahead.popleft().result()
            while ahead:
                yield ahead.popleft().result()


def _plain_list(values: npt.NDArray[Any]) -> list[Any]:
    if values.dtype.kind == "f":
        return [None if v != v else round(v, 6) + 0.0 for v in values.tolist()]
    return values.tolist()  # type: ignore[no-any-return]


# -- scoring ------------------------------------------------------------------------------


def score_all(
    network: Network,
    *,
    as_of: date,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
) -> BatchScores:
    """Score every member of the network at once (see the module's description).

    Examples
    --------
    >>> from datetime import date
    >>> from netgraph import example_network
    >>> batch = score_all(example_network(), as_of=date(2026, 11, 1))
    >>> next(batch.summaries())["values"]["financial"]["stars"] in range(1, 6)
    True
    """
    say = progress or (lambda _: None)
    ctx = Scoring(network, as_of, settings or Settings())
    members = np.flatnonzero(network.people["member"]).astype(np.int64)
    batch = BatchScores(network, as_of, ctx.settings, members)
    say("graph projection")
    ctx.adjacency  # noqa: B018 - built here so that progress names the phase
    ctx.find_communities_in_background()
    say("PageRank")
    ctx.pagerank  # noqa: B018
    run = _Run(ctx, members)
    for phase in ("acquisition", "financial", "recommendation", "knowledge", "focus"):
        say(f"{phase} of {len(members):,} members")
        getattr(run, phase)(batch)
    return batch


class _Run:
    """The shared pieces of one batch: member positions, ranks, currencies."""

    def __init__(self, ctx: Scoring, members: Ints) -> None:
        self.ctx = ctx
        self.s = ctx.settings
        self.n = ctx.network.size
        self.members = members
        self.count = len(members)
        self.position = np.full(self.n, -1, dtype=np.int64)
        self.position[members] = np.arange(self.count)
        people = ctx.network.people
        self.id_rank = _ranks(people["id"])
        self.name_rank = _ranks(people["name"])
        self._currency()

    # -- shared helpers ---------------------------------------------------------------
    def _rows(self, section: str, since: np.datetime64 | None = None) -> Ints:
        """Rows of a dated section up to as_of (after since), of members only."""
        table = self.ctx.network.tables[section]
        dates = table["date"]
        keep = dates <= self.ctx.as_of
        if since is not None:
            keep &= dates > since
        if "member" in table.columns:
            keep &= self.position[table["member"]] >= 0
        return np.flatnonzero(keep)

    def _currency(self) -> None:
        """Every member's main currency (most invoices; ties alphabetical; EUR if none)."""
        invoices = self.ctx.network.tables["invoices"]
        rows = self._rows("invoices")
        names, codes = np.unique(invoices["currency"].astype(str), return_inverse=True)
        codes = codes.astype(np.int64)
        owner = self.position[invoices["member"][rows]]
        pair, counts = (
            _unique(owner * len(names) + codes[rows], return_counts=True)
            if len(rows)
            else (np.zeros(0, np.int64), np.zeros(0, np.int64))
        )
        pair_owner, pair_code = pair // max(1, len(names)), pair % max(1, len(names))
        order = np.lexsort((pair_code, -counts, pair_owner))
        first = _runs(pair_owner[order])[1]
        main = np.full(self.count, -1, dtype=np.int64)
        main[pair_owner[order][first]] = pair_code[order][first]
        self.currency_names = np.array([*names.tolist(), "EUR"], dtype=object)
        self.main_currency = np.where(main >= 0, main, len(names))
        self.invoice_code = codes
        # a member's invoices in their main currency up to as_of
        self.invoice_rows = rows[codes[rows] == self.main_currency[owner]]
        self.excluded_rows = rows[codes[rows] != self.main_currency[owner]]

    def _edge_keys(self) -> Ints:
        """``row * n + column`` of every edge of the projection, sorted."""
        adjacency = self.ctx.adjacency
        rows = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(adjacency.indptr))
        return rows * self.n + adjacency.indices

    def _in_window(self, rows: Ints, section: str, since: np.datetime64) -> Ints:
        dates = self.ctx.network.tables[section]["date"][rows]
        return rows[dates > since]

    # -- acquisition ------------------------------------------------------------------
    def acquisition(self, batch: BatchScores) -> None:
        ctx, s, n, count = self.ctx, self.s, self.n, self.count
        invoices = ctx.network.tables["invoices"]
        rows = self._in_window(self.invoice_rows, "invoices", ctx.window_start)
        owner = self.position[invoices["member"][rows]]
        member = invoices["member"][rows].astype(np.int64)
        client = invoices["client"][rows].astype(np.int64)
        amount = invoices["amount"][rows].astype(np.int64)
        day = invoices["date"][rows]
        excluded = _per_member(
            self.position[
                invoices["member"][
                    self._in_window(self.excluded_rows, "invoices", ctx.window_start)
                ]
            ],
            count,
        )

        keys, referrer, referred_day = self._first_referrals()
        chain = np.full((len(rows), s.max_chain_length + 1), -1, dtype=np.int64)
        chain[:, 0] = client
        current, limit = client.copy(), day.copy()
        active = np.ones(len(rows), dtype=bool)
        for step in range(1, s.max_chain_length + 1):
            key = member * n + current
            at = np.minimum(np.searchsorted(keys, key), max(0, len(keys) - 1))
            found = active & (len(keys) > 0)
            if len(keys):
                found &= keys[at] == key
            by = np.where(found, referrer[at] if len(keys) else -1, -1)
            when = referred_day[at] if len(keys) else limit
            ok = found & (when <= limit) & (by != member)
            for earlier in range(step):
                ok &= by != chain[:, earlier]
            chain[:, step] = np.where(ok, by, -1)
            active = ok
            current = np.where(ok, by, current)
            limit = np.where(ok, when, limit)
        length = (chain >= 0).sum(axis=1)

        parts = np.zeros_like(chain)
        for size in _unique(length).tolist():
            picked = np.flatnonzero(length == size)
            weights = np.array(chain_weights(size, s.client_share, s.referrer_decay))
            exact = amount[picked].astype(np.float64)[:, None] * weights[None, :]
            whole = exact.astype(np.int64)
            left = amount[picked] - whole.sum(axis=1)
            order = np.argsort(-(exact - whole), axis=1, kind="stable")
            bonus = (np.arange(size)[None, :] < left[:, None]).astype(np.int64)
            np.put_along_axis(whole, order, np.take_along_axis(whole, order, 1) + bonus, 1)
            parts[picked, :size] = whole

        used = chain >= 0
        pair_member = np.repeat(owner, chain.shape[1]).reshape(chain.shape)[used]
        pair_person = chain[used]
        pair_cents = parts[used]
        pair_key, credit = _group_sum(pair_member * n + pair_person, pair_cents)
        credit_owner, credit_person = pair_key // n, pair_key % n

        revenue = _per_member(owner, count, amount)
        through = _per_member(owner[length > 1], count, amount[length > 1])
        billed_key, billed = _group_sum(owner * n + client, amount)
        billed_owner, billed_client = billed_key // n, billed_key % n
        clients = _per_member(billed_owner, count)
        top_billed = _top_k(billed_owner, (-billed, self.id_rank[billed_client]), 1, count)[:, 0]
        largest_share = np.full(count, np.nan)
        known = (top_billed >= 0) & (revenue > 0)
        largest_share[known] = billed[top_billed[known]] / revenue[known]

        contributors = _per_member(credit_owner[credit > 0], count)
        degree = np.diff(ctx.adjacency.indptr)[self.members]
        adjacent = _contains(self._edge_keys(), self.members[credit_owner] * n + credit_person)
        contacts = degree + _per_member(credit_owner[~adjacent], count)

        order, rank = _ranked(credit_owner, (-credit, self.id_rank[credit_person]), count)
        sorted_owner = credit_owner[order]
        sorted_credit = credit[order].astype(np.float64)
        # the smallest number of contributors, largest first, whose credit reaches the share
        cumulative = np.cumsum(sorted_credit)
        offset = np.concatenate([[0.0], cumulative])[
            np.searchsorted(sorted_owner, np.arange(count))
        ]
        within = cumulative - offset[sorted_owner]
        below = within < s.pareto_share * revenue[sorted_owner].astype(np.float64) - 1e-9
        needed = _per_member(sorted_owner[below], count) + 1
        # Gini over all contacts, zeros included: ascending ranks n - k + 1 .. n for the credits
        k = _per_member(sorted_owner, count)
        total = _per_member(sorted_owner, count, sorted_credit)
        size = np.maximum(contacts, k).astype(np.float64)
        ascending_rank = size[sorted_owner] - rank  # the largest credit has rank n
        weighted_sum = _per_member(sorted_owner, count, ascending_rank * sorted_credit)
        with np.errstate(divide="ignore", invalid="ignore"):
            gini = np.where(
                total > 0, 2.0 * weighted_sum / (size * total) - (size + 1.0) / size, np.nan
            )
        top = _top_k(credit_owner, (-credit, self.id_rank[credit_person]), TOP, count)
        people, shares = _shares(top, credit_person, credit, revenue)

        has = revenue > 0
        network_share = _ratio(through, revenue)
        spread = np.where(has, 1.0 - np.nan_to_num(largest_share), np.nan)
        breadth = np.where(has, _saturating(contributors, s.target_contributors), 0.0)
        components = {
            "network_share": (network_share, s.weight_network_share),
            "spread": (spread, s.weight_spread),
            "breadth": (breadth, s.weight_breadth),
        }
        batch.scores["acquisition"] = np.where(has, _weighted(components), 0.0)
        batch.components["acquisition"] = {k: v for k, (v, _) in components.items()}
        batch.numbers["acquisition"] = {
            "currency": self.currency_names[self.main_currency],
            "revenue": _cents_text(revenue),
            "revenue_through_network": _cents_text(through),
            "network_share": network_share,
            "invoices": _per_member(owner, count),
            "clients": clients,
            "contacts": contacts,
            "contributors": contributors,
            "contacts_for_pareto_share": np.where(has, needed, -1),
            "share_of_contacts_for_pareto_share": np.where(has, _ratio(needed, contacts), np.nan),
            "gini": gini,
            "largest_client_share": largest_share,
            "excluded_invoices": excluded,
        }
        batch.contributors["acquisition"] = (people, shares)
        self.revenue = revenue

    def _first_referrals(self) -> tuple[Ints, Ints, npt.NDArray[np.datetime64]]:
        """(member * n + referred) keys, sorted, with the referrer and date of the first one."""
        table = self.ctx.network.tables["referrals"]
        rows = self._rows("referrals")
        member = table["member"][rows].astype(np.int64)
        referred = table["referred"][rows].astype(np.int64)
        referrer = table["referrer"][rows].astype(np.int64)
        day = table["date"][rows]
        key = member * self.n + referred
        order = np.lexsort((self.id_rank[referrer], self.name_rank[referrer], day, key))
        unique, starts = _runs(key[order])
        picked = order[starts]
        return unique, referrer[picked], day[picked]

    # -- financial --------------------------------------------------------------------
    def financial(self, batch: BatchScores) -> None:
        ctx, s, n, count = self.ctx, self.s, self.n, self.count
        invoices = ctx.network.tables["invoices"]
        all_rows = self.invoice_rows
        days = invoices["date"]
        window = all_rows[days[all_rows] > ctx.window_start]
        previous = all_rows[
            (days[all_rows] > ctx.previous_start) & (days[all_rows] <= ctx.window_start)
        ]
        owner = self.position[invoices["member"][window]]
        client = invoices["client"][window].astype(np.int64)
        amount = invoices["amount"][window].astype(np.int64)
        revenue = self.revenue
        before = _per_member(
            self.position[invoices["member"][previous]],
            count,
            invoices["amount"][previous].astype(np.int64),
        )

        pair = owner * n + client
        pair_keys, billed = _group_sum(pair, amount)
        first_day = _group_min(pair, days[window].astype(np.int64), pair_keys)
        pair_owner, pair_client = pair_keys // n, pair_keys % n

        all_owner = self.position[invoices["member"][all_rows]]
        # distinct (member, client, day) triples, then the days per (member, client)
        day_offset = days[all_rows].astype(np.int64) - (
            int(days[all_rows].astype(np.int64).min()) if len(all_rows) else 0
        )
        pair_day = _unique((all_owner * n + invoices["client"][all_rows]) * 2**20 + day_offset)
        date_pairs, date_counts = _unique(pair_day >> 20, return_counts=True)
        repeat = _lookup(date_pairs, date_counts, pair_keys, 0) >= 2

        interactions = ctx.network.tables["interactions"]
        i_rows = self._rows("interactions")
        i_pair = self.position[interactions["member"][i_rows]] * n + interactions["contact"][i_rows]
        i_day = interactions["date"][i_rows].astype(np.int64)
        kind = interactions["kind"][i_rows]
        satisfaction = ctx.network.tables["satisfaction"]
        s_rows = self._rows("satisfaction")
        s_pair = self.position[satisfaction["member"][s_rows]] * n + satisfaction["client"][s_rows]
        checks = np.concatenate([i_pair[kind == CHECK], s_pair]).astype(np.int64)
        check_days = np.concatenate(
            [i_day[kind == CHECK], satisfaction["date"][s_rows].astype(np.int64)]
        )
        last_check = _group_max(checks, check_days, pair_keys)
        checked = last_check >= first_day
        attention_pairs = _unique(
            i_pair[np.isin(kind, ATTENTIONS) & (i_day > ctx.window_start.astype(np.int64))]
        )
        attention = np.isin(pair_keys, attention_pairs)

        clients = _per_member(pair_owner, count)
        window_scores = self._in_window(s_rows, "satisfaction", ctx.window_start)
        score_owner = self.position[satisfaction["member"][window_scores]]
        scored = _per_member(score_owner, count)
        mean = _ratio(_per_member(score_owner, count, satisfaction["score"][window_scores]), scored)

        has = clients > 0
        components = {
            "revenue": (
                np.array([revenue_rating(r / 100, s.revenue_target) for r in revenue.tolist()]),
                s.weight_revenue,
            ),
            "repeat_clients": (
                _ratio(_per_member(pair_owner[repeat], count), clients),
                s.weight_repeat,
            ),
            "satisfaction_checked": (
                _ratio(_per_member(pair_owner[checked], count), clients),
                s.weight_checked,
            ),
            "attention_given": (
                _ratio(_per_member(pair_owner[attention], count), clients),
                s.weight_attention,
            ),
            "satisfaction": (np.where(has, mean / 10.0, np.nan), s.weight_satisfaction),
        }
        batch.scores["financial"] = _weighted(components)
        batch.components["financial"] = {k: v for k, (v, _) in components.items()}
        batch.numbers["financial"] = {
            "currency": self.currency_names[self.main_currency],
            "revenue": _cents_text(revenue),
            "revenue_previous_window": _cents_text(before),
            "trend": _ratio(revenue - before, before),
            "clients": clients,
            "repeat_clients": _per_member(pair_owner[repeat], count),
            "clients_checked": _per_member(pair_owner[checked], count),
            "clients_with_attention": _per_member(pair_owner[attention], count),
            "mean_satisfaction": mean,
            "satisfaction_scores": scored,
        }
        top = _top_k(pair_owner, (-billed, self.id_rank[pair_client]), TOP, count)
        batch.contributors["financial"] = _shares(top, pair_client, billed, revenue)

    # -- recommendation ---------------------------------------------------------------
    def recommendation(self, batch: BatchScores) -> None:
        ctx, s, n, count = self.ctx, self.s, self.n, self.count
        since = ctx.ambassador_start
        referrals = ctx.network.tables["referrals"]
        r_rows = self._rows("referrals", since)
        r_pair = self.position[referrals["member"][r_rows]] * n + referrals["referrer"][r_rows]
        recommendations = ctx.network.tables["recommendations"]
        c_rows = self._rows("recommendations", since)
        c_pair = (
            self.position[recommendations["member"][c_rows]] * n + recommendations["by"][c_rows]
        )

        satisfaction = ctx.network.tables["satisfaction"]
        s_rows = self._rows("satisfaction", since)
        s_pair = (
            self.position[satisfaction["member"][s_rows]] * n + satisfaction["client"][s_rows]
        ).astype(np.int64)
        s_day = satisfaction["date"][s_rows].astype(np.int64)
        order = np.lexsort((s_day, s_pair))
        s_pair, s_day, s_score = s_pair[order], s_day[order], satisfaction["score"][s_rows][order]
        last = (
            np.concatenate([s_pair[1:] != s_pair[:-1], [True]])
            if len(s_pair)
            else np.zeros(0, bool)
        )
        last_day = np.repeat(s_day[last], np.diff(np.concatenate([[0], np.flatnonzero(last) + 1])))
        on_last = s_day == last_day
        scored_keys, score_sum = _group_sum_float(s_pair[on_last], s_score[on_last])
        _, score_n = _group_sum(s_pair[on_last], np.ones(int(on_last.sum()), dtype=np.int64))
        latest = score_sum / np.maximum(score_n, 1)
        promoters = scored_keys[latest >= s.promoter_min]
        detractors = scored_keys[latest <= s.detractor_max]

        referrer_keys, referral_counts = _unique(r_pair.astype(np.int64), return_counts=True)
        recommender_keys, recommendation_counts = _unique(
            c_pair.astype(np.int64), return_counts=True
        )
        ambassadors = _unique(np.concatenate([referrer_keys, recommender_keys, promoters]))
        amb_owner, amb_person = ambassadors // n, ambassadors % n
        scored_owner = scored_keys // n
        scored = _per_member(scored_owner, count)
        nps = 100.0 * _ratio(
            _per_member(promoters // n, count) - _per_member(detractors // n, count), scored
        )
        reach = self._reach(amb_owner, amb_person)
        pagerank = ctx.pagerank
        weight = _per_member(amb_owner, count, pagerank[amb_person]) * n
        amb_count = _per_member(amb_owner, count)

        components = {
            "ambassadors": (_saturating(amb_count, s.target_ambassadors), s.weight_ambassadors),
            "reach": (_saturating(reach, s.target_reach), s.weight_reach),
            "nps": ((nps + 100.0) / 200.0, s.weight_nps),
            "ambassador_weight": (
                _saturating(weight, s.target_ambassador_weight),
                s.weight_ambassador_weight,
            ),
        }
        batch.scores["recommendation"] = _weighted(components)
        batch.components["recommendation"] = {k: v for k, (v, _) in components.items()}
        batch.numbers["recommendation"] = {
            "ambassadors": amb_count,
            "referrers": _per_member(referrer_keys // n, count),
            "recommenders": _per_member(recommender_keys // n, count),
            "promoters": _per_member(promoters // n, count),
            "scored_clients": scored,
            "nps": nps,
            "reach": reach,
            "ambassador_weight": weight,
        }
        acts = (
            _lookup(referrer_keys, referral_counts, ambassadors, 0)
            + _lookup(recommender_keys, recommendation_counts, ambassadors, 0)
            + np.isin(ambassadors, promoters)
        )
        top = _top_k(
            amb_owner, (-acts, -pagerank[amb_person], self.id_rank[amb_person]), TOP, count
        )
        total = _per_member(amb_owner, count, pagerank[amb_person])
        total = np.where(total > 0, total, 1.0)
        batch.contributors["recommendation"] = _shares(top, amb_person, pagerank[amb_person], total)

    def _reach(self, owner: Ints, person: Ints) -> Ints:
        """Per member: people within two steps of an ambassador, not the member nor a contact.

        As in :func:`netgraph.graph.kernels.within_two_steps`, an ambassador counts only when
        another ambassador of the same member reaches it.
        """
        return reach_of_sets(self.ctx.adjacency, owner, person, self.members)

    # -- knowledge --------------------------------------------------------------------
    def knowledge(self, batch: BatchScores) -> None:
        ctx, s, n, count = self.ctx, self.s, self.n, self.count
        memberships = ctx.network.tables["memberships"]
        active = active_memberships(ctx)
        person = memberships["person"][active].astype(np.int64)
        group = memberships["group"][active].astype(np.int64)
        groups_total = max(1, len(ctx.network.groups))
        pairs = _unique(person * groups_total + group)
        pair_person, pair_group = pairs // groups_total, pairs % groups_total
        group_size = np.bincount(pair_group, minlength=groups_total)
        mine = self.position[pair_person] >= 0
        owner = self.position[pair_person[mine]]
        groups = _per_member(owner, count)
        peers = np.zeros(count, dtype=np.int64)
        single = groups == 1
        first_group = np.full(count, -1, dtype=np.int64)
        first_group[owner] = pair_group[mine]
        peers[single] = group_size[first_group[single]] - 1
        by_group = np.argsort(pair_group, kind="stable")
        group_start = np.concatenate([[0], np.cumsum(group_size)])
        for i in np.flatnonzero(groups > 1).tolist():
            own = pair_group[mine][owner == i]
            people = np.concatenate(
                [pair_person[by_group[group_start[g] : group_start[g + 1]]] for g in own]
            )
            peers[i] = len(np.setdiff1d(people, [self.members[i]]))

        exchanges = ctx.network.tables["exchanges"]
        rows = np.flatnonzero(
            (exchanges["date"] <= ctx.as_of) & (exchanges["date"] > ctx.window_start)
        )
        sender = exchanges["from"][rows].astype(np.int64)
        receiver = exchanges["to"][rows].astype(np.int64)
        sent = self.position[sender] >= 0
        got = self.position[receiver] >= 0
        given = _per_member(self.position[sender[sent]], count)
        received = _per_member(self.position[receiver[got]], count)
        given_keys, given_counts = _unique(
            self.position[sender[sent]] * n + receiver[sent], return_counts=True
        )
        got_keys, got_counts = _unique(
            self.position[receiver[got]] * n + sender[got], return_counts=True
        )
        partner_keys = _unique(np.concatenate([given_keys, got_keys]))
        mutual_keys = got_keys[_contains(given_keys, got_keys)]  # both sorted and distinct
        partners = _per_member(partner_keys // n, count)
        mutual = _per_member(mutual_keys // n, count)
        kinds = _per_member(
            _unique(
                np.concatenate(
                    [
                        self.position[sender[sent]] * 8
                        + _kind_codes(exchanges["kind"][rows][sent]),
                        self.position[receiver[got]] * 8
                        + _kind_codes(exchanges["kind"][rows][got]),
                    ]
                )
            )
            // 8,
            count,
        )

        adjacency = ctx.adjacency
        degree = np.diff(adjacency.indptr)[self.members]
        connected = degree > 0
        size = np.zeros(count)
        burt = np.full(count, np.nan)
        if connected.any():
            nodes = self.members[connected]
            if 2 * len(nodes) > self.n:  # most people are members: the all-nodes kernel is cheaper
                burt_all, size_all = burt_measures(adjacency)
                size[connected] = size_all[nodes]
                burt[connected] = burt_all[nodes]
            else:
                size[connected] = effective_size(adjacency, nodes=nodes)
                burt[connected] = constraint(adjacency, nodes=nodes)
        reached = self._communities_reached()  # last: they may still be being found
        diversity = 0.5 * _saturating(reached, s.target_communities) + 0.5 * _saturating(
            size, s.target_effective_size
        )

        components = {
            "groups": (_saturating(groups, s.target_groups), s.weight_groups),
            "peers": (_saturating(peers, s.target_peers), s.weight_peers),
            "exchanges": (_saturating(given + received, s.target_exchanges), s.weight_exchanges),
            "reciprocity": (_ratio(mutual, partners), s.weight_reciprocity),
            "diversity": (diversity, s.weight_diversity),
        }
        batch.scores["knowledge"] = _weighted(components)
        batch.components["knowledge"] = {k: v for k, (v, _) in components.items()}
        batch.numbers["knowledge"] = {
            "active_groups": groups,
            "peers_in_groups": peers,
            "exchanges_given": given,
            "exchanges_received": received,
            "exchange_partners": partners,
            "mutual_partners": mutual,
            "exchange_kinds": kinds,
            "communities_reached": reached,
            "effective_size": size,
            "constraint": burt,
            "contacts": degree,
        }
        volume = _lookup(given_keys, given_counts, partner_keys, 0) + _lookup(
            got_keys, got_counts, partner_keys, 0
        )
        partner_owner, partner = partner_keys // n, partner_keys % n
        shared = self._shared_groups(
            partner_owner, partner, pairs, groups_total, mine, pair_person, pair_group
        )
        top = _top_k(partner_owner, (-volume, -shared, self.id_rank[partner]), TOP, count)
        batch.contributors["knowledge"] = _shares(top, partner, volume, given + received)
        self.knowledge_groups = groups
        self.any_memberships = len(memberships) > 0 and len(active) > 0

    def _communities_reached(self) -> Ints:
        """Per member: the number of distinct communities among their contacts."""
        adjacency = self.ctx.adjacency
        return distinct_labels_per_row(
            adjacency.indptr, adjacency.indices, self.ctx.communities, self.members
        )

    def _shared_groups(
        self,
        partner_owner: Ints,
        partner: Ints,
        pairs: Ints,
        groups_total: int,
        mine: Bools,
        pair_person: Ints,
        pair_group: Ints,
    ) -> Ints:
        """How many of the member's active groups each exchange partner is in too."""
        own_owner = self.position[pair_person[mine]]
        own_group = pair_group[mine]
        order = np.argsort(own_owner, kind="stable")
        own_owner, own_group = own_owner[order], own_group[order]
        starts = np.searchsorted(own_owner, np.arange(self.count + 1))
        per_pair = starts[partner_owner + 1] - starts[partner_owner]
        shared = np.zeros(len(partner), dtype=np.int64)
        for k in range(int(per_pair.max(initial=0))):
            has = per_pair > k
            g = own_group[starts[partner_owner[has]] + k]
            shared[has] += np.isin(partner[has] * groups_total + g, pairs)
        return shared

    # -- focus points -----------------------------------------------------------------
    def focus(self, batch: BatchScores) -> None:
        ctx, count = self.ctx, self.count
        people = ctx.network.people
        adjacency = ctx.adjacency
        has_why = np.array([bool(str(w).strip()) for w in people["why"].tolist()])
        has_tags = np.array([len(t) > 0 for t in people["tags"].tolist()])
        degree = np.diff(adjacency.indptr)[self.members]
        rows_of = np.repeat(np.arange(self.n), np.diff(adjacency.indptr))
        why_count = np.bincount(rows_of, weights=has_why[adjacency.indices], minlength=self.n)[
            self.members
        ]
        know = 0.5 * has_tags[self.members] + 0.5 * np.where(
            degree > 0, _ratio(why_count, degree), 0.0
        )
        if not has_why.any() and not has_tags.any():
            know = np.full(count, np.nan)

        channel = people["channel"]
        online = np.isin(channel, ("online", "both"))
        offline = np.isin(channel, ("offline", "both"))
        on = np.bincount(rows_of, weights=online[adjacency.indices], minlength=self.n)[self.members]
        off = np.bincount(rows_of, weights=offline[adjacency.indices], minlength=self.n)[
            self.members
        ]
        recommendations = ctx.network.tables["recommendations"]
        rows = self._rows("recommendations")
        rec_owner = self.position[recommendations["member"][rows]]
        rec_channel = recommendations["channel"][rows]
        on = on + _per_member(rec_owner[np.isin(rec_channel, ("online", "both"))], count)
        off = off + _per_member(rec_owner[np.isin(rec_channel, ("offline", "both"))], count)
        consistent = _ratio(np.minimum(on, off), np.maximum(on, off))

        numbers = batch.numbers["financial"]
        measure = _ratio(numbers["clients_checked"], numbers["clients"])
        groups = _saturating(self.knowledge_groups, self.s.target_groups)
        if not self.any_memberships:
            groups = np.full(count, np.nan)

        exchanges = ctx.network.tables["exchanges"]
        x_rows = np.flatnonzero(
            (exchanges["date"] <= ctx.as_of)
            & (exchanges["date"] > ctx.window_start)
            & np.isin(exchanges["kind"], HELPING_KINDS)
        )
        giver = self.position[exchanges["from"][x_rows]]
        given = _per_member(giver[giver >= 0], count)
        referrals = ctx.network.tables["referrals"]
        r_rows = np.flatnonzero(
            (referrals["date"] <= ctx.as_of) & (referrals["date"] > ctx.window_start)
        )
        introducer = self.position[referrals["referrer"][r_rows]]
        introductions = _per_member(introducer[introducer >= 0], count)
        helping = _saturating(given + introductions, max(1.0, self.s.target_exchanges / 2))
        if len(exchanges) == 0 and len(referrals) == 0:
            helping = np.full(count, np.nan)
        batch.focus = {
            "know_who_you_are": know,
            "consistent_message": consistent,
            "measure_satisfaction": measure,
            "be_part_of_groups": groups,
            "help_others": helping,
        }


# -- helpers ----------------------------------------------------------------------------


def _ranks(values: npt.NDArray[Any]) -> Ints:
    """The rank of every value in sorted order (equal values get distinct, stable ranks)."""
    order = np.argsort(values.astype(str), kind="stable")
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(len(values))
    return ranks


def _unique(values: npt.ArrayLike, return_counts: bool = False) -> Any:
    """Sorted distinct integers (and how often each occurs), by sorting.

    numpy 2's default :func:`numpy.unique` of integers goes through a hash table,
    which is many times slower than a sort on arrays of millions.
    """
    x = np.sort(np.asarray(values, dtype=np.int64))
    first = np.concatenate([[True], x[1:] != x[:-1]]) if len(x) else np.zeros(0, dtype=bool)
    distinct = x[first]
    if not return_counts:
        return distinct
    return distinct, np.diff(np.concatenate([np.flatnonzero(first), [len(x)]]))


def _lookup(keys: Ints, values: Ints, wanted: Ints, missing: int) -> Ints:
    """values[keys == w] for every w in wanted (keys sorted and distinct), else missing."""
    if len(keys) == 0:
        return np.full(len(wanted), missing, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, values[at], missing)


def _contains(sorted_keys: Ints, wanted: Ints) -> Bools:
    """Whether each wanted key is among the sorted keys."""
    if len(sorted_keys) == 0:
        return np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
    return sorted_keys[at] == wanted  # type: ignore[no-any-return]


def _group_sum_float(keys: Ints, values: Floats) -> tuple[Ints, Floats]:
    order = np.argsort(keys, kind="stable")
    unique, starts = _runs(keys[order])
    if len(unique) == 0:
        return unique, np.zeros(0)
    return unique, np.add.reduceat(values[order], starts)


def _group_min(keys: Ints, values: Ints, wanted: Ints) -> Ints:
    order = np.lexsort((values, keys))
    unique, starts = _runs(keys[order])
    return _lookup(unique, values[order][starts], wanted, np.iinfo(np.int64).max)


def _group_max(keys: Ints, values: Ints, wanted: Ints) -> Ints:
    order = np.lexsort((-values, keys))
    unique, starts = _runs(keys[order])
    return _lookup(unique, values[order][starts], wanted, np.iinfo(np.int64).min)


def _kind_codes(kinds: npt.NDArray[Any]) -> Ints:
    from ..model._schema import EXCHANGE_KINDS

    code = {kind: k for k, kind in enumerate(EXCHANGE_KINDS)}
    return np.array([code[k] for k in kinds.tolist()], dtype=np.int64)


def _cents_text(cents: Ints) -> npt.NDArray[np.object_]:
    """:func:`netgraph.model._network.format_cents` of every entry (``1250`` gives ``'12.50'``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    size = np.abs(cents)
    text = pc.binary_join_element_wise(
        pa.array(np.where(cents < 0, "-", "")),
        pc.cast(pa.array(size // 100), pa.string()),
        ".",
        pc.utf8_lpad(pc.cast(pa.array(size % 100), pa.string()), width=2, padding="0"),
        "",
    )
    out: npt.NDArray[np.object_] = text.to_numpy(zero_copy_only=False)
    return out
