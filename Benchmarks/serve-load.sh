#!/usr/bin/env bash
# Load on `jiansuo serve`: wrk -t2 -c32 -d15s on /api/search?q="代表建议" over an index of
# ../shared/corpus/gov-work-reports and provincial-2026 — first on a quiet index, then
# while `jiansuo index` re-indexes underneath, committing again and again. Prints
# requests/s, p50/p99 latency and errors for each, and the number of commits made.
# CACHE=0 turns the server's cache of repeated answers off, so every request searches.
#
#   swift build -c release && Benchmarks/serve-load.sh        (BIN=.build/release by default)
#   CACHE=0 Benchmarks/serve-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release}
shared=${JIANSUO_SHARED:-../shared}
duration=${DURATION:-15s}
cache=${CACHE:-1024}
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-dependencies.sh installs it" >&2; exit 1; }

work=$(mktemp -d)
server=""; indexer=""
cleanup() {
    [ -n "$indexer" ] && kill "$indexer" 2>/dev/null || true
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A copy, so the re-index phase can change a file without touching ../shared.
mkdir -p "$work/corpus"
cp -r "$shared/corpus/gov-work-reports" "$shared/corpus/provincial-2026" "$work/corpus/"
folders=("$work/corpus/gov-work-reports" "$work/corpus/provincial-2026")
"$bin/jiansuo" index "${folders[@]}" --index "$work/index" >/dev/null

"$bin/jiansuo" serve --index "$work/index" --port 0 --cache "$cache" >"$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q "^Serving" "$work/serve.log" && break; sleep 0.1; done
url=$(awk '/^Serving/ {print $NF}' "$work/serve.log")
target="${url}api/search?q=%22%E4%BB%A3%E8%A1%A8%E5%BB%BA%E8%AE%AE%22"
curl -sf "$target" >/dev/null || { echo "the server does not answer at $target" >&2; exit 1; }

report() {  # wrk's output → one line
    awk -v label="$1" '
        /Requests\/sec/ { rate = $2 }
        /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        /Non-2xx/ { non2xx = $NF } /Socket errors/ { socket = $0 }
        END { printf "%-22s %10s req/s   p50 %8s   p99 %8s   non-2xx %s   %s\n", label, rate, p50, p99, (non2xx ? non2xx : 0), (socket ? socket : "no socket errors") }'
}

echo "index: $("$bin/jiansuo" stats --index "$work/index" | head -1 | tr -s ' '); cache: $cache answers; load: $(cut -d' ' -f1 /proc/loadavg)"
wrk -t2 -c32 -d"$duration" --latency "$target" | tee "$work/quiet.txt" | report "quiet index"

# Re-index underneath: each round appends a paragraph to one report and commits it.
commits="$work/commits"; : >"$commits"
(
    round=0
    while :; do
        round=$((round + 1))
        printf '\n第%d次修订：代表建议办理情况。\n' "$round" >>"$work/corpus/provincial-2026/2026/湖北省.txt"
        "$bin/jiansuo" index "${folders[@]}" --index "$work/index" >/dev/null 2>&1 && echo "$round" >>"$commits"
    done
) &
indexer=$!
wrk -t2 -c32 -d"$duration" --latency "$target" | tee "$work/reindex.txt" | report "while re-indexing"
kill "$indexer"; wait "$indexer" 2>/dev/null || true; indexer=""
echo "commits during the second run: $(wc -l <"$commits")"
curl -s "$target" | grep -o '"generation":[0-9]*' || true
