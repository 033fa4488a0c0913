#!/usr/bin/env bash
# Draws the hand-judged sample of actor kinds (Benchmarks/ACTOR-KINDS.tsv): 200 (document,
# actor) pairs of BBC News and 100 of the readability test pages, seeded, through the product
# (`msearch index` then `msearch export`). Judge the new lines (verdict right/wrong/skip and a
# short reason), then score them with: python3 Benchmarks/actor_kinds.py score FILE
# usage: Benchmarks/actor-kinds.sh SEED OUT.tsv [msearch binary]
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${1:?seed}; OUT=${2:?output file}; BIN=${3:-.build/release/msearch}
SHARED=$(cd ../shared && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
$BIN index --quiet --index "$WORK/bbc" "$SHARED/corpora/bbc-news/bbc" >/dev/null 2>&1 || true
$BIN export --index "$WORK/bbc" > "$WORK/bbc.jsonl"
$BIN index --quiet --index "$WORK/html" "$SHARED/corpora/html-readability-testpages/test-pages" >/dev/null 2>&1 || true
$BIN export --index "$WORK/html" > "$WORK/html.jsonl"
printf 'source\tdocument\tactor\tkind given\tverdict\treason\tcontext\n' > "$OUT"
python3 Benchmarks/actor_kinds.py draw --seed "$SEED" --n 200 --source bbc "$WORK/bbc.jsonl" >> "$OUT"
python3 Benchmarks/actor_kinds.py draw --seed "$SEED" --n 100 --source readability "$WORK/html.jsonl" >> "$OUT"
