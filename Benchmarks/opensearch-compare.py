#!/usr/bin/env python3
"""Compares an OpenSearch export (OUT/bulk-*.ndjson) with `msearch export --with-body` (JSON
Lines) of the same index: the same documents in the same order, every field equal to the one
it comes from. Prints the counts and the first differences; exits 1 on any.

usage: opensearch-compare.py EXPORT.jsonl OUT/
"""
import glob
import json
import re
import sys


def published(date):
    """What the export writes for msearch's date: (first day, precision), or None if undated."""
    m = re.fullmatch(r"(\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date or "")
    if not m or int(m.group(1)) == 0:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if mo > 12 or d > 31:
        return None
    precision = "day" if m.group(3) else ("month" if m.group(2) else "year")
    return f"{y:04d}-{max(mo, 1):02d}-{max(d, 1):02d}", precision


def bulk_documents(folder):
    for path in sorted(glob.glob(folder + "/bulk-*.ndjson")):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")[:-1]
        for action, source in zip(lines[0::2], lines[1::2]):
            yield path, json.loads(action), json.loads(source)


def main(jsonl, folder):
    differences = []
    count = 0
    with open(jsonl, encoding="utf-8") as f:
        expected = (json.loads(line) for line in f)
        for e, (path, action, d) in zip(expected, bulk_documents(folder)):
            count += 1
            want = {
                "_id": e["id"], "id": e["id"], "title": e["title"], "body": e["body"], "source_path": e["path"],
                "url": e["url"], "published_evidence": e["date_evidence"],
                "dates_mentioned": e["dates_mentioned"] or None,
                "actors": [{"name": n, "kind": k} for n, k in zip(e["actors"], e["actor_kinds"])] or None,
                "language": e.get("language"), "cluster": e.get("cluster"),
            }
            p = published(e["date"])
            want["published"], want["published_precision"] = p if p else (None, None)
            got = dict(d, _id=action["index"]["_id"])
            for key, value in want.items():
                if got.get(key) != value:
                    differences.append(f"{e['id']} ({path}): {key}: {got.get(key)!r} != {value!r}")
            extra = set(got) - set(want)
            if extra:
                differences.append(f"{e['id']}: fields the JSON Lines do not have: {sorted(extra)}")
    with open(jsonl, encoding="utf-8") as f:
        lines = sum(1 for _ in f)
    bulk = sum(1 for _ in bulk_documents(folder))
    print(f"JSON Lines: {lines} documents; bulk files: {bulk} documents; compared {count}; {len(differences)} differences")
    for d in differences[:20]:
        print("  " + d)
    return 0 if lines == bulk == count and not differences else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
