#!/bin/bash
# Whole-process time of a one-shot query, as a user runs it (page cache warm): 2 warm-up runs,
# then the median (and range) of 11, in ms. Used for the start-up table in PERFORMANCE.md.
# usage: Benchmarks/one-shot-query.sh MSEARCH_BINARY INDEX_DIR [QUERY]
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 MSEARCH_BINARY INDEX_DIR [QUERY]" >&2; exit 2; fi
bin=$1 index=$2 query=${3:-oil prices}
for _ in 1 2; do "$bin" --index "$index" --limit 5 "$query" >/dev/null; done
for _ in $(seq 11); do
    s=$(date +%s%N); "$bin" --index "$index" --limit 5 "$query" >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms (min %.1f, max %.1f)\n", a[6]/1000, a[1]/1000, a[NR]/1000}'
