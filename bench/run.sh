#!/usr/bin/env bash
# Runs the benchmarks (BRIEF §6) and writes bench/results.md.
#   bench/run.sh            all of P1, P2, P3, P6, P7
#   bench/run.sh P1 P2      only those
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh --long
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q time || sudo apt-get install -y -q time; }
cargo build --release --locked -p bevis -p bevis-bench
export BEVIS_BIN="$CARGO_TARGET_DIR/release/bevis"
"$CARGO_TARGET_DIR/release/bevis-bench" footage bench/results.md "$@"
