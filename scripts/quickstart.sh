#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build, index Corpus/ into Index/,
# and search it for 代表建议.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift build -c release --product jiansuo
.build/release/jiansuo index Corpus
echo
.build/release/jiansuo search 代表建议 --limit 5
echo
.build/release/jiansuo count '"代表建议"' --by year
