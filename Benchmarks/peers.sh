#!/usr/bin/env bash
# Peer comparison (issue #5): msearch against Tantivy, Lucene, FTS5 and Xapian with the shared
# harness (../shared/peers/bench.py), on Reuters-21578 (bag of words, then phrase) and, with
# --synthetic N, on N synthetic documents made from Reuters (msearch and tantivy only).
# Prints each run's bench.py table, then a Markdown table of msearch/tantivy ratios
# (< 1 means msearch is smaller or faster), for two msearch configurations:
#   msearch       the defaults, as users get them (text stored, dates and actors extracted),
#                 compared with tantivy-stored (Tantivy keeping its text) as well as tantivy;
#   msearch-lean  as the peers are configured: no stored text (`--store none`), no extraction
#                 (`--no-extract`), through `msearch bench`'s options (the same as `msearch index`'s).
#
# usage: Benchmarks/peers.sh [--synthetic N] [--out DIR] [--repeat N] [--warmup N] [--scratch-path DIR]
#   --synthetic N   also run N synthetic docs (1,000,000 ≈ 5 GB of JSONL and long; default off)
#   --out DIR       keep corpora and bench outputs in DIR (default: a temp dir, removed at exit);
#                   a synthetic corpus already there is reused
#   --scratch-path DIR  swift build's scratch path (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SHARED=$(cd ../shared && pwd)
PEERS="$SHARED/peers"
SYNTHETIC=0
OUT=""
REPEAT=5
WARMUP=3
SCRATCH=.build
while [ $# -gt 0 ]; do
    case "$1" in
        --synthetic) SYNTHETIC="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --repeat) REPEAT="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --scratch-path) SCRATCH="$2"; shift 2 ;;
        -h|--help) sed -n 2,15p "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [ -z "$OUT" ]; then
    OUT=$(mktemp -d)
    trap 'rm -rf "$OUT"' EXIT
else
    mkdir -p "$OUT"
    OUT=$(cd "$OUT" && pwd)
fi

swift build -c release --scratch-path "$SCRATCH" >&2
BIN="$(cd "$SCRATCH" && pwd)/release/msearch"

python3 "$PEERS/convert_reuters.py" "$SHARED/corpora/reuters21578" --out "$OUT/reuters.jsonl" >&2
python3 "$PEERS/make_queries.py" --corpus "$OUT/reuters.jsonl" --out "$OUT/queries.tsv" --n 50 --seed 42 >&2

bench() { # name engines extra-args...
    local name=$1 engines=$2; shift 2
    echo "== $name" >&2
    python3 "$PEERS/bench.py" --queries "$OUT/queries.tsv" --engines "$engines" \
        --engine-cmd msearch="$BIN bench" --engine-cmd msearch-lean="$BIN bench --store none --no-extract" --repeat "$REPEAT" --warmup "$WARMUP" \
        --tmpdir "$OUT" --out "$OUT/$name" "$@" >&2
}

RUNS=()
bench reuters-or msearch,msearch-lean,tantivy,tantivy-stored,lucene,fts5,xapian --corpus "$OUT/reuters.jsonl"
RUNS+=("Reuters, OR:$OUT/reuters-or/results.json")
bench reuters-phrase msearch,msearch-lean,tantivy,tantivy-stored,lucene,fts5,xapian --corpus "$OUT/reuters.jsonl" --phrase
RUNS+=("Reuters, phrase:$OUT/reuters-phrase/results.json")
if [ "$SYNTHETIC" -gt 0 ]; then
    # Reused when --out already holds it (same source, seed and size give the same file).
    [ -s "$OUT/syn$SYNTHETIC.jsonl" ] || python3 "$PEERS/make_synthetic.py" --source "$OUT/reuters.jsonl" \
        --docs "$SYNTHETIC" --out "$OUT/syn$SYNTHETIC.jsonl" --seed 42 >&2
    bench "syn$SYNTHETIC-or" msearch,msearch-lean,tantivy,tantivy-stored --corpus "$OUT/syn$SYNTHETIC.jsonl"
    RUNS+=("Synthetic $SYNTHETIC docs, OR:$OUT/syn$SYNTHETIC-or/results.json")
fi

python3 - "${RUNS[@]}" <<'PY'
import json, sys
cols = [("index wall s", "index", "wall_s"), ("index CPU s", "index", "cpu_s"), ("index MB", "index", "size_mb"),
        ("index peak RSS", "index", "peak_rss_mb"), ("query p50", "search", "p50_ms"),
        ("query p95", "search", "p95_ms"), ("query p99", "search", "p99_ms")]
def fmt(v, unit):
    return "–" if v is None else f"{v:.3f}" if unit == "ms" else f"{v:.2f}" if unit == "s" else f"{v:.1f}"
print("| run | value | " + " | ".join(c[0] for c in cols) + " |")
print("| --- | --- | " + " | ".join("---:" for _ in cols) + " |")
for arg in sys.argv[1:]:
    label, path = arg.rsplit(":", 1)
    engines = {e["engine"]: e for e in json.load(open(path))["engines"]}
    t = engines.get("tantivy", {})
    def get(e, sec, key):
        return e.get(sec, {}).get(key) if e.get("status", "ok") not in ("error", "unsupported") else None
    units = ["s", "s", "MB", "MB", "ms", "ms", "ms"]
    for name in ("msearch", "msearch-lean", "tantivy", "tantivy-stored"):
        e = engines.get(name, {})
        print(f"| {label} | {name} | " + " | ".join(fmt(get(e, s, k), u) for (_, s, k), u in zip(cols, units)) + " |")
    # Issue #18's pairs: the lean build against tantivy (both keep no text); the defaults
    # against tantivy-stored for build, size and RSS (both keep the text) and against tantivy
    # for queries (the query targets are stated against tantivy for both configurations).
    stored = engines.get("tantivy-stored", {})
    pairs = [("msearch", "tantivy", t), ("msearch", "tantivy-stored", stored), ("msearch-lean", "tantivy", t)]
    for name, peer, p in pairs:
        m = engines.get(name, {})
        ratios = []
        for _, s, k in cols:
            a, b = get(m, s, k), get(p, s, k)
            ratios.append("–" if a is None or not b else f"**{a / b:.2f}×**")
        print(f"| {label} | {name}/{peer} | " + " | ".join(ratios) + " |")
PY
