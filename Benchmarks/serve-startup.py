#!/usr/bin/env python3
"""Start-up and round trip of `jiansuo serve` against the whole `jiansuo search` process, in
paired runs over one index (by default ../shared/corpus/gov-work-reports and provincial-2026,
the load benchmark's). Each round measures, back to back:

  search     `jiansuo search --json QUERY` as a process: launch to exit
  curl       `curl -s URL` to a server already running (`--cache 0`, so it searches): a
             process and one HTTP request
  http       one HTTP request on a new connection from this process (no process start),
             to that server
  cached     the same to a server with its default cache, which has the answer already
  start-up   `jiansuo serve --port 0`: launch to the first answered /api/search

and prints the median of each, with the per-round ratios' medians (machine load moves them
alike, so the ratios are the figures to compare).

    swift build -c release && Benchmarks/serve-startup.py [--rounds 20] [--index DIR]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


def median_ms(samples):
    return statistics.median(samples) * 1000


def start_server(binary, index, *options):
    """Launches the server: (process, its URL, when it was launched)."""
    started = time.perf_counter()
    server = subprocess.Popen([binary, "serve", "--index", index, "--port", "0", *options],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    if not line.startswith("Serving"):
        server.kill()
        sys.exit(f"the server printed {line!r} instead of its URL")
    url = line.split()[-1]
    return server, url, started


def get(url):
    with urllib.request.urlopen(url) as response:
        body = response.read()
        if response.status != 200 or b'"hits"' not in body:
            sys.exit(f"{url} answered {response.status}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--index", help="an index to use; by default one is built in a temporary folder")
    parser.add_argument("--rounds", type=int, default=20, choices=range(1, 1001), metavar="N")
    parser.add_argument("--query", default='"代表建议"')
    arguments = parser.parse_args()
    binary = os.path.join(arguments.bin, "jiansuo")
    shared = os.environ.get("JIANSUO_SHARED", "../shared")

    work = tempfile.mkdtemp()
    try:
        index = arguments.index
        if not index:
            index = os.path.join(work, "index")
            folders = [os.path.join(shared, "corpus", name) for name in ("gov-work-reports", "provincial-2026")]
            subprocess.run([binary, "index", *folders, "--index", index, "--quiet"], check=True)
        query = urllib.parse.quote(arguments.query)

        # Two servers answer the curl, http and cached rounds; each start-up round starts its own.
        server, url, _ = start_server(binary, index, "--cache", "0")
        caching, caching_url, _ = start_server(binary, index)
        target, cached_target = f"{url}api/search?q={query}", f"{caching_url}api/search?q={query}"
        get(target)
        get(cached_target)
        samples = {"search": [], "curl": [], "http": [], "cached": [], "start-up": []}
        try:
            for number in range(arguments.rounds + 1):  # round 0 warms the page cache, and is dropped
                round_ = {}
                started = time.perf_counter()
                subprocess.run([binary, "search", "--index", index, "--json", arguments.query],
                               check=True, stdout=subprocess.DEVNULL)
                round_["search"] = time.perf_counter() - started

                started = time.perf_counter()
                subprocess.run(["curl", "-sf", "-o", "/dev/null", target], check=True)
                round_["curl"] = time.perf_counter() - started

                started = time.perf_counter()
                get(target)
                round_["http"] = time.perf_counter() - started

                started = time.perf_counter()
                get(cached_target)
                round_["cached"] = time.perf_counter() - started

                fresh, fresh_url, started = start_server(binary, index)
                get(f"{fresh_url}api/search?q={query}")
                round_["start-up"] = time.perf_counter() - started
                fresh.terminate()
                fresh.wait()
                if number > 0:
                    for key, value in round_.items():
                        samples[key].append(value)
        finally:
            for process in (server, caching):
                process.terminate()
                process.wait()

        load = os.getloadavg()[0]
        print(f"{arguments.rounds} paired rounds, query {arguments.query}, 1-minute load {load:.2f}")
        labels = {
            "search": "jiansuo search --json (whole process)",
            "curl": "curl to a running server (whole process)",
            "http": "HTTP round trip, new connection",
            "cached": "the same, answer kept by the server",
            "start-up": "jiansuo serve: launch to first answer",
        }
        for key, label in labels.items():
            print(f"  {label:<42} median {median_ms(samples[key]):8.2f} ms")
        ratio = lambda a, b: statistics.median(x / y for x, y in zip(samples[a], samples[b]))
        print(f"  curl / search    {ratio('curl', 'search'):.2f}×   (per-round ratios, median)")
        print(f"  http / search    {ratio('http', 'search'):.2f}×")
        print(f"  cached / search  {ratio('cached', 'search'):.3f}×")
        print(f"  start-up / search {ratio('start-up', 'search'):.2f}×")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
