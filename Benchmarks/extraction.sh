#!/usr/bin/env bash
# Measures date and actor extraction end to end, through the product: `msearch index` then
# `msearch export`, against real ground truth in ../shared.
#   1. Reuters-21578 <PEOPLE>/<ORGS> recall and actors per document (../shared/eval/actor_eval.py),
#      with a 30-document sample written to /tmp/msearch-actors-sample.txt for judging by hand.
#   2. Publication dates of the html-readability test pages: exact day on the 33 with an expected
#      publishedTime, and how many of the other 97 get a date.
# usage: Benchmarks/extraction.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd ../shared && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build -c release >/dev/null
BIN=.build/release/msearch

python3 "$SHARED/peers/convert_reuters.py" "$SHARED/corpora/reuters21578" --out "$WORK/reuters.jsonl" >/dev/null
mkdir "$WORK/sgm" && cp "$SHARED"/corpora/reuters21578/*.sgm "$WORK/sgm/"
$BIN index --quiet --index "$WORK/reuters-index" "$WORK/sgm"
$BIN export --index "$WORK/reuters-index" > "$WORK/reuters-export.jsonl"
python3 "$SHARED/eval/actor_eval.py" "$WORK/reuters.jsonl" "$WORK/reuters-export.jsonl" \
    --sample-out /tmp/msearch-actors-sample.txt --sample-n 30 --seed 7

PAGES="$SHARED/corpora/html-readability-testpages/test-pages"
$BIN index --quiet --index "$WORK/html-index" "$PAGES" 2>/dev/null
$BIN export --index "$WORK/html-index" > "$WORK/html-export.jsonl"
python3 - "$PAGES" "$WORK/html-export.jsonl" <<'PY'
import json, os, sys
pages, export = sys.argv[1], sys.argv[2]
got = {}
for line in open(export, encoding="utf-8"):
    d = json.loads(line)
    if d["path"].endswith("/source.html"):
        got[os.path.basename(os.path.dirname(d["path"]))] = (d["date"], d["date_evidence"])
exact = expected = others = dated = 0
for page in sorted(os.listdir(pages)):
    meta = json.load(open(os.path.join(pages, page, "expected-metadata.json"), encoding="utf-8"))
    want = (meta.get("publishedTime") or "")[:10]
    date, evidence = got.get(page, (None, None))
    if want:
        expected += 1
        ok = date == want
        exact += ok
        if not ok: print(f"MISS {page}: expected {want}, got {date} ({evidence})")
    else:
        others += 1
        dated += date is not None
print(f"publication dates: exact day on {exact}/{expected} pages with publishedTime; {dated}/{others} of the others dated")
PY
