#!/usr/bin/env python3
"""Every ranking variant of msearch on every test collection, as one Markdown table.

Converts the classic collections in ../shared/corpora with the peers' converters (into --work),
builds the release binary, indexes each collection once (ranking options are search-time), runs
`msearch eval` for each variant and prints nDCG@10 / MAP@100 per collection, the mean nDCG@10
over the five main collections (ADI is a smoke test, outside the mean), and the peers' best.

usage: python3 Benchmarks/relevance.py [--work DIR] [--scratch-path .build] [--no-build]
           [--variants a,b] [--collections cranfield,cisi] [--extra NAME='FLAGS'] [--out FILE]

The ms/query column is the mean over the collections of `msearch eval`'s in-process time per
query (top 100): indicative only, on a shared machine.
"""
import argparse, os, re, shlex, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = ["cranfield", "cisi", "medline", "cacm", "npl", "adi"]
MAIN = COLLECTIONS[:5]

# Peer engines from ../shared/peers/BASELINES.md (section 2): nDCG@10 and MAP@100.
PEERS = {
    "tantivy": {"cranfield": (0.3677, 0.2976), "cisi": (0.3038, 0.1214), "medline": (0.7038, 0.5089),
                "cacm": (0.4289, 0.2714), "npl": (0.4385, 0.2612), "adi": (0.4698, 0.4016)},
    "xapian": {"cranfield": (0.3660, 0.2952), "cisi": (0.3522, 0.1571), "medline": (0.6909, 0.5114),
               "cacm": (0.4677, 0.3004), "npl": (0.4385, 0.2610), "adi": (0.4790, 0.4059)},
    "fts5": {"cranfield": (0.3623, 0.2947), "cisi": (0.3610, 0.1612), "medline": (0.6900, 0.5127),
             "cacm": (0.4612, 0.3034), "npl": (0.4306, 0.2568), "adi": (0.4752, 0.4085)},
    "lucene": {"cranfield": (0.3627, 0.2936), "cisi": (0.3688, 0.1641), "medline": (0.6854, 0.5116),
               "cacm": (0.4596, 0.2983), "npl": (0.4167, 0.2489), "adi": (0.4770, 0.4044)},
    "bm25s": {"cranfield": (0.3695, 0.2997), "cisi": (0.3814, 0.1640), "medline": (0.6986, 0.5168),
              "cacm": (0.4994, 0.3335), "npl": (0.4362, 0.2634), "adi": (0.4832, 0.4156)},
}

# Each variant is flags on top of plain BM25 as the peers run it ("classic": every word scored,
# one field, no proximity, no feedback) or on top of msearch's defaults (no ranking flags).
CLASSIC = "--k1 1.2 --b 0.75 --title-weight 1 --title-b none --stopwords none --proximity 0 --no-rm3"
VARIANTS = [
    # name, what, base, flags
    ("classic", "plain BM25 k1 1.2 b 0.75, every word scored (the peers' setting)", "classic", ""),
    ("classic-query-syntax", "classic, queries through the query language (hyphenated words are phrases; unparsable queries count 0)", "classic", "--syntax query"),
    # one feature at a time on classic
    ("+stop-lucene", "query stop words: Lucene's 33", "classic", "--stopwords lucene"),
    ("+stop-english", "query stop words: Snowball English + single letters/digits", "classic", "--stopwords english"),
    ("+title-1.5", "title weight 1.5 (one field)", "classic", "--title-weight 1.5"),
    ("+title-2", "title weight 2 (one field)", "classic", "--title-weight 2"),
    ("+title-3", "title weight 3 (one field)", "classic", "--title-weight 3"),
    ("+bm25f", "BM25F: title weight 2, title b 0.9, body b 0.75", "classic", "--title-weight 2 --title-b 0.9"),
    ("k1-0.9-b-0.4", "Anserini's BM25 parameters", "classic", "--k1 0.9 --b 0.4"),
    ("k1-1.5", "k1 1.5", "classic", "--k1 1.5"),
    ("k1-2.0", "k1 2.0", "classic", "--k1 2.0"),
    ("b-0.5", "b 0.5", "classic", "--b 0.5"),
    ("b-0.65", "b 0.65", "classic", "--b 0.65"),
    ("b-0.9", "b 0.9", "classic", "--b 0.9"),
    ("+prox-0.25", "proximity 0.25, window 5", "classic", "--proximity 0.25"),
    ("+prox-0.5", "proximity 0.5, window 5", "classic", "--proximity 0.5"),
    ("+prox-1", "proximity 1, window 5", "classic", "--proximity 1"),
    ("+rm3-anserini", "RM3 as Anserini: 10 docs, 10 terms, weight 0.5, no smoothing", "classic", "--rm3 --rm3-weight 0.5 --rm3-mu 0"),
    ("+rm3", "RM3 with msearch's RM3 defaults: weight 0.7, mu 300", "classic", "--rm3"),
    # cumulative, towards the defaults
    ("stop+title2", "English stop words + title weight 2 (one field)", "classic", "--stopwords english --title-weight 2"),
    ("stop+bm25f", "… as BM25F (title b 0.9)", "classic", "--stopwords english --title-weight 2 --title-b 0.9"),
    ("stop+bm25f+b0.65", "… + body b 0.65", "classic", "--stopwords english --title-weight 2 --title-b 0.9 --b 0.65"),
    ("default", "… + proximity 0.35 (window 5, top 20): msearch's defaults", "default", ""),
    # around the defaults
    ("default-prox-0.25", "default with proximity 0.25", "default", "--proximity 0.25"),
    ("default-prox-0.5", "default with proximity 0.5", "default", "--proximity 0.5"),
    ("default-window-3", "default with proximity window 3", "default", "--proximity-window 3"),
    ("default-window-10", "default with proximity window 10", "default", "--proximity-window 10"),
    ("default-depth-10", "default, proximity re-ranks the top 10", "default", "--proximity-depth 10"),
    ("default-depth-100", "default, proximity re-ranks the top 100", "default", "--proximity-depth 100"),
    ("default-b-0.6", "default with body b 0.6", "default", "--b 0.6"),
    ("default-b-0.75", "default with body b 0.75", "default", "--b 0.75"),
    ("default-k1-1.0", "default with k1 1.0", "default", "--k1 1.0"),
    ("default-k1-1.5", "default with k1 1.5", "default", "--k1 1.5"),
    ("default-title-3", "default with title weight 3", "default", "--title-weight 3"),
    ("default-one-field", "default with title and body as one field (title weight 2)", "default", "--title-b none"),
    ("default-stop-lucene", "default with Lucene's 33 stop words", "default", "--stopwords lucene"),
    ("default-query-syntax", "default, queries through the query language", "default", "--syntax query"),
    # feedback on top of the defaults (off by default: slower)
    ("default+rm3", "default + RM3 (10 docs, 10 terms, weight 0.7, mu 300)", "default", "--rm3"),
    ("default+rm3-anserini", "default + RM3 as Anserini (weight 0.5, no smoothing)", "default", "--rm3 --rm3-weight 0.5 --rm3-mu 0"),
    ("default+rm3-w0.5", "default + RM3, weight 0.5, mu 300", "default", "--rm3 --rm3-weight 0.5"),
    ("default+rm3-t20", "default + RM3, 20 terms", "default", "--rm3 --rm3-terms 20"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def convert(shared, work):
    peers, corpora = os.path.join(shared, "peers"), os.path.join(shared, "corpora")
    for c in COLLECTIONS:
        out = os.path.join(work, c)
        if os.path.exists(os.path.join(out, f"{c}-qrels.txt")):
            continue
        if c == "cranfield":
            cmd = ["convert_cranfield.py", os.path.join(corpora, c)]
        elif c == "npl":
            cmd = ["convert_npl.py", os.path.join(corpora, c)]
        else:
            cmd = ["convert_smart.py", os.path.join(corpora, c)]
        run([sys.executable, os.path.join(peers, cmd[0]), cmd[1], "--out-dir", out])


def evaluate(msearch, work, c, flags):
    d = os.path.join(work, c)
    cmd = [msearch, "eval", "--index", os.path.join(work, "index-" + c),
           "--queries", os.path.join(d, f"{c}-queries.tsv"), "--qrels", os.path.join(d, f"{c}-qrels.txt")]
    r = run(cmd + shlex.split(flags))
    values = dict(re.findall(r"^(\S+)\s+([0-9.]+)$", r.stdout, re.M))
    ms = re.search(r"\(([0-9.]+) ms each\)", r.stderr)
    return float(values["nDCG@10"]), float(values["AP@100"]), float(ms.group(1)) if ms else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--work", default="/tmp/msearch-relevance")
    ap.add_argument("--scratch-path", default=".build")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--variants", help="comma-separated names (default: all)")
    ap.add_argument("--collections", default=",".join(COLLECTIONS))
    ap.add_argument("--extra", action="append", default=[], metavar="NAME=FLAGS",
                    help="one more variant: flags on top of classic (e.g. x='--k1 1.0')")
    ap.add_argument("--list", action="store_true", help="list the variants and exit")
    ap.add_argument("--out", help="also write the table to this file")
    a = ap.parse_args()

    if a.list:
        for n, d, b, f in VARIANTS:
            print(f"{n:24s} {b:8s} {f:50s} {d}")
        return
    os.makedirs(a.work, exist_ok=True)
    convert(a.shared, a.work)
    if not a.no_build:
        run(["swift", "build", "-c", "release", "--scratch-path", a.scratch_path], cwd=ROOT)
    scratch = a.scratch_path if os.path.isabs(a.scratch_path) else os.path.join(ROOT, a.scratch_path)
    msearch = os.path.join(scratch, "release", "msearch")
    collections = a.collections.split(",")
    for c in collections:
        idx = os.path.join(a.work, "index-" + c)
        shutil.rmtree(idx, ignore_errors=True)
        run([msearch, "index", "--index", idx, os.path.join(a.work, c, f"{c}.jsonl")])

    variants = [v for v in VARIANTS if not a.variants or v[0] in a.variants.split(",")]
    for e in a.extra:
        name, flags = e.split("=", 1)
        variants.append((name, flags, "classic", flags))

    main_cols = [c for c in collections if c in MAIN]
    head = "| variant | " + " | ".join(collections) + " | mean nDCG@10 (5) | ms/query |"
    lines = [head, "| --- |" + " ---: |" * (len(collections) + 2)]
    print(head, "\n" + lines[1], flush=True)
    for name, desc, base, flags in variants:
        cells, nd, total_ms = [], {}, 0.0
        for c in collections:
            n, m, ms = evaluate(msearch, a.work, c, (CLASSIC + " " if base == "classic" else "") + flags)
            nd[c] = n
            total_ms += ms
            cells.append(f"{n:.4f} / {m:.4f}")
        mean = sum(nd[c] for c in main_cols) / len(main_cols) if main_cols else 0
        line = f"| {name} | " + " | ".join(cells) + f" | {mean:.4f} | {total_ms / len(collections):.2f} |"
        lines.append(line)
        print(line, flush=True)
    for peer, vals in PEERS.items():
        mean = sum(vals[c][0] for c in main_cols) / len(main_cols) if main_cols else 0
        lines.append(f"| peer: {peer} | " + " | ".join(f"{vals[c][0]:.4f} / {vals[c][1]:.4f}" for c in collections)
                     + f" | {mean:.4f} | |")
    best = {c: max(PEERS[p][c][0] for p in PEERS) for c in collections}
    lines.append("| best peer per collection | " + " | ".join(f"{best[c]:.4f}" for c in collections)
                 + f" | {sum(best[c] for c in main_cols) / max(1, len(main_cols)):.4f} | |")
    print("\n".join(lines[2 + len(variants):]))
    legend = "\n".join(f"- `{n}`: {d} — `{'classic' if b == 'classic' else 'defaults'}" + (f" {f}`" if f else "`")
                       for n, d, b, f in variants)
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n\n" + legend + "\n")


if __name__ == "__main__":
    main()
