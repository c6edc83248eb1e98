#!/usr/bin/env bash
# Starts Bevis on demo footage (or the footage given) in a throwaway demo profile.
#   scripts/run.sh [FILE-OR-SEGMENT-FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh
cargo build --locked -p bevis-app
footage="${1:-footage/vtest.avi}"
profile="$(mktemp -d -t bevis-demo-XXXXXX)"
trap 'rm -rf "$profile"' EXIT
echo "Demo profile: $profile (removed when the app closes)" >&2
export BEVIS_DATA_DIR="$profile"
app="$CARGO_TARGET_DIR/debug/bevis-app"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the app on a virtual display (xvfb-run)." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$app" --footage "$(realpath "$footage")"
fi
"$app" --footage "$(realpath "$footage")"
