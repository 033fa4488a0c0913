#!/usr/bin/env bash
# 20 Newsgroups through the product: the archive unpacked, `msearch index`, `msearch export
# --with-body` and searches, checked against the posts' own headers (issue #14, point 2):
#   all 18,846 posts indexed; titles are the Subject lines; no title begins with a header name;
#   no body (so no snippet) holds "Lines:", "NNTP-Posting-Host", "Organization:" or "Expires:";
#   no header name among the actors; posts without a Date header undated, the others dated
#   with the day their header writes.
# Exits 1 when a quality check is unmet, 2 when a post is not indexed, 4 when the script
# breaks (scripts/corpus-sweep.sh runs it and fails on 2 or more).
# usage: Benchmarks/mail.sh   (MSEARCH_BIN=path/to/msearch to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHIVE=../shared/corpora/20newsgroups/20news-bydate.tar.gz
if [ ! -f "$ARCHIVE" ]; then echo "mail.sh: $ARCHIVE not found; skipped"; exit 0; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "${MSEARCH_BIN:-}" ]; then
    swift build -c release --scratch-path .build-release --product msearch >/dev/null
    MSEARCH_BIN=.build-release/release/msearch
fi
mkdir "$WORK/posts"
# The posts keep their names (numbers, no extension): content sniffing finds them to be mail.
# MSEARCH_MAIL_AS_EML=1 renames them *.eml instead, to check the reader apart from sniffing.
if [ -n "${MSEARCH_MAIL_AS_EML:-}" ]; then
    tar xzf "$ARCHIVE" -C "$WORK/posts" --transform 's,/\([0-9]*\)$,/\1.eml,'
else
    tar xzf "$ARCHIVE" -C "$WORK/posts"
fi
start=$(date +%s.%N)
"$MSEARCH_BIN" index --quiet --index "$WORK/index" "$WORK/posts" || echo "msearch index exited with status $?"
end=$(date +%s.%N)
echo "indexing took $(python3 -c "print(round($end - $start, 1))") s"
"$MSEARCH_BIN" export --with-body --index "$WORK/index" > "$WORK/export.jsonl"
for q in lines organization posting expires host; do
    "$MSEARCH_BIN" search --index "$WORK/index" --json --limit 50 "$q" > "$WORK/search-$q.json" || true
done
python3 - "$WORK" <<'PY'
import email.header, email.utils, glob, json, os, re, sys, traceback
# Exit statuses: 0 every check met, 1 a quality check unmet, 2 a post not indexed, 4 this script broke.
sys.excepthook = lambda *exc: (traceback.print_exception(*exc), os._exit(4))
work = sys.argv[1]
posts = sorted(p for p in glob.glob(work + "/posts/**/*", recursive=True) if os.path.isfile(p))

def headers(raw):
    """The header block's fields (name lower-cased → first value, unfolded), as RFC 5322 reads them."""
    fields, name = {}, None
    for line in raw.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line.strip(): break
        if line[:1] in (b" ", b"\t"):
            if name: fields[name] += b" " + line.strip()
            continue
        m = re.match(rb"([!-9;-~]+)\s*:(.*)", line)
        if not m: break
        name = m.group(1).decode("ascii").lower()
        fields.setdefault(name, m.group(2).strip())
    return fields

def text(value):
    parts = email.header.decode_header(value.decode("latin-1"))
    out = "".join(p.decode(c or "latin-1", "replace") if isinstance(p, bytes) else p for p, c in parts)
    return " ".join(out.split())

header_names, want = set(), {}
for p in posts:
    raw = open(p, "rb").read()
    h = headers(raw)
    header_names |= set(h)
    want[p] = h
docs = [json.loads(l) for l in open(work + "/export.jsonl", encoding="utf-8")]
by_path = {d["path"]: d for d in docs}
failed = []
def check(ok, what):
    if not ok: failed.append(what)
print(f"posts: {len(posts)}; indexed documents: {len(docs)}; posts with a document: {sum(p in by_path for p in posts)}")
check(len(posts) == 18846 and all(p in by_path for p in posts), "every post indexed")

title_ok = title_missing = 0
bad_titles = []
subjects = {}   # post → its Subject line as a title shows it
for p, h in want.items():
    d = by_path.get(p)
    if not d or "subject" not in h: continue
    raw_subject = h["subject"]
    try: subject = " ".join(raw_subject.decode("utf-8").split())
    except UnicodeDecodeError: subject = text(raw_subject)
    if "=?" in subject: subject = text(raw_subject)
    subject = " ".join("".join(c for c in subject if c >= " " or c == "\t").split())   # control characters are not text
    while subject.lower().startswith("subject:") and len(subject) > 8: subject = subject[8:].strip()   # a repeated field name
    subjects[p] = subject
    if d["title"] == subject: title_ok += 1
    else: bad_titles.append((p, subject, d["title"]))
with_subject = sum("subject" in h for h in want.values())
print(f"titles equal to the Subject line: {title_ok}/{with_subject} posts with a Subject")
check(title_ok == with_subject, "titles are the Subject lines")
for p, s, t in bad_titles[:5]: print(f"  TITLE {os.path.relpath(p, work)}: subject {s!r}, title {t!r}")

names = "|".join(re.escape(n) for n in sorted(header_names, key=len, reverse=True))
header_start = re.compile(rf"^({names})\s*:", re.I)
# A title that is the post's own Subject is what its author wrote ("Summary: …" is a subject
# line in 10 posts, though Summary is also a Usenet header): only a title taken from another
# header line counts.
header_titled = [d for d in docs if header_start.match(d['title']) and subjects.get(d['path']) != d['title']]
header_titles = len(header_titled)
print(f"titles beginning with a header name, other than the post's own Subject: {header_titles}")
for d in header_titled[:5]: print(f"  HEADER TITLE {os.path.relpath(d['path'], work)}: {d['title'][:80]!r}")
check(header_titles == 0, "no title begins with a header name")

needles = ["Lines:", "NNTP-Posting-Host", "Organization:", "Expires:"]
for n in needles:
    hits = [d for d in docs if n in d["body"]]
    print(f"bodies holding {n!r}: {len(hits)}" + (f" (e.g. {os.path.relpath(hits[0]['path'], work)})" if hits else ""))
    check(not hits, f"no body holds {n}")
snippets = 0
held = 0
for f in glob.glob(work + "/search-*.json"):
    try: answer = json.load(open(f, encoding="utf-8"))
    except ValueError: continue
    for hit in answer.get("hits", []):
        s = json.dumps(hit.get("snippet", hit.get("passages", "")))
        snippets += 1
        held += any(n in s for n in needles)
print(f"snippets of searches for lines/organization/posting/expires/host holding a header: {held}/{snippets}")
check(held == 0 and snippets > 0, "no snippet holds a header")

lower_names = {n.lower() for n in header_names} | {n.lower().rstrip(":") for n in needles}
actor_headers = sorted({a for d in docs for a in d["actors"] if a.lower() in lower_names or a.lower().replace(" ", "-") in lower_names})
print(f"header names among the actors: {len(actor_headers)} {actor_headers[:10]}")
check(not actor_headers, "no header name among the actors")
authors = sum(1 for d in docs if d["actors"] and d["actor_kinds"][0] == "person")
print(f"documents whose first actor is a person (the author): {authors}")

undated = [p for p, h in want.items() if "date" not in h and p in by_path]
wrongly = [p for p in undated if by_path[p]["date"] is not None]
print(f"posts without a Date header: {len(undated)}, of which dated: {len(wrongly)}")
check(not wrongly, "posts without Date undated")
dated_ok = dated_total = 0
for p, h in want.items():
    if "date" not in h or p not in by_path: continue
    dated_total += 1
    t = email.utils.parsedate_tz(h["date"].decode("latin-1"))
    day = t and f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    if by_path[p]["date"] == day: dated_ok += 1
    else: print(f"  DATE {os.path.relpath(p, work)}: header {h['date']!r}, date {by_path[p]['date']}")
print(f"posts with a Date header dated with its day: {dated_ok}/{dated_total}")
check(dated_ok == dated_total, "posts with Date dated with its day")
print("mail: all checks passed" if not failed else "mail: FAILED: " + "; ".join(failed))
sys.exit(2 if "every post indexed" in failed else 1 if failed else 0)
PY
