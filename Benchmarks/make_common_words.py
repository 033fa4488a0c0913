#!/usr/bin/env python3
"""Derive Sources/MSearchExtraction/Resources/common-words.txt, the common-word lexicon the actor
rules use to tell a capitalised common word (sentence start, headline) from a name.

A word is kept when /usr/share/dict/american-english (Debian `wamerican`) lists it in lower case and
the BBC News corpus (shared/corpora/bbc-news) writes it in lower case mid-sentence at least twice and
more often lower-case than capitalised mid-sentence. Words wamerican also lists capitalised
("baker", "price", "set": names too) are marked with a trailing "*": the rules treat them as common
only where a name is unlikely anyway (headlines, sentence starts). Only needed when regenerating the file; the
extractor never reads wamerican at run time.
usage: make_common_words.py SHARED_DIR OUT
"""
import collections, os, re, sys

shared, out = sys.argv[1], sys.argv[2]
dict_words = [w.strip() for w in open("/usr/share/dict/american-english", encoding="utf-8")]
have = set(dict_words)
lower_words = {w for w in dict_words if w.islower() and "'" not in w}

low = collections.Counter()
cap = collections.Counter()
tok = re.compile(r"[A-Za-z]+")
for root, _, files in os.walk(os.path.join(shared, "corpora/bbc-news")):
    for f in files:
        if not f.endswith(".txt"):
            continue
        text = open(os.path.join(root, f), encoding="latin-1").read()
        for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = tok.findall(sent)
            for w in words[1:]:
                if w.islower():
                    low[w] += 1
                elif w[0].isupper() and w[1:].islower():
                    cap[w.lower()] += 1
keep = sorted(w + ("*" if w.capitalize() in have else "") for w in lower_words
              if len(w) > 1 and low[w] >= 2 and low[w] > cap[w])
with open(out, "w", encoding="utf-8") as f:
    f.write("# Common English words (lower case), derived by scripts/make_common_words.py from Debian's\n"
            "# wamerican word list and BBC News 2004-05 usage. One word per line.\n")
    f.write("\n".join(keep) + "\n")
print(len(keep), "words ->", out)
