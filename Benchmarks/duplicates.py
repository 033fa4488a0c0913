#!/usr/bin/env python3
"""Near-duplicate quality (issue #17), with a release msearch binary.

1. 20 Newsgroups crosspost recall. Posts whose body (after the header block, whitespace
   normalised) is the same in several newsgroups are crossposts; computed exactly from the raw
   files of ../shared/corpora/20newsgroups. The posts are converted to JSON Lines (id =
   split/group/number, title = Subject, body without headers), indexed, and `msearch duplicates`
   lists the clusters. Recall = the fraction of crosspost pairs (two posts of one body in
   different groups) that share a cluster. Bodies shorter than msearch's clustering minimum
   (8 terms) are counted too: they are never clustered, so they lower the recall.
2. Precision on BBC News and Reuters-21578: a seeded sample of 50 clustered pairs from each
   index (uniform over all pairs within clusters), judged by hand in
   Benchmarks/duplicates-judged.tsv (pair ids, first words, verdict, reason). The script checks
   that the judged pairs are exactly the sample it draws, then prints the share judged "yes".

usage: Benchmarks/duplicates.py [--binary PATH] [--work DIR] [--sample-out FILE]
  --sample-out FILE  write the sample with the first words of each article (to judge it)
"""
import argparse, json, os, random, re, shutil, subprocess, sys, tarfile, tempfile
from collections import defaultdict
from itertools import combinations

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "corpora")
JUDGED = os.path.join(REPO, "Benchmarks", "duplicates-judged.tsv")
SEED = 17
PAIRS_PER_CORPUS = 50


def run(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


def index(binary, index_dir, sources):
    subprocess.run([binary, "index", "--index", index_dir, *sources], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def clusters(binary, index_dir):
    return [line.split("\t") for line in run(binary, "duplicates", "--index", index_dir).splitlines() if line]


def newsgroups(work):
    """The posts as (id, group, subject, body) from the archive, bodies as bytes decoded Latin-1."""
    posts = []
    with tarfile.open(os.path.join(SHARED, "20newsgroups", "20news-bydate.tar.gz")) as tar:
        for member in tar:
            if not member.isfile():
                continue
            parts = member.name.split("/")
            if len(parts) != 3:
                continue
            split, group, number = parts
            raw = tar.extractfile(member).read().decode("latin-1")
            head, _, body = raw.replace("\r\n", "\n").partition("\n\n")
            subject = ""
            for line in head.split("\n"):
                if line.lower().startswith("subject:"):
                    subject = line[8:].strip()
            posts.append((f"{split.replace('20news-bydate-', '')}/{group}/{number}", group, subject, body))
    return posts


def crosspost_recall(binary, work):
    posts = newsgroups(work)
    corpus = os.path.join(work, "20ng.jsonl")
    with open(corpus, "w") as out:
        for pid, group, subject, body in posts:
            out.write(json.dumps({"id": pid, "title": subject, "body": body}) + "\n")
    by_body = defaultdict(list)
    for pid, group, _, body in posts:
        normal = " ".join(body.split())
        if normal:
            by_body[normal].append((pid, group))
    truth = []
    for members in by_body.values():
        for (a, ga), (b, gb) in combinations(members, 2):
            if ga != gb:
                truth.append((a, b))
    index_dir = os.path.join(work, "20ng-index")
    index(binary, index_dir, [corpus])
    cluster_of = {}
    for c, ids in enumerate(clusters(binary, index_dir)):
        for i in ids:
            cluster_of[i] = c
    # The index names a JSON Lines document by file and id; compare by the id part.
    def key(i):
        return i.split(":", 1)[-1] if ":" in i else i
    cluster_of = {key(i): c for i, c in cluster_of.items()}
    found = sum(1 for a, b in truth if a in cluster_of and cluster_of.get(a) == cluster_of.get(b))
    posts_in_truth = {p for pair in truth for p in pair}
    # The pairs missed, with their subjects, to tell a crosspost from two posts that only share
    # a body (a server's placeholder line under two subjects).
    subjects = {pid: subject for pid, _, subject, _ in posts}
    missed = [(a, subjects[a], b, subjects[b]) for a, b in truth
              if not (a in cluster_of and cluster_of.get(a) == cluster_of.get(b))]
    return len(truth), found, len(posts_in_truth), missed


def sample_pairs(binary, work, name, sources):
    index_dir = os.path.join(work, name + "-index")
    index(binary, index_dir, sources)
    found = clusters(binary, index_dir)
    pairs = [(a, b) for ids in found for a, b in combinations(ids, 2)]
    random.Random(SEED).shuffle(pairs)
    return index_dir, found, pairs[:PAIRS_PER_CORPUS]


def first_words(binary, index_dir, doc_id, n=30):
    d = json.loads(run(binary, "show", "--json", "--index", index_dir, doc_id))
    words = (d["title"] + " | " + d["body"]).split()
    return " ".join(words[:n])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(REPO, ".build-release", "release", "msearch"))
    ap.add_argument("--work")
    ap.add_argument("--sample-out")
    args = ap.parse_args()
    if not os.path.isdir(SHARED):
        sys.exit(f"skipped: {SHARED} is absent")
    work = args.work or tempfile.mkdtemp(prefix="msearch-dups-")
    os.makedirs(work, exist_ok=True)
    try:
        pairs, found, posts, missed = crosspost_recall(args.binary, work)
        print(f"20 Newsgroups crossposts: {pairs} pairs ({posts} posts), {found} clustered: "
              f"recall {found / max(pairs, 1):.4f}")
        for a, subject_a, b, subject_b in missed[:10]:
            print(f"  not clustered: {a} ({subject_a!r}) and {b} ({subject_b!r})")
        reuters = sorted(os.path.join(SHARED, "reuters21578", f) for f in os.listdir(os.path.join(SHARED, "reuters21578"))
                         if f.endswith(".sgm"))
        sample = []
        for name, sources in (("bbc", [os.path.join(SHARED, "bbc-news", "bbc")]), ("reuters", reuters)):
            index_dir, found_clusters, chosen = sample_pairs(args.binary, work, name, sources)
            members = sum(len(c) for c in found_clusters)
            print(f"{name}: {len(found_clusters)} clusters of {members} articles")
            sample += [(name, index_dir, a, b) for a, b in chosen]
        if args.sample_out:
            with open(args.sample_out, "w") as out:
                out.write("corpus\tid_a\tid_b\tfirst_words_a\tfirst_words_b\n")
                for name, index_dir, a, b in sample:
                    wa, wb = (first_words(args.binary, index_dir, x).replace("\t", " ") for x in (a, b))
                    out.write(f"{name}\t{a}\t{b}\t{wa}\t{wb}\n")
            print(f"sample written to {args.sample_out}")
        if not os.path.exists(JUDGED):
            print(f"no judgements yet ({JUDGED})")
            return
        judged = {}
        with open(JUDGED) as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                judged[(row["corpus"], row["id_a"], row["id_b"])] = row["verdict"]
        keys = [(name, a, b) for name, _, a, b in sample]
        missing = [k for k in keys if k not in judged]
        if missing:
            print(f"the judged file does not match the sample: {len(missing)} pairs unjudged, e.g. {missing[0]}")
            return
        yes = sum(1 for k in keys if judged[k] == "yes")
        print(f"BBC + Reuters sample: {yes} of {len(keys)} judged true near-duplicates: precision {yes / len(keys):.2f}")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
