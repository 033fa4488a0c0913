#!/usr/bin/env bash
# The OpenSearch export of a whole corpus (issue #19), by default Reuters-21578: indexes it,
# exports it with `--to opensearch` under /usr/bin/time (peak RSS: memory must not grow with
# the index), exports it as JSON Lines, compares the two (Benchmarks/opensearch-compare.py:
# same documents, same field values) and validates index.json and every bulk line against the
# OpenSearch API specification (scripts/opensearch-validate.py). Skipped without ../shared.
#
# usage: Benchmarks/opensearch-export.sh [path/to/msearch] [corpus folder]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${2:-../shared/corpora/reuters21578}
SPEC=../shared/reference/opensearch-api-specification/spec
if [ ! -d "$CORPUS" ]; then echo "opensearch export: skipped, no $CORPUS"; exit 0; fi
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --product msearch --scratch-path .build-release 2>&1 | tail -1
    BIN=.build-release/release/msearch
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" index --index "$WORK/index" "$CORPUS" | tail -1
/usr/bin/time -v "$BIN" export --index "$WORK/index" --to opensearch "$WORK/out" 2> "$WORK/time.txt"
grep -E "^msearch: " "$WORK/time.txt" || true
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$WORK/time.txt"
du -sh "$WORK/out" | cut -f1 | sed 's/^/export size: /'
"$BIN" export --index "$WORK/index" --with-body > "$WORK/export.jsonl"
python3 Benchmarks/opensearch-compare.py "$WORK/export.jsonl" "$WORK/out"
if [ -d "$SPEC" ]; then
    python3 scripts/opensearch-validate.py "$SPEC" index "$WORK/out/index.json"
    python3 scripts/opensearch-validate.py "$SPEC" bulk --mapping="$WORK/out/index.json" "$WORK/out"/bulk-*.ndjson
fi
