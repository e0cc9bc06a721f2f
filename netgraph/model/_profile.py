"""A member's own profile: the pitch and the target clients the workshop asks them to write.

Two focus points of the method ("know who you are and what you stand for", "be
consistent in your message online and offline") are about what the member says of
themselves; the network's data cannot show them. An optional ``profile.toml`` beside the
network's files holds it::

    [profile]                      # the member of a network with one member
    pitch = "Loopbaancoach voor zzp'ers die willen groeien"
    target_clients = "zzp'ers in Groningen met twee tot vijf jaar ervaring"
    keywords = ["loopbaan", "zzp"]  # words that say what the member stands for
    cadence = {client = 30, peer = 90}  # days between contacts the member wants, by role

    [profile.anna]                 # or one table per member id
    pitch = "..."
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import ConfigError

__all__ = ["PROFILE_FILE", "Profile", "read_profiles"]

PROFILE_FILE = "profile.toml"
_FIELDS = ("pitch", "target_clients", "keywords", "cadence")
_ROLES = ("client", "prospect", "partner", "peer", "supplier", "other")
_MAX_CADENCE_DAYS = 36500


@dataclass(frozen=True)
class Profile:
    """What a member wrote about themselves: their pitch, target clients and keywords.

    Without ``keywords``, the words of six letters or more of the pitch stand for them.
    ``cadence`` holds the days between contacts the member wants, per role of contact
    (``client``, ``peer``, ...): it wins over the rhythm netgraph learns (see
    :func:`netgraph.advise`).

    Examples
    --------
    >>> Profile(pitch="Loopbaancoach voor zzp'ers").words
    ('loopbaancoach', "zzp'ers")
    """

    pitch: str = ""
    target_clients: str = ""
    keywords: tuple[str, ...] = field(default=())
    cadence: tuple[tuple[str, int], ...] = field(default=())

    def cadence_days(self, role: str) -> int | None:
        """The member's own cadence for contacts of this role (days), if they set one.

        Examples
        --------
        >>> Profile(cadence=(("client", 30),)).cadence_days("client")
        30
        """
        return dict(self.cadence).get(role)

    @property
    def words(self) -> tuple[str, ...]:
        """The keywords, lower case; from the pitch when none are given."""
        if self.keywords:
            return tuple(sorted({k.strip().casefold() for k in self.keywords if k.strip()}))
        found = {w.strip(".,;:!?'\"()").casefold() for w in self.pitch.split()}
        return tuple(sorted(w for w in found if len(w) >= 6))


def read_profiles(file: str | os.PathLike[str]) -> dict[str, Profile]:
    """The profiles in a ``profile.toml``: by member id, or under ``""`` for the only member."""
    path = Path(file)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the profile ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("profile")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: expected a [profile] table")
    if any(key in table for key in _FIELDS):
        return {"": _profile(path, "profile", table)}
    return {
        str(member): _profile(path, f"profile.{member}", value)
        for member, value in table.items()
        if isinstance(value, dict) or _not_a_table(path, member)
    }


def _not_a_table(path: Path, member: str) -> bool:
    raise ConfigError(f"{path}: [profile.{member}] must be a table with a pitch")


def _profile(path: Path, where: str, table: Mapping[str, Any]) -> Profile:
    unknown = sorted(set(table) - set(_FIELDS))
    if unknown:
        raise ConfigError(
            f"{path}: [{where}] has no field {unknown[0]!r} (known: pitch, "
            "target_clients, keywords, cadence)"
        )
    pitch, target = table.get("pitch", ""), table.get("target_clients", "")
    keywords = table.get("keywords", [])
    if not isinstance(pitch, str) or not isinstance(target, str):
        raise ConfigError(f"{path}: [{where}] pitch and target_clients are text")
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError(f"{path}: [{where}] keywords is a list of words")
    cadence = table.get("cadence", {})
    if not isinstance(cadence, dict):
        raise ConfigError(f"{path}: [{where}] cadence is a table of days by role, e.g. client = 30")
    for role, days in cadence.items():
        if role not in _ROLES:
            raise ConfigError(
                f"{path}: [{where}] cadence: unknown role {role!r} (known: {', '.join(_ROLES)})"
            )
        if (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not 1 <= days <= _MAX_CADENCE_DAYS
        ):
            raise ConfigError(
                f"{path}: [{where}] cadence.{role}: expected whole days from 1 to "
                f"{_MAX_CADENCE_DAYS}, got {days!r}"
            )
    return Profile(pitch.strip(), target.strip(), tuple(keywords), tuple(sorted(cadence.items())))
