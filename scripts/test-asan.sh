#!/usr/bin/env bash
# The fuzz and property suites under AddressSanitizer: a read or write out of bounds in the
# unsafe-pointer code (mapped files, postings decoding, top-k heaps) aborts with its stack,
# where a normal build might corrupt the heap silently or crash far away.
#
# A subset, to keep CI within its budget: damaged indexes (CorruptionFuzzTests, 300 cases
# here; JIANSUO_FUZZ_CASES to change), random and hostile queries (QueryParserTests),
# concordances (ConcordanceTests), postings cursors (PostingsCursorTests) and the
# cross-command properties over generated queries (CrossCommandPropertyTests).
# Debug build with its own scratch path, so it never disturbs .build.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export JIANSUO_FUZZ_CASES="${JIANSUO_FUZZ_CASES:-300}"
swift test --scratch-path .build-asan -Xswiftc -sanitize=address \
    --filter 'CorruptionFuzzTests|QueryParserTests|ConcordanceTests|PostingsCursorTests|CrossCommandPropertyTests' "$@"
