"""Benchmark of the network page and the platform map: building them, and drawing them.

For each generated platform it times, in one process: loading the folder, building the
member's network page capped at 3,000 people (the member with the most ties, so that
the cap is reached on a network with hubs), and building the platform map (communities
of the whole network, capped at 3,000). Then it opens each page in headless Chromium
(Playwright, the system's ``/usr/bin/chromium``) and records the time to the first
drawing: from the start of navigation to vis-network's first ``afterDrawing``, and the
part of it spent in the page's own script (``data-draw-ms``).

Usage::

    python benchmarks/pictures.py [--people 100000] [--hubs] [--seed 2026] [--runs 3] [--out FILE]

``--people`` may be given several times. Networks are generated once into
``benchmarks/.data`` (seeded, shared with the other benchmarks). The results are
written as a Markdown table (``benchmarks/results-pictures.md`` by default).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import median, say  # noqa: E402

AS_OF = date(2026, 11, 1)
SEED = 2026
CHROMIUM = "/usr/bin/chromium"


def _folder(people: int, hubs: bool, seed: int) -> Path:
    name = f"people-{people}-seed-{seed}" + ("-hubs" if hubs else "")
    folder = HERE / ".data" / name
    if not (folder / "people.csv").exists():
        say(f"generating {people:,} people into {folder.name}")
        extra = ["--hubs"] if hubs else []
        subprocess.run(
            [sys.executable, "-m", "netgraph", "generate", "--people", str(people),
             "--seed", str(seed), "--into", str(folder), "--force", *extra],
            check=True,
        )  # fmt: skip
    return folder


def _best_connected(network: Any) -> str:
    import numpy as np

    ties = network.tables["ties"]
    degree = np.bincount(
        np.concatenate([ties["a"], ties["b"]]).astype(np.int64), minlength=network.size
    )
    members = np.flatnonzero(network.people["member"])
    return str(network.person_ids[members[np.argmax(degree[members])]])


def _draw(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds to the first drawing (navigation start to afterDrawing), and the script's part."""
    from playwright.sync_api import sync_playwright

    walls, scripts = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox", "--disable-gpu"]
        )
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("#ng-canvas[data-drawn=yes]", timeout=300_000)
            walls.append(time.perf_counter() - start)
            scripts.append(float(page.get_attribute("#ng-canvas", "data-draw-ms") or "nan") / 1000)
            context.close()
        browser.close()
    return walls, scripts


def run(people: int, hubs: bool, seed: int, runs: int, rows: list[dict[str, Any]]) -> None:
    import netgraph
    from netgraph.pictures._html import html_page
    from netgraph.pictures._network_page import member_view, network_parts, platform_view

    folder = _folder(people, hubs, seed)
    label = f"{people:,}" + (" with hubs" if hubs else "")
    start = time.perf_counter()
    network = netgraph.load_network(folder)
    rows.append({"network": label, "what": "load", "seconds": [time.perf_counter() - start]})
    member = _best_connected(network)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("member", "platform"):
            seconds = []
            view: dict[str, Any] = {}
            for _ in range(runs):
                say(f"{label}: building the {kind} page")
                start = time.perf_counter()
                if kind == "member":
                    view = member_view(network, member, as_of=AS_OF, max_nodes=3000)
                else:
                    view = platform_view(network, as_of=AS_OF, max_nodes=3000)
                page = html_page(view["title"], [network_parts(view)])
                seconds.append(time.perf_counter() - start)
            path = Path(tmp) / f"{kind}.html"
            path.write_text(page, encoding="utf-8")
            what = (
                f"member page ({member}: {view['shown']:,} of {view['total']:,} people drawn, "
                f"{len(view['edges']):,} edges)"
                if kind == "member"
                else f"platform map ({view['shown']:,} of {view['total']:,} communities, "
                f"{len(view['edges']):,} edges)"
            )
            size = f"{len(page.encode('utf-8')) / 1e6:.1f} MB"
            rows.append({"network": label, "what": f"build the {what}", "seconds": seconds})
            say(f"{label}: drawing the {kind} page in Chromium")
            walls, scripts = _draw(path, runs)
            rows.append(
                {"network": label, "what": f"first drawing of the {kind} page ({size})",
                 "seconds": walls}
            )  # fmt: skip
            rows.append(
                {"network": label, "what": f"of which the page's script ({kind})",
                 "seconds": scripts}
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, action="append")
    parser.add_argument("--hubs", action="store_true", help="networks with hubs")
    parser.add_argument("--seed", type=int, default=SEED, help=f"default {SEED}")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results-pictures.md")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for people in args.people or [100_000]:
        run(people, args.hubs, args.seed, args.runs, rows)
    lines = [
        "# Benchmark: the network page and the platform map",
        "",
        f"Networks generated with seed {args.seed} (`netgraph generate --people N --seed "
        f"{args.seed}"
        + (" --hubs" if args.hubs else "")
        + f"`), as of {AS_OF}. The member page is of the member with the most ties, capped "
        "at 3,000 people; the platform map is capped at 3,000 communities.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; headless Chromium ({CHROMIUM}). Medians of the runs.",
        "Command: `python benchmarks/pictures.py "
        + " ".join(f"--people {p}" for p in args.people or [100_000])
        + (" --hubs" if args.hubs else "")
        + f" --seed {args.seed} --runs {args.runs}`",
        "",
        "| network | what | median (s) | runs |",
        "|---|---|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['network']} | {row['what']} | {median(row['seconds']):.2f} | "
            f"{len(row['seconds'])} |"
        )
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(f"wrote {args.out}")


if __name__ == "__main__":
    main()
