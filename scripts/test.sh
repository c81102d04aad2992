#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, then run every test.
# Tests that read ../shared/corpus skip (and say so) when it is absent.
#
# The suite runs optimized (-c release, with testability for @testable imports): its
# oracle tests scan and query the real corpus thousands of times, which a debug build
# makes several times slower than building in release costs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift test -c release -Xswiftc -enable-testing "$@"
# Then the fuzz and property suites under AddressSanitizer (JIANSUO_ASAN=0 skips them).
if [[ "${JIANSUO_ASAN:-1}" != 0 && $# -eq 0 ]]; then
    scripts/test-asan.sh
fi
