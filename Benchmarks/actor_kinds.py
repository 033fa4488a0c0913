#!/usr/bin/env python3
"""Draws and scores a seeded random sample of actors with their kinds, judged by hand.

  actor_kinds.py draw --seed S --n N --source NAME EXPORT.jsonl >> SAMPLE.tsv
      N (document, actor) pairs drawn uniformly from `msearch export` output, one TSV line each:
      source, document, actor, kind given, verdict (empty), reason (empty), and a context
      snippet for the judge (the first place the name occurs in the document's text).
  actor_kinds.py score SAMPLE.tsv
      by source and overall: verdict "right" (an actor of the right kind), "wrong" (an actor of
      the wrong kind) or "noactor" (no actor at all: a title, a common word, a product). Prints
      the share right of all lines, and the share of right kinds among the true actors.
"""
import argparse
import collections
import json
import html
import random
import re
import sys


def document_text(path):
    """The document's text for the judge: the file, markup removed."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return ""
    if path.endswith((".html", ".htm")):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def context(text, name, width=70):
    i = text.find(name)
    if i < 0:
        i = text.lower().find(name.split()[-1].lower())
    if i < 0:
        return ""
    s = text[max(0, i - width):i + len(name) + width]
    return " ".join(s.split()).replace("\t", " ")


def draw(args):
    pairs = []
    for line in open(args.export, encoding="utf-8"):
        d = json.loads(line)
        for name, kind in zip(d["actors"], d["actor_kinds"]):
            pairs.append((d["path"], name, kind))
    pairs.sort()
    rng = random.Random(args.seed)
    for path, name, kind in rng.sample(pairs, min(args.n, len(pairs))):
        text = document_text(path)
        doc = "/".join(path.split("/")[-2:])
        print("\t".join([args.source, doc, name, kind, "", "", context(text, name)]))
    print(f"{args.source}: drew {min(args.n, len(pairs))} of {len(pairs)} (document, actor) pairs, seed {args.seed}",
          file=sys.stderr)


def score(args):
    counts = collections.defaultdict(collections.Counter)
    for line in open(args.sample, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if cols[0] == "source":
            continue
        verdict = cols[4].strip()
        if verdict not in ("right", "wrong", "noactor"):
            sys.exit(f"{args.sample}: line without a verdict: {line.strip()[:80]}")
        counts[cols[0]][verdict] += 1
        counts["all"][verdict] += 1
    for source, c in counts.items():
        total = c["right"] + c["wrong"] + c["noactor"]
        actors = c["right"] + c["wrong"]
        print(f"{source}: right {c['right']}/{total} = {c['right'] / max(total, 1):.3f};"
              f" right kind among true actors {c['right']}/{actors} = {c['right'] / max(actors, 1):.3f};"
              f" not actors {c['noactor']}")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--n", type=int, required=True)
    d.add_argument("--source", required=True)
    d.add_argument("export")
    s = sub.add_parser("score")
    s.add_argument("sample")
    args = ap.parse_args()
    draw(args) if args.cmd == "draw" else score(args)


if __name__ == "__main__":
    main()
