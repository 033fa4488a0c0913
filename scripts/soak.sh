#!/usr/bin/env bash
# Longer versions of the robustness tests than `swift test` runs by default (see README, Tests):
#   - the kill test with KILLS random SIGKILLs (default 300),
#   - incremental == rebuilt over all 22 Reuters files added one at a time (needs ../shared),
#   - a 200 MB text file indexed end to end, with its peak memory and time.
# Usage: scripts/soak.sh [KILLS]      (takes 15–30 minutes on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-300}"
scratch=.build-soak

echo "== robustness tests: $kills kills, all 22 Reuters files"
MSEARCH_KILLS="$kills" MSEARCH_INCREMENTAL_FILES=22 \
    swift test --scratch-path "$scratch" --filter MSearchRobustnessTests 2>&1 \
    | grep -E "kill test:|corruption test|hostile input:|concurrent searches:|✔ Test|✘|passed after|failed after"

echo "== a 200 MB article"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work/big/huge.txt" <<'PY'
import random, sys, os
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
random.seed(1)
words = open("/usr/share/dict/words").read().split() if os.path.exists("/usr/share/dict/words") else \
    [f"w{i}" for i in range(50000)]
with open(sys.argv[1], "w") as f:
    f.write("A very long article\n")
    written = 0
    while written < 200 << 20:
        line = " ".join(random.choice(words) for _ in range(2000)) + ".\n"
        f.write(line); written += len(line)
PY
/usr/bin/time -f "peak memory %M KB, %e s" "$scratch/debug/msearch" index --max-file-size 300 --memory 64 \
    --index "$work/index" "$work/big"
"$scratch/debug/msearch" check --quiet --index "$work/index"
