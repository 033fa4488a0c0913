#!/usr/bin/env python3
"""Language identification accuracy (issue #16): msearch's detection (CLD2 on the extracted
text, no source hints) against each page's own declared language, on every HTML set of
../shared/corpora that declares one, for pages whose extracted text has >= 200 words.

Declared language: readability's expected-metadata.json "lang" where given, else the page's
<html lang>/xml:lang, else a Content-Language meta, else og:locale (primary subtag, lower-case).
Detected language: the pages are indexed with the given msearch binary, their extracted title
and body exported (`export --with-body`), written out as plain-text files (which carry no
declaration) and indexed again; the second export's `language` is the detection.

Words: runs of letters/digits, plus one per Han, kana, Hangul or Thai character (scripts
written without spaces).

Usage: Benchmarks/language-id.py [MSEARCH_BINARY] (default .build-release/release/msearch)
"""
import collections, gzip, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
SETS = ["html-newspaper3k", "html-trafilatura", "html-readability-testpages", "html-article-extraction-benchmark"]
MIN_WORDS = 200

def primary(tag):
    m = re.match(r"\s*([A-Za-z]{2,3})(?:[-_\s]|$)", tag or "")
    code = m.group(1).lower() if m else None
    return None if code in (None, "und", "mul", "zxx") else code

def read_page(path):
    data = open(path, "rb").read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")

def declared_in_html(html):
    m = re.search(r"<html\b[^>]*?\b(?:xml:)?lang\s*=\s*[\"']?([^\"'\s>]+)", html, re.I)
    if m and primary(m.group(1)): return primary(m.group(1))
    m = re.search(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*content\s*=\s*[\"']?([^\"'>]+)", html, re.I)
    if m and primary(m.group(1)): return primary(m.group(1))
    m = re.search(r"<meta\b[^>]*property\s*=\s*[\"']og:locale[\"'][^>]*content\s*=\s*[\"']([^\"']+)", html, re.I)
    return primary(m.group(1)) if m else None

def declared(path):
    meta = os.path.join(os.path.dirname(path), "expected-metadata.json")
    if os.path.basename(path) == "source.html" and os.path.exists(meta):
        lang = primary(json.load(open(meta)).get("lang") or "")
        if lang: return lang
    return declared_in_html(read_page(path))

def words(text):
    return len(re.findall(r"\w+", text)) + len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]", text))

def msearch(binary, *args):
    """stdout of an msearch command; status 1 (some files skipped, reported) is not fatal."""
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(args[:1])} failed ({r.returncode}): {r.stderr}")
    return r.stdout

def html_files(folder):
    for d, _, files in os.walk(folder):
        for f in sorted(files):
            if f.endswith((".html", ".htm", ".html.gz")):
                yield os.path.join(d, f)

def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-release", "release", "msearch")
    if not os.path.isdir(CORPORA):
        print(f"skipped: {CORPORA} is absent"); return
    by_language = collections.defaultdict(lambda: [0, 0])   # declared -> [pages, correct]
    confusions = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in SETS:
            folder = os.path.join(CORPORA, name)
            if not os.path.isdir(folder): continue
            truth = {os.path.realpath(p): declared(p) for p in html_files(folder)}
            truth = {p: l for p, l in truth.items() if l}
            if not truth: continue
            pages = os.path.join(tmp, name + "-pages"); os.mkdir(pages)
            origin = {}
            for i, p in enumerate(sorted(truth)):
                # Copies (the index walk does not follow links out of its paths), named by
                # number so that the export's path leads back to the page.
                copy = os.path.join(pages, f"{i:04d}-" + os.path.basename(p))
                shutil.copyfile(p, copy)
                origin[os.path.realpath(copy)] = p
            index = os.path.join(tmp, name + "-index")
            msearch(binary, "index", "--quiet", "--no-extract", "--index", index, pages)
            texts = os.path.join(tmp, name + "-texts"); os.mkdir(texts)
            expected = {}
            for line in msearch(binary, "export", "--with-body", "--index", index).splitlines():
                d = json.loads(line)
                text = (d.get("title") or "") + "\n\n" + (d.get("body") or "")
                if words(text) < MIN_WORDS: continue
                source = origin.get(os.path.realpath(d["path"]))
                if source not in truth: continue
                stem = f"{len(expected):04d}"
                open(os.path.join(texts, stem + ".txt"), "w").write(text)
                expected[stem] = truth[source]
            if not expected: continue
            index2 = os.path.join(tmp, name + "-texts-index")
            msearch(binary, "index", "--quiet", "--no-extract", "--index", index2, texts)
            for line in msearch(binary, "export", "--index", index2).splitlines():
                d = json.loads(line)
                want, got = expected[d["id"]], d.get("language") or "none"
                by_language[want][0] += 1
                if got == want: by_language[want][1] += 1
                else: confusions[(name, want, got)] += 1
    total = sum(v[0] for v in by_language.values()); correct = sum(v[1] for v in by_language.values())
    print(f"| declared | pages | correct | accuracy |\n| --- | ---: | ---: | ---: |")
    for lang, (n, ok) in sorted(by_language.items(), key=lambda kv: (-kv[1][0], kv[0])):
        print(f"| {lang} | {n} | {ok} | {100.0 * ok / n:.1f} % |")
    if total: print(f"| **all** | {total} | {correct} | {100.0 * correct / total:.1f} % |")
    for (name, want, got), n in sorted(confusions.items()):
        print(f"miss: {name}: declared {want}, detected {got} ({n})")

if __name__ == "__main__":
    main()
