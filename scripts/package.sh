#!/usr/bin/env bash
# Builds the Debian package of the desktop app with the Tauri bundler. The .deb
# declares the GStreamer runtime packages it needs (src-tauri/tauri.conf.json).
#   scripts/package.sh   → $CARGO_TARGET_DIR/release/bundle/deb/Bevis_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh
scripts/ui.sh
(cd src-tauri && npx --yes @tauri-apps/cli@2 build --bundles deb)
ls -l "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb
