#!/usr/bin/env bash
# Short libFuzzer runs over the parsers a hostile package reaches first.
#   scripts/fuzz.sh [SECONDS per target, default 10]
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain
# provide them for this build only (the product itself never uses them).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
secs="${1:-10}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
cd fuzz
for target in header manifest; do
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz" cargo fuzz run "$target" -- -max_total_time="$secs" 2>&1 | tail -n 1
done
