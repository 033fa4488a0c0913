#!/usr/bin/env bash
# Publication dates end to end, through the product (`msearch index` + `msearch export`), on the
# shared HTML sets and on BBC News.
#   - html-readability-testpages: the only set with expected dates (publishedTime in
#     expected-metadata.json, compared on its calendar day as written): exact day, wrong day in
#     the right year, wrong year, undated.
#   - html-newspaper3k, html-trafilatura (cache/), html-article-extraction-benchmark: no expected
#     dates (see their SOURCE.md); how many pages get a date, by evidence, and the year range.
#   - bbc-news (2004–2005): dates outside 2004-01-01…2005-12-31 (each one is wrong), dated count
#     by evidence.
# usage: Benchmarks/dates.sh [BINARY]   (default: a release build of this worktree)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd ../shared && pwd)
CORPORA="$SHARED/corpora"
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --scratch-path .build-release --product msearch >/dev/null
    BIN=.build-release/release/msearch
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

export_set() {   # name folder
    "$BIN" index --quiet --index "$WORK/$1-index" "$2" >/dev/null 2>&1 || true
    "$BIN" export --index "$WORK/$1-index" > "$WORK/$1.jsonl"
}
export_set readability "$CORPORA/html-readability-testpages/test-pages"
export_set newspaper3k "$CORPORA/html-newspaper3k/html"
export_set trafilatura "$CORPORA/html-trafilatura/cache"
export_set benchmark "$CORPORA/html-article-extraction-benchmark/html"
export_set bbc "$CORPORA/bbc-news/bbc"

python3 - "$CORPORA" "$WORK" <<'PY'
import collections, json, os, sys
corpora, work = sys.argv[1], sys.argv[2]

def load(name):
    path = os.path.join(work, name + ".jsonl")
    return [json.loads(l) for l in open(path, encoding="utf-8")] if os.path.exists(path) else []

def evidence_kind(e):
    # "meta article:published_time; day from dateline" → "meta article:published_time"
    return (e or "").split(";")[0]

pages = os.path.join(corpora, "html-readability-testpages", "test-pages")
got = {}
for d in load("readability"):
    if d["path"].endswith("/source.html"):
        got[os.path.basename(os.path.dirname(d["path"]))] = (d.get("date"), d.get("date_evidence"))
counts = collections.Counter()
others = dated_others = 0
for page in sorted(os.listdir(pages)):
    meta = json.load(open(os.path.join(pages, page, "expected-metadata.json"), encoding="utf-8"))
    want = (meta.get("publishedTime") or "")[:10]
    date, ev = got.get(page, (None, None))
    if not want:
        others += 1
        dated_others += date is not None
        continue
    if date == want: kind = "exact day"
    elif date is None: kind = "undated"
    elif date[:4] != want[:4]: kind = "wrong year"
    else: kind = "wrong day"
    counts[kind] += 1
    if kind != "exact day": print(f"  readability {kind}: {page} expected {want}, got {date} ({ev})")
n = sum(counts.values())
print(f"readability ({n} pages with publishedTime): " + ", ".join(f"{k} {counts[k]}" for k in ["exact day", "wrong day", "wrong year", "undated"])
      + f"; {dated_others}/{others} pages without publishedTime dated")

for name in ["newspaper3k", "trafilatura", "benchmark"]:
    docs = load(name)
    dated = [d for d in docs if d.get("date")]
    ev = collections.Counter(evidence_kind(d.get("date_evidence")) for d in dated)
    years = sorted(d["date"][:4] for d in dated)
    span = f", years {years[0]}–{years[-1]}" if years else ""
    print(f"{name}: {len(dated)}/{len(docs)} dated{span}; by evidence: " + ", ".join(f"{k} {v}" for k, v in ev.most_common()))

docs = load("bbc")
dated = [d for d in docs if d.get("date")]
outside = [d for d in dated if not ("2004-01-01" <= d["date"][:10] <= "2005-12-31")]
ev = collections.Counter(evidence_kind(d.get("date_evidence")) for d in dated)
print(f"bbc: {len(docs)} articles, {len(dated)} dated, {len(outside)} outside 2004–2005; by evidence: "
      + ", ".join(f"{k} {v}" for k, v in ev.most_common()))
for d in outside:
    print(f"  bbc outside: {d['path'].split('bbc/')[-1]} {d['date']} ({d.get('date_evidence')})")
PY
