#!/usr/bin/env bash
# Builds the TypeScript front end into ui/dist (what the Tauri shell embeds).
#   scripts/ui.sh [test]   — with "test", also runs its unit tests
set -euo pipefail
cd "$(dirname "$0")/../ui"
[ -d node_modules/typescript ] || npm ci --no-audit --no-fund
rm -rf dist
npx tsc -p .
node build.mjs
if [ "${1:-}" = "test" ]; then node --test test/; fi
