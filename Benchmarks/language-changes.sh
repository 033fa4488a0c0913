#!/bin/bash
# Which documents two msearch binaries put in different languages (issue #18: a change to
# language identification, such as CLD2's prefix, is judged by what it changes on whole
# collections, beside Benchmarks/language-id.py's accuracy on pages that declare a language).
#
# Indexes Reuters-21578, BBC News, the unpacked 20 Newsgroups and the four HTML sets of
# ../shared/corpora with each binary, exports every document's language and prints, per
# collection, the number of documents and of changed languages, then each change.
#
# Usage: Benchmarks/language-changes.sh BINARY_BEFORE BINARY_AFTER
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/corpora
if [ $# -ne 2 ]; then echo "usage: $0 BINARY_BEFORE BINARY_AFTER" >&2; exit 2; fi
if [ ! -d "$SHARED" ]; then echo "skipped: $SHARED is absent"; exit 0; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/20newsgroups"
tar -xzf "$SHARED/20newsgroups/20news-bydate.tar.gz" -C "$WORK/20newsgroups"

languages() { # BINARY NAME PATH... -> (document id, language) lines, sorted
    local binary=$1 name=$2; shift 2
    local index="$WORK/index-$name"
    rm -rf "$index"
    # status 1 means some files were skipped (reported in the log): not a failure here
    "$binary" index --quiet --index "$index" "$@" > /dev/null 2> "$WORK/$name.log" || [ $? -eq 1 ] \
        || { cat "$WORK/$name.log" >&2; exit 1; }
    "$binary" export --index "$index" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(d["id"], d.get("language"), sep="\t")' | sort
}

compare() { # NAME PATH...
    local name=$1; shift
    languages "$BEFORE" "$name" "$@" > "$WORK/$name-before.tsv"
    languages "$AFTER" "$name" "$@" > "$WORK/$name-after.tsv"
    local changed
    changed=$(diff "$WORK/$name-before.tsv" "$WORK/$name-after.tsv" | grep -c '^>' || true)
    echo "$name: $(wc -l < "$WORK/$name-after.tsv") documents, $changed changed language"
    join -t $'\t' "$WORK/$name-before.tsv" "$WORK/$name-after.tsv" | awk -F'\t' '$2 != $3 { print "  " $1 ": " $2 " -> " $3 }'
}

BEFORE=$1 AFTER=$2
compare reuters21578 "$SHARED/reuters21578"
compare bbc-news "$SHARED/bbc-news"
compare 20newsgroups "$WORK/20newsgroups"
compare html "$SHARED/html-trafilatura" "$SHARED/html-readability-testpages" "$SHARED/html-newspaper3k" "$SHARED/html-article-extraction-benchmark"
