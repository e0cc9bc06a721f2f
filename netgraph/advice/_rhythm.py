"""A contact's rhythm: how often the member and a contact are usually in touch.

The rhythm is learned from the days the two were in touch; where there are too few of
them, a stated cadence per kind of contact stands in, and a cadence the member sets in
their profile wins over both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model._profile import Profile
from ..model._settings import Settings

__all__ = ["CONTACT_MOMENTS", "Rhythms", "rhythms"]

Ints = npt.NDArray[np.int64]

#: Where a dated row puts the member and a contact in touch: (section, the member's
#: column, the contact's column). Exchanges have no member column: either side may be
#: the member, so they are read from both ends.
CONTACT_MOMENTS: tuple[tuple[str, str, str], ...] = (
    ("interactions", "member", "contact"),
    ("invoices", "member", "client"),
    ("satisfaction", "member", "client"),
    ("referrals", "member", "referrer"),
    ("recommendations", "member", "by"),
    ("exchanges", "from", "to"),
    ("exchanges", "to", "from"),
)

#: Where the rhythm of a contact comes from.
SOURCES = ("learned", "profile", "settings")


@dataclass(frozen=True)
class Rhythms:
    """The rhythm of each of some contacts, as columns in the order they were asked for.

    Attributes
    ----------
    days_in_touch
        The number of distinct days the member and the contact were in touch.
    last
        The last of those days (days since 1970-01-01), or -1 when there is none.
    rhythm
        The usual gap in days: the learned median gap, or a cadence.
    source
        An index into :data:`SOURCES`: learned, the member's profile, or the settings.
    """

    days_in_touch: Ints
    last: Ints
    rhythm: npt.NDArray[np.float64]
    source: Ints

    def silence(self, as_of: int) -> Ints:
        """Days since the last day in touch (-1 where there was none)."""
        silent: Ints = np.where(self.last >= 0, as_of - self.last, -1)
        return silent


def rhythms(
    contacts: Ints,
    moments: tuple[Ints, Ints],
    roles: npt.NDArray[Any],
    settings: Settings,
    profile: Profile | None = None,
) -> Rhythms:
    """The rhythm of each contact: the median gap between the days the two were in touch.

    A contact's rhythm is the median of the gaps between the distinct days on which the
    member and the contact were in touch, learned when there are at least
    ``settings.rhythm_min_contacts`` such days. With fewer, the stated cadence for the
    contact's role (``settings.cadence_<role>_days``) stands in. A cadence the member
    sets for a role in their profile wins over both: it is what the member wants.

    A contact silent for longer than ``settings.due_multiple`` (2) times their rhythm is
    due, and past ``settings.at_risk_multiple`` (8) times it at risk: in a study of
    millions of phone calls, a tie whose silence grew beyond about eight times its usual
    gap between contacts was, more often than not, not taken up again [1]_. The median
    rather than the mean keeps one long holiday from stretching a rhythm.

    Parameters
    ----------
    contacts
        Person rows, each once.
    moments
        Person rows and days (since 1970-01-01) on which the member was in touch with
        them, in any order, repeats allowed.
    roles
        The role of each contact (``client``, ``peer``, ...; empty when unknown).
    settings
        The minimum number of days for a learned rhythm, and the stated cadences.
    profile
        The member's own cadences, by role.

    References
    ----------
    .. [1] Navarro, H., Miritello, G., Canales, A. and Moro, E. (2017). "Temporal
       patterns behind the strength of persistent ties". EPJ Data Science 6, 31.
       https://doi.org/10.1140/epjds/s13688-017-0127-3

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.model._settings import Settings
    >>> people, days = np.array([7, 7, 7, 7, 9]), np.array([0, 10, 30, 10, 5])
    >>> found = rhythms(np.array([7, 9]), (people, days), np.array(["client", "peer"]),
    ...                 Settings())
    >>> found.days_in_touch.tolist(), found.last.tolist(), found.rhythm.tolist()
    ([3, 1], [30, 5], [15.0, 120.0])
    >>> [SOURCES[s] for s in found.source]
    ['learned', 'settings']
    """
    contacts = np.asarray(contacts, dtype=np.int64)
    people, days = (np.asarray(a, dtype=np.int64) for a in moments)
    wanted = np.isin(people, contacts)
    people, days = people[wanted], days[wanted]
    # distinct (person, day), sorted by person then day
    pairs = np.unique(np.stack([people, days]), axis=1) if len(people) else np.zeros((2, 0))
    people, days = pairs[0].astype(np.int64), pairs[1].astype(np.int64)
    position = np.searchsorted(contacts, people, sorter=np.argsort(contacts))
    slot = np.argsort(contacts)[position] if len(people) else np.zeros(0, dtype=np.int64)
    count = np.bincount(slot, minlength=len(contacts)).astype(np.int64)
    last = np.full(len(contacts), -1, dtype=np.int64)
    np.maximum.at(last, slot, days)

    same = np.diff(slot) == 0
    gap_slot, gap = slot[1:][same], np.diff(days)[same]
    learned = np.full(len(contacts), np.nan)
    order = np.lexsort((gap, gap_slot))
    gap_slot, gap = gap_slot[order], gap[order].astype(np.float64)
    starts = np.searchsorted(gap_slot, np.arange(len(contacts)))
    sizes = np.bincount(gap_slot, minlength=len(contacts))
    has = sizes > 0
    low = starts[has] + (sizes[has] - 1) // 2
    high = starts[has] + sizes[has] // 2
    learned[has] = (gap[low] + gap[high]) / 2

    stated = np.array([settings.cadence_days(str(r)) for r in roles.tolist()], dtype=np.float64)
    own = np.array(
        [
            np.nan
            if profile is None or profile.cadence_days(str(r)) is None
            else float(profile.cadence_days(str(r)) or 0)
            for r in roles.tolist()
        ],
        dtype=np.float64,
    )
    enough = count >= settings.rhythm_min_contacts
    rhythm = np.where(~np.isnan(own), own, np.where(enough, learned, stated))
    source = np.where(~np.isnan(own), 1, np.where(enough, 0, 2)).astype(np.int64)
    return Rhythms(count, last, rhythm.astype(np.float64), source)
