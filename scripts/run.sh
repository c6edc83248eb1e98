#!/usr/bin/env bash
# Starts Bevis on demo footage (or the footage given) in a throwaway demo profile.
#   scripts/run.sh [FILE-OR-SEGMENT-FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh
build_all -q
profile="$(mktemp -d -t bevis-demo-XXXXXX)"
trap 'rm -rf "$profile"' EXIT
echo "Demo profile: $profile (removed when the app closes)" >&2
if [ -n "${1:-}" ]; then
  footage="$(realpath "$1")"
else
  # The demo recording, named the way an NVR names files, so Bevis reads its start time.
  footage="$profile/korridor-a_20261121-124000.avi"
  ln -s "$(realpath footage/vtest.avi)" "$footage"
fi
export BEVIS_DATA_DIR="$profile"
app="$CARGO_TARGET_DIR/debug/bevis-app"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the app on a virtual display (xvfb-run)." >&2
  xvfb-run -a -s "-screen 0 1280x800x24" "$app" --footage "$footage"
else
  "$app" --footage "$footage"
fi
