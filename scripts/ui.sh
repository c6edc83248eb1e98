#!/usr/bin/env bash
# Builds the front end into ui/dist (what the Tauri shell embeds): tsc checks the
# types (and emits the pure modules to ui/build for the unit tests), esbuild bundles.
#   scripts/ui.sh [test]   — with "test", also the formatter/linter (Biome) and the unit tests
set -euo pipefail
cd "$(dirname "$0")/../ui"
[ -d node_modules/esbuild ] && [ -d node_modules/preact ] || npm ci --no-audit --no-fund
rm -rf build
npx tsc -p .
node build.mjs
if [ "${1:-}" = "test" ]; then
  npx biome ci .
  node --test test/
fi
