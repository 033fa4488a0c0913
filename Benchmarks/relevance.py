#!/usr/bin/env python3
"""Every ranking variant of msearch on every test collection, as one Markdown table.

Converts the classic collections in ../shared/corpora with the peers' converters (into --work),
builds the release binary, indexes each collection once (ranking options are search-time), runs
`msearch eval` for each variant and prints nDCG@10 / MAP@100 per collection, the mean nDCG@10
over the five main collections (ADI is a smoke test, outside the mean), and the peers' best.

usage: python3 Benchmarks/relevance.py [--work DIR] [--scratch-path .build] [--no-build]
           [--variants a,b] [--collections cranfield,cisi] [--extra NAME='FLAGS'] [--out FILE]
"""
import argparse, os, re, shlex, subprocess, sys, time

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

# Every variant starts from plain BM25 (what the peers run) unless it says otherwise;
# "default" is msearch with no ranking flags at all.
CLASSIC = "--k1 1.2 --b 0.75 --title-weight 1 --stopwords none --proximity 0 --no-rm3"
VARIANTS = [
    ("classic", "plain BM25 k1 1.2 b 0.75, every word scored (as the peers)", CLASSIC),
    ("query-syntax", "classic, queries through the query language (hyphenated words as phrases)", CLASSIC + " --syntax query"),
    ("stop-lucene", "classic + query stop words: Lucene's 33", CLASSIC + " --stopwords lucene"),
    ("stop-english", "classic + query stop words: Snowball English list", CLASSIC + " --stopwords english"),
    ("title-1.5", "classic + title weight 1.5", CLASSIC + " --title-weight 1.5"),
    ("title-2", "classic + title weight 2", CLASSIC + " --title-weight 2"),
    ("k1-0.9-b-0.4", "classic with Anserini's k1 0.9, b 0.4", CLASSIC + " --k1 0.9 --b 0.4"),
    ("k1-1.5", "classic with k1 1.5", CLASSIC + " --k1 1.5"),
    ("b-0.5", "classic with b 0.5", CLASSIC + " --b 0.5"),
    ("prox-1", "classic + proximity 1 (window 5)", CLASSIC + " --proximity 1"),
    ("rm3", "classic + RM3 (10 docs, 10 terms, original weight 0.5)", CLASSIC + " --rm3"),
    ("default", "msearch's defaults (no ranking flags)", ""),
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
    ap.add_argument("--out", help="also write the table to this file")
    a = ap.parse_args()

    os.makedirs(a.work, exist_ok=True)
    convert(a.shared, a.work)
    if not a.no_build:
        run(["swift", "build", "-c", "release", "--scratch-path", a.scratch_path], cwd=ROOT)
    scratch = a.scratch_path if os.path.isabs(a.scratch_path) else os.path.join(ROOT, a.scratch_path)
    msearch = os.path.join(scratch, "release", "msearch")
    collections = a.collections.split(",")
    for c in collections:
        idx = os.path.join(a.work, "index-" + c)
        run([msearch, "index", "--index", idx, os.path.join(a.work, c, f"{c}.jsonl")])

    variants = [v for v in VARIANTS if not a.variants or v[0] in a.variants.split(",")]
    for e in a.extra:
        name, flags = e.split("=", 1)
        variants.append((name, flags, CLASSIC + " " + flags))

    main_cols = [c for c in collections if c in MAIN]
    head = "| variant | " + " | ".join(collections) + " | mean nDCG@10 (5) | ms/query |"
    lines = [head, "| --- |" + " ---: |" * (len(collections) + 2)]
    print(head, "\n" + lines[1], flush=True)
    for name, desc, flags in variants:
        cells, nd, total_ms, started = [], {}, 0.0, time.time()
        for c in collections:
            n, m, ms = evaluate(msearch, a.work, c, flags)
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
    legend = "\n".join(f"- `{n}`: {d}" + (f" (`{f}`)" if f and n != "classic" else "") for n, d, f in variants)
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n\n" + legend + "\n")


if __name__ == "__main__":
    main()
