#!/usr/bin/env bash
# Every file accounted for (issue #14), on 20 Newsgroups as distributed: 18,846 extension-less
# posts in folders. Indexes them with `--skipped` and checks that the documents' files plus the
# skipped files are exactly the posts in the archive (no file silently ignored), and prints the
# skip counts by reason. Too slow for `swift test`: a debug build with --no-extract took 756 s on
# the shared machine under a load of ~30 (2026-12-02: 18,846 documents, 0 skipped, exit 0; main
# before it: "indexed 0 documents from 0 files", exit 2).
#
# usage: Benchmarks/every-file-accounted.sh [path/to/msearch [index options…]]
#   (default: a release build; e.g. `… .build/debug/msearch --no-extract` for a quick debug run)
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHIVE=../shared/corpora/20newsgroups/20news-bydate.tar.gz
if [ ! -f "$ARCHIVE" ]; then
    echo "every-file-accounted: skipped, no $ARCHIVE"
    exit 0
fi
BIN=${1:-}
shift || true
if [ -z "$BIN" ]; then
    swift build -c release --product msearch --scratch-path .build-release 2>&1 | tail -1
    BIN=.build-release/release/msearch
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/posts"
tar -xzf "$ARCHIVE" -C "$WORK/posts"
posts=$(find "$WORK/posts" -type f ! -name '.*' | wc -l)
started=$(date +%s.%N)
status=0
"$BIN" index --quiet --skipped "$@" --index "$WORK/index" "$WORK/posts" >"$WORK/out" 2>"$WORK/err" || status=$?
seconds=$(echo "$(date +%s.%N) - $started" | bc)
documents=$("$BIN" export --index "$WORK/index" | wc -l)
skipped=$(wc -l <"$WORK/out")
echo "20newsgroups: $posts posts in the archive; exit status $status; $documents documents, $skipped files skipped; index ${seconds%.*} s"
if [ "$skipped" -gt 0 ]; then
    echo "skipped by reason:"
    cut -f1 "$WORK/out" | sort | uniq -c | sed 's/^/  /'
fi
if [ $((documents + skipped)) -ne "$posts" ]; then
    echo "FAIL: $documents documents + $skipped skipped != $posts posts"
    exit 1
fi
echo "every post accounted for"
