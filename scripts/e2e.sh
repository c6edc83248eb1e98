#!/usr/bin/env bash
# End-to-end test of the desktop app: the built app in a real window on a virtual
# display, driven through tauri-driver (WebDriver → WebKitWebDriver).
#   scripts/e2e.sh [SCREENSHOT-FOLDER]   (default target/e2e; docs/screenshots refreshes the README's)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
build_all -q
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:97
  Xvfb "$DISPLAY" -screen 0 1366x900x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
fi
tauri-driver --port 4444 >/tmp/bevis-tauri-driver.log 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -s http://127.0.0.1:4444/status >/dev/null 2>&1 && break; sleep 0.2; done
APP="$CARGO_TARGET_DIR/debug/bevis-app" BEVIS="$CARGO_TARGET_DIR/debug/bevis" \
  FOOTAGE="$(realpath footage/vtest.avi)" SHOTS="${1:-target/e2e}" \
  timeout 600 node tests/e2e/workflow.mjs
APP="$CARGO_TARGET_DIR/debug/bevis-app" BEVIS="$CARGO_TARGET_DIR/debug/bevis" \
  FOOTAGE_DIR="$(realpath footage)" SHOTS="${1:-target/e2e}" \
  timeout 600 node tests/e2e/cameras.mjs
