"""Score the example freelancer's network with the netgraph API and show what drives it.

Run from the repository root:  python examples/score_freelancer.py
"""

from datetime import date
from pathlib import Path

import netgraph

folder = Path(__file__).parent / "freelancer"
network = netgraph.load_network(folder)
report = netgraph.score_member(network, as_of=date(2026, 11, 1))

print(f"{report.name}, as of {report.as_of}")
for key, value in report.values.items():
    print(f"  {key:<15} {value.score:5.1f}  {'*' * value.stars:<5}")
    for person in value.contributors[:3]:
        print(f"      {person.name:<28} {person.share:6.1%}  {person.detail}")

weakest = min(report.focus, key=lambda point: point.rating if point.rating is not None else 2.0)
print(f"Invest first in: {weakest.key.replace('_', ' ')} ({weakest.status})")
