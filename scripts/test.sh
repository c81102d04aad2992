#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, then `swift test`.
# Tests that read ../shared/corpus skip (and say so) when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift test "$@"
