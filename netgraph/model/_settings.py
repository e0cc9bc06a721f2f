"""Every threshold, window, weight and target the scores use, in one place."""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import ConfigError

__all__ = ["Settings"]

#: The range of every setting that has one besides "at least 0": windows of at most a
#: century, a positive edge weight cap, at most a thousand contributors listed, ...
_RANGES: dict[str, tuple[float, float]] = {
    "window_months": (1, 1200),
    "ambassador_window_months": (1, 1200),
    "top_contributors": (0, 1000),
    "max_chain_length": (1, 100),
    "target_contributors": (1, 10**6),
    "target_connectors": (1, 10**6),
    "target_ambassadors": (1, 10**6),
    "target_reach": (1, 10**9),
    "target_nurtured": (1, 10**6),
    "target_peers": (1, 10**6),
    "target_exchanges": (1, 10**6),
    "target_mutual": (1, 10**6),
    "target_organisations": (1, 10**6),
    "target_groups": (0.1, 10**6),
    "revenue_target": (1, 10**12),
    "concentration_warning": (0, 1),
    "repeat_gap_days": (1, 36500),
    "satisfaction_sufficient": (0, 10),
    "promoter_min": (0, 10),
    "detractor_max": (0, 10),
    "intervision_weight": (0, 100),
    "max_edge_weight": (0.001, 10**6),
    "max_organisation_size": (2, 10**6),
    "pagerank_tolerance": (1e-15, 1),
    "advice_contributors": (1, 1000),
    "rhythm_min_contacts": (2, 1000),
    "due_multiple": (1, 1000),
    "at_risk_multiple": (1, 10**4),
    "cadence_client_days": (1, 36500),
    "cadence_prospect_days": (1, 36500),
    "cadence_partner_days": (1, 36500),
    "cadence_peer_days": (1, 36500),
    "cadence_supplier_days": (1, 36500),
    "cadence_other_days": (1, 36500),
    "aftercare_weeks": (0, 520),
    "card_follow_up_weeks": (1, 520),
}


@dataclass(frozen=True)
class Settings:
    """The method's parameters; ``docs/method.md`` explains each one.

    Every value can be changed with :func:`dataclasses.replace` or from a TOML file
    (:meth:`from_toml`) whose ``[netgraph]`` table holds the same names.

    Examples
    --------
    >>> Settings().window_months
    12
    >>> Settings.from_mapping({"window_months": 6}).window_months
    6
    """

    # windows
    window_months: int = 12
    ambassador_window_months: int = 24
    # stars: a score at or above the n-th threshold earns n + 1 stars
    star_thresholds: tuple[float, float, float, float] = (20.0, 40.0, 60.0, 80.0)
    top_contributors: int = 5
    # money: the yearly revenue a value is rated against, and exchange rates
    # 1,225 hours a year (the Dutch tax office's hours criterion for an entrepreneur)
    # at about EUR 60 an hour, a common rate for a Dutch freelancer: see docs/method.md
    revenue_target: float = 75_000.0
    report_currency: str = "EUR"
    # units of report_currency per unit of another currency, e.g. {"USD": 0.92}
    rates: tuple[tuple[str, float], ...] = ()
    # acquisition
    client_share: float = 0.5
    referrer_decay: float = 0.5
    max_chain_length: int = 5
    pareto_share: float = 0.8
    target_contributors: int = 10
    target_connectors: int = 3
    concentration_warning: float = 0.5
    weight_network_revenue: float = 0.5
    weight_breadth: float = 0.25
    weight_connectors: float = 0.25
    # recommendation
    promoter_min: float = 9.0
    detractor_max: float = 6.0
    target_ambassadors: int = 5
    target_reach: int = 50
    target_nurtured: int = 3
    weight_ambassadors: float = 0.5
    weight_reach: float = 0.25
    weight_nurtured: float = 0.25
    # financial
    repeat_gap_days: int = 180
    satisfaction_sufficient: float = 5.5
    weight_revenue: float = 0.5
    weight_repeat: float = 0.15
    weight_checked: float = 0.2
    weight_attention: float = 0.15
    # knowledge
    target_groups: float = 3.0
    intervision_weight: float = 2.0
    target_peers: int = 30
    target_exchanges: int = 12
    target_mutual: int = 3
    target_organisations: int = 5
    weight_groups: float = 0.2
    weight_peers: float = 0.15
    weight_exchanges: float = 0.25
    weight_mutual: float = 0.2
    weight_diversity: float = 0.2
    # graph projection
    referral_weight: float = 2.0
    exchange_weight: float = 1.0
    member_event_weight: float = 1.0
    organisation_weight: float = 1.0
    max_organisation_size: int = 30
    max_edge_weight: float = 10.0
    damping: float = 0.85
    pagerank_tolerance: float = 1e-10
    # advice (netgraph advise): the contributors per value weighed for nurturing
    advice_contributors: int = 20
    # a contact's rhythm is the median gap between at least this many days in touch
    rhythm_min_contacts: int = 3
    # silent past this many times the rhythm: "due", and "at risk" (Navarro et al. 2017)
    due_multiple: float = 2.0
    at_risk_multiple: float = 8.0
    # the cadence of a contact without a rhythm of their own, by role (days)
    cadence_client_days: int = 60
    cadence_prospect_days: int = 90
    cadence_partner_days: int = 90
    cadence_peer_days: int = 120
    cadence_supplier_days: int = 180
    cadence_other_days: int = 180
    # a client's work has ended this many weeks after their last invoice
    aftercare_weeks: int = 4
    # a contact met at an event or imported needs a follow-up within this many weeks
    card_follow_up_weeks: int = 6

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "report_currency":
                if not (isinstance(value, str) and len(value) == 3 and value.isalpha()):
                    raise ConfigError(f"report_currency: expected a code like EUR, got {value!r}")
                continue
            if f.name == "rates":
                for code, rate in value:
                    if not (isinstance(code, str) and len(code) == 3 and code.isalpha()):
                        raise ConfigError(f"rates: expected currency codes like USD, got {code!r}")
                    if isinstance(rate, bool) or not math.isfinite(rate) or rate <= 0:
                        raise ConfigError(f"rates.{code}: expected a number above 0, got {rate!r}")
                continue
            if f.name == "star_thresholds":
                if len(value) != 4 or list(value) != sorted(value):
                    raise ConfigError(
                        "star_thresholds: expected four scores, each at least the one before"
                    )
                if not all(0 <= v <= 100 for v in value):
                    raise ConfigError("star_thresholds: every threshold must be within 0-100")
                continue
            if isinstance(value, bool) or not math.isfinite(value) or value < 0:
                raise ConfigError(f"{f.name}: expected a number of at least 0, got {value!r}")
        for name in ("referrer_decay", "pareto_share", "damping"):
            if not 0 < getattr(self, name) < 1:
                raise ConfigError(f"{name}: expected a number between 0 and 1")
        if self.at_risk_multiple < self.due_multiple:
            raise ConfigError("at_risk_multiple: expected at least due_multiple")
        if not 0 <= self.client_share <= 1:
            raise ConfigError("client_share: expected a number from 0 to 1")
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise ConfigError(
                    f"{name}: expected a number from {low:g} to {high:g}, got {value!r}"
                )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Settings:
        """Settings with the given names changed; unknown names are an error."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        changes: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting '{name}'")
            default = getattr(cls(), name)
            if name == "rates":
                if not isinstance(value, Mapping):
                    raise ConfigError("rates: expected a table, e.g. [netgraph.rates] USD = 0.92")
                try:
                    value = tuple(sorted((str(k).upper(), float(v)) for k, v in value.items()))
                except (TypeError, ValueError):
                    raise ConfigError("rates: expected a number per currency") from None
            elif isinstance(default, str):
                if not isinstance(value, str):
                    raise ConfigError(f"{name}: expected text, got {value!r}")
                value = value.upper()
            elif isinstance(default, tuple):
                if not isinstance(value, list | tuple) or not all(
                    isinstance(v, int | float) and not isinstance(v, bool) for v in value
                ):
                    raise ConfigError(f"{name}: expected a list of numbers, got {value!r}")
                value = tuple(float(v) for v in value)
            elif isinstance(default, int) and not isinstance(value, int):
                raise ConfigError(f"{name}: expected a whole number, got {value!r}")
            elif isinstance(default, float):
                if not isinstance(value, int | float) or isinstance(value, bool):
                    raise ConfigError(f"{name}: expected a number, got {value!r}")
                value = float(value)
            changes[name] = value
        return dataclasses.replace(cls(), **changes)

    @classmethod
    def from_toml(cls, file: str | os.PathLike[str]) -> Settings:
        """Read settings from the ``[netgraph]`` table of a TOML file."""
        path = Path(file)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the settings file ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        table = data.get("netgraph", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [netgraph] must be a table")
        try:
            return cls.from_mapping(table)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None

    def to_dict(self) -> dict[str, Any]:
        out = {
            f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v
            for f in dataclasses.fields(self)
        }
        out["rates"] = dict(self.rates)
        return out

    @property
    def window_revenue_target(self) -> float:
        """``revenue_target`` (a year's) for the length of the main window."""
        return self.revenue_target * self.window_months / 12

    def cadence_days(self, role: str) -> int:
        """The stated cadence of a contact of this role (days); ``other`` for an unknown role.

        Examples
        --------
        >>> Settings().cadence_days("client"), Settings().cadence_days("")
        (60, 180)
        """
        value = getattr(self, f"cadence_{role}_days", self.cadence_other_days)
        return int(value)

    def rate(self, currency: str) -> float | None:
        """Units of the report currency per unit of ``currency`` (None: no rate given)."""
        if currency == self.report_currency:
            return 1.0
        return dict(self.rates).get(currency)
