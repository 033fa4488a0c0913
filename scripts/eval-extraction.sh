#!/bin/bash
# Measures MSearchExtraction against real ground truth (needs ../shared and a working MSearchSources):
#   1. Reuters-21578 PEOPLE/ORGS recall and actors/doc (shared/eval/actor_eval.py), with a 30-doc sample to judge by hand;
#   2. publication dates of the html-readability test pages (33 with publishedTime).
# usage: scripts/eval-extraction.sh [SCRATCH_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${1:-.build}
SHARED=../shared
python3 "$SHARED/peers/convert_reuters.py" "$SHARED/corpora/reuters21578" --out /tmp/reuters.jsonl
MSEARCH_EVAL=1 swift test --scratch-path "$SCRATCH" --filter writeReutersPredictions 2>&1 | grep -E "extracted|error:" || true
python3 "$SHARED/eval/actor_eval.py" /tmp/reuters.jsonl /tmp/actors.jsonl --sample-out /tmp/actors-sample.txt --sample-n 30 --seed 7
MSEARCH_EVAL=html swift test --scratch-path "$SCRATCH" --filter htmlDates 2>&1 | grep -E "^(OK|MISS|--|exact)" > /tmp/html-dates.txt || true
tail -1 /tmp/html-dates.txt
