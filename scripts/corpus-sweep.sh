#!/usr/bin/env bash
# The corpus sweep (issue #13): indexes every corpus in ../shared/corpora with extraction on,
# then checks and searches each index, with a release build of msearch. Any signal, timeout or
# exit status other than the documented ones fails the sweep; skipped files are fine (msearch
# reports them and exits 1). Files whose extension names no format — the 20 Newsgroups posts
# (extracted from the archive as they are), CACM's cacm.all, Cranfield's cran.all.1400, the
# *.ALL files — are read by their content (the posts as mail), so they go through sniffing and extraction
# too. Then Benchmarks/mail.sh checks the 20 Newsgroups posts as articles.
# Then Benchmarks/opensearch-export.sh exports the whole of Reuters for OpenSearch and checks it.
# Prints one line per corpus: documents, skipped files, seconds, peak RSS.
#
# usage: scripts/corpus-sweep.sh [path/to/msearch]   (default: builds .build-sweep/release/msearch)
set -uo pipefail
cd "$(dirname "$0")/.."
CORPORA=../shared/corpora
if [ ! -d "$CORPORA" ]; then
    echo "corpus sweep: skipped, no $CORPORA"
    exit 0
fi
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --product msearch --scratch-path .build-sweep 2>&1 | tail -1
    BIN=.build-sweep/release/msearch
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Each command's limit: the largest corpus indexes in well under a minute.
LIMIT=600
failures=0

# Runs msearch under `timeout` and /usr/bin/time; fails the sweep unless the status is allowed.
#   step LABEL ALLOWED_STATUSES... -- ARGS...
step() {
    local label=$1; shift
    local allowed=()
    while [ "$1" != "--" ]; do allowed+=("$1"); shift; done
    shift
    local status=0
    timeout $LIMIT /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
    # /usr/bin/time's last line is "SECONDS KB" (a line before it names a signal).
    read -r seconds rss < <(tail -n 1 "$WORK/time" 2>/dev/null) || true
    [[ "${rss:-}" =~ ^[0-9]+$ ]] || { seconds=?; rss=0; }
    for a in "${allowed[@]}"; do [ "$status" = "$a" ] && return 0; done
    echo "FAIL $label: exit status $status (124: timeout; above 128: signal $((status - 128)))"
    grep -v "^msearch: skipped" "$WORK/err" | tail -20
    failures=$((failures + 1))
    return 1
}

for corpus in "$CORPORA"/*/; do
    name=$(basename "$corpus")
    side="$WORK/$name-unpacked"
    paths=("$corpus")
    if [ "$name" = 20newsgroups ]; then
        mkdir -p "$side"
        tar -xzf "$corpus"/*.tar.gz -C "$side"
        paths+=("$side")
    fi
    index="$WORK/$name-index"
    started=$(date +%s)
    if step "$name: index" 0 1 -- index --quiet --index "$index" "${paths[@]}"; then
        index_seconds=$seconds index_mb=$((rss / 1024))
        skipped=$(grep -c "^msearch: skipped" "$WORK/err")
        step "$name: check" 0 -- check --index "$index"
        documents=$(grep -o '[0-9]* documents\?' "$WORK/out" | head -1)
        step "$name: search" 0 1 -- --index "$index" --limit 5 --color never the oil price
        step "$name: search with filters" 0 1 -- --index "$index" --json --facets --from 1980 --to 2030 '"of the"~3 OR stat*'
        step "$name: actors" 0 1 -- actors --index "$index"
        echo "$name: ${documents:-? documents}, $skipped files skipped, index ${index_seconds} s and ${index_mb} MB peak, all steps $(( $(date +%s) - started )) s"
    fi
    rm -rf "$index" "$side"
done

# mail.sh measures issue #14's bar for mail (exit 1 when one of its checks is not met: it prints
# which); the sweep fails when a post is not indexed (2) or the script breaks (4, or msearch's
# own failure status).
mail_status=0
MSEARCH_BIN="$BIN" Benchmarks/mail.sh || mail_status=$?
if [ "$mail_status" -gt 1 ]; then
    echo "FAIL Benchmarks/mail.sh: exit status $mail_status"
    failures=$((failures + 1))
fi

# The OpenSearch export of the whole of Reuters-21578 (issue #19): peak memory, the bulk
# documents equal to `msearch export`'s JSON Lines, every body valid against the specification
# (status 3: the validator's Python modules are missing, said and skipped).
export_status=0
Benchmarks/opensearch-export.sh "$BIN" || export_status=$?
if [ "$export_status" -eq 3 ]; then
    echo "opensearch export: validation skipped (scripts/opensearch-validate.py could not run)"
elif [ "$export_status" -ne 0 ]; then
    echo "FAIL Benchmarks/opensearch-export.sh: exit status $export_status"
    failures=$((failures + 1))
fi

if [ $failures -gt 0 ]; then
    echo "corpus sweep: $failures failure(s)"
    exit 1
fi
echo "corpus sweep: every corpus indexed, checked and searched"
