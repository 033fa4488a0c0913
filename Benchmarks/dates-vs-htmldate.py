#!/usr/bin/env python3
"""Page dates: msearch against htmldate 1.11 on the shared HTML sets (issue #14).

For every page of the four HTML sets in ../shared/corpora (readability test pages, newspaper3k,
trafilatura's cache, the article-extraction benchmark), the day msearch gives (`msearch index`
then `msearch export`, through the product) is compared with htmldate's `find_date` in its fast
mode and with `extensive_search` (original_date=True: the publication, not the last update).
Both read the saved file alone (no URL is passed), as msearch does. htmldate's answers are
cached (--cache, a JSON file) so that a re-run only re-indexes.

Printed per set and in all: pages, dated by msearch, dated by htmldate (extensive), both dated
and the same day, only msearch dated, only htmldate dated, both dated on different days; the
readability set's own expected dates (publishedTime) are scored for both. --list N prints N
pages of each disagreement kind, to study (never tune to one page: rules name patterns).

usage: Benchmarks/dates-vs-htmldate.py BINARY [--cache FILE] [--list N]
needs: pip install htmldate==1.11.0
"""
import argparse, collections, gzip, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.path.join(HERE, "..", "..", "shared", "corpora")
SETS = [  # name, folder under corpora, file suffixes
    ("readability", "html-readability-testpages/test-pages", ("source.html",)),
    ("newspaper3k", "html-newspaper3k/html", (".html",)),
    ("trafilatura", "html-trafilatura/cache", (".html",)),
    ("benchmark", "html-article-extraction-benchmark/html", (".html", ".html.gz")),
]


def pages_of(folder, suffixes):
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(suffixes):
                yield os.path.realpath(os.path.join(root, name))


def read_html(path):
    data = open(path, "rb").read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def htmldate_days(paths, cache_path):
    cache = {}
    if cache_path and os.path.exists(cache_path):
        cache = json.load(open(cache_path, encoding="utf-8"))
    missing = [p for p in paths if p not in cache]
    if missing:
        import htmldate, logging
        logging.disable(logging.CRITICAL)
        for i, path in enumerate(missing):
            html = read_html(path).decode("utf-8", "replace")
            answer = {}
            for mode, extensive in (("fast", False), ("extensive", True)):
                try:
                    answer[mode] = htmldate.find_date(html, extensive_search=extensive, original_date=True)
                except Exception:  # htmldate raises on some malformed pages; count as undated
                    answer[mode] = None
            cache[path] = answer
            if (i + 1) % 100 == 0:
                print(f"htmldate: {i + 1}/{len(missing)}", file=sys.stderr)
        if cache_path:
            json.dump(cache, open(cache_path, "w", encoding="utf-8"), indent=0, sort_keys=True)
    return cache


def msearch_days(binary, folder, work):
    index = os.path.join(work, "index-" + str(abs(hash(folder))))
    subprocess.run([binary, "index", "--quiet", "--index", index, folder],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run([binary, "export", "--index", index], capture_output=True, check=True).stdout
    days = {}
    for line in out.decode("utf-8").splitlines():
        doc = json.loads(line)
        path = os.path.realpath(doc["path"])
        # a file gives one document here; keep the first
        days.setdefault(path, ((doc.get("date") or "")[:10] or None, doc.get("date_evidence")))
    return days


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--cache", help="JSON file caching htmldate's answers")
    ap.add_argument("--list", type=int, default=0, help="print N pages of each disagreement kind")
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        print(f"skipped: {CORPORA} not found", file=sys.stderr)
        return 0
    binary = os.path.abspath(args.binary)
    total = collections.Counter()
    with tempfile.TemporaryDirectory() as work:
        rows = []
        for name, sub, suffixes in SETS:
            folder = os.path.join(CORPORA, sub)
            paths = list(pages_of(folder, suffixes))
            theirs = htmldate_days(paths, args.cache)
            ours = msearch_days(binary, folder, work)
            counts = collections.Counter(pages=len(paths))
            examples = collections.defaultdict(list)
            for path in paths:
                mine, evidence = ours.get(path, (None, None))
                other = (theirs[path]["extensive"] or None)
                counts["msearch dated"] += mine is not None
                counts["htmldate dated"] += other is not None
                counts["htmldate fast dated"] += theirs[path]["fast"] is not None
                if mine and other:
                    kind = "same day" if mine == other else "differ"
                elif mine:
                    kind = "only msearch"
                elif other:
                    kind = "only htmldate"
                else:
                    kind = "neither"
                counts[kind] += 1
                examples[kind].append((os.path.relpath(path, CORPORA), mine, evidence, other))
            if name == "readability":
                for path in paths:
                    meta_path = os.path.join(os.path.dirname(path), "expected-metadata.json")
                    want = (json.load(open(meta_path, encoding="utf-8")).get("publishedTime") or "")[:10]
                    if not want:
                        continue
                    counts["expected"] += 1
                    counts["msearch = expected"] += ours.get(path, (None,))[0] == want
                    counts["htmldate = expected"] += (theirs[path]["extensive"] or "") == want
            total.update(counts)
            rows.append((name, counts, examples))
        keys = ["pages", "msearch dated", "htmldate dated", "htmldate fast dated", "same day",
                "only msearch", "only htmldate", "differ", "neither"]
        print("| set | " + " | ".join(keys) + " |")
        print("| --- | " + " | ".join("---:" for _ in keys) + " |")
        for name, counts, _ in rows:
            print(f"| {name} | " + " | ".join(str(counts[k]) for k in keys) + " |")
        print("| all | " + " | ".join(str(total[k]) for k in keys) + " |")
        print(f"readability expected dates ({total['expected']} pages with publishedTime): "
              f"msearch {total['msearch = expected']}, htmldate extensive {total['htmldate = expected']}")
        if args.list:
            for name, _, examples in rows:
                for kind in ("differ", "only htmldate", "only msearch"):
                    for page, mine, evidence, other in examples[kind][:args.list]:
                        print(f"  {name} {kind}: {page} msearch {mine} ({evidence}) htmldate {other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
