#!/usr/bin/env bash
# Rewrites Sources/MSearchAnalysis/CharacterClassRuns.swift from CharacterClass.classify (after a
# Swift update changed Unicode properties, when CharacterClassTableTests says so), then checks it.
# Usage: scripts/regenerate-character-classes.sh [SCRATCH_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
MSEARCH_REGENERATE_CHARACTER_CLASSES=1 swift test --scratch-path "$scratch" --filter CharacterClassTableTests/theRunsFileIsGenerated >/dev/null || true
swift test --scratch-path "$scratch" --filter CharacterClassTableTests
git status --short Sources/MSearchAnalysis/CharacterClassRuns.swift
