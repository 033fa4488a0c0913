#!/usr/bin/env bash
# Regenerates the man page, Documentation/msearch.1, with swift-argument-parser's
# generate-manual plugin, and Documentation/msearch-help.json, the help it was made from
# (`msearch --experimental-dump-help`): ConventionsTests compares that file with the binary's
# help, so a change to a command, option or help text fails the tests until this is re-run.
#
# Two fixes over the plugin's own page: the generator drops every non-ASCII character
# (ArgumentParser's String+Escaping.swift, "TODO: maybe drop `where character.isASCII`"), which
# turned "Cossío" into "Cosso"; and it lists hidden commands (`bench`, internal). So the page is
# made by the generator the plugin builds, run on the dumped help with hidden commands left out
# and each non-ASCII character passed as a placeholder that becomes mandoc's \[uXXXX] escape.
#
# usage: scripts/generate-manual.sh    (a debug build; then `man ./Documentation/msearch.1`)
set -euo pipefail
cd "$(dirname "$0")/.."
swift package plugin generate-manual --configuration debug >/dev/null  # builds msearch and the generator
BIN=$(swift build --show-bin-path)
"$BIN/msearch" --experimental-dump-help > Documentation/msearch-help.json

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A stand-in for msearch that the generator runs with --experimental-dump-help.
cat > "$work/msearch" <<PY
#!/usr/bin/env python3
import json
def shown(command):
    command["subcommands"] = [shown(c) for c in command.get("subcommands", []) if c.get("shouldDisplay", True)]
    return command
info = json.load(open("$PWD/Documentation/msearch-help.json", encoding="utf-8"))
info["command"] = shown(info["command"])
text = json.dumps(info, ensure_ascii=False, sort_keys=True, indent=2)
print("".join(c if ord(c) < 128 else "@u{%04X}@" % ord(c) for c in text))
PY
chmod +x "$work/msearch"
"$BIN/generate-manual-tool" "$work/msearch" --output-directory "$work"
perl -pe 's/\@u\{([0-9A-F]+)\}\@/\\[u$1]/g; s/^$/.Pp/' "$work/msearch.1" > Documentation/msearch.1
echo "wrote Documentation/msearch.1 and Documentation/msearch-help.json"
