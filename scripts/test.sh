#!/usr/bin/env bash
# The whole test suite, from nothing: set-up, format, lints, tests, app build.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "set-up"
scripts/setup.sh
step "format"
cargo fmt --all -- --check
step "lints (whole workspace, including the Tauri shell)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "front-end unit tests (timeline maths, interpolation, plan edits, translations)"
scripts/ui.sh test
step "tests (the whole workspace, the app's checks included)"
cargo test --workspace --locked
step "fuzzing (header and manifest parsers)"
scripts/fuzz.sh 10
step "end-to-end: the whole workflow in the real window (Xvfb + WebDriver)"
scripts/e2e.sh
step "done"
