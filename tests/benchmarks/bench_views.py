"""Benchmark: a large cascade view in headless Chromium, from the page's arrival to a network ready to click, beside
bare vis-network drawing the same nodes and edges with the same options (the raw engine), in one run.

Run: python tests/benchmarks/bench_views.py [--nodes 500,2000,5000] [--runs 5]
Needs Debian's /usr/bin/chromium and Python Playwright (pip install -e '.[test]'). Target (issue 7): a 2,000-node
view interactive within 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the synthetic views
from playwright.sync_api import Page, sync_playwright
from synthetic_views import big_view

from visualizations.page import asset, data, options, render, script_json

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
READY = "window.vnCascadeReady === true"


def bare(view_data: dict, view_options: dict) -> str:
    """vis-network alone on a page: the same data and options, ready once it has drawn the first time."""
    return f"""<!doctype html><html><head><style>{asset("vis-network.css")}</style></head><body>
<div id="net" style="width:1280px;height:900px"></div><script>{asset("vis-network.min.js")}</script><script>
const net = new vis.Network(document.getElementById("net"), {{
  nodes: new vis.DataSet({script_json(view_data["nodes"])}),
  edges: new vis.DataSet({script_json(view_data["edges"])}) }}, {script_json(view_options)});
net.once("afterDrawing", () => {{ window.bareReady = true; }});
</script></body></html>"""


def seconds_to_ready(page: Page, html: str, ready: str) -> float:
    """From handing the page its HTML to `ready` holding."""
    began = time.perf_counter()
    page.set_content(html, wait_until="load")
    page.wait_for_function(ready, timeout=120_000)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", default="500,2000", help="view sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            for size in (int(n) for n in args.nodes.split(",")):
                view = big_view(size)
                ours, raw = render(view), bare(data(view), options(view))
                timings: dict[str, list[float]] = {"view page": [], "bare vis-network": []}
                for _ in range(args.runs):
                    for name, html, ready in (
                        ("view page", ours, READY),
                        ("bare vis-network", raw, "window.bareReady"),
                    ):
                        page = browser.new_page(viewport={"width": 1280, "height": 900})
                        timings[name].append(seconds_to_ready(page, html, ready))
                        page.close()
                for name, values in timings.items():
                    print(
                        f"{size:6,} nodes  {name:17} ready in p50 {statistics.median(values):5.2f} s, "
                        f"max {max(values):5.2f} s ({args.runs} runs)"
                    )
        finally:
            browser.close()


if __name__ == "__main__":
    main()
