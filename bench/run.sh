#!/usr/bin/env bash
# Runs the benchmarks (BRIEF §6) and writes bench/results.md.
#   bench/run.sh            all of P1–P7 and P9
#   bench/run.sh P1 P2      only those
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh --long
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q time || sudo apt-get install -y -q time; }
# P5's reference: deface (PyPI) in its own virtual environment.
if [ ! -x bench/out/deface-venv/bin/deface ]; then
  mkdir -p bench/out
  python3 -m venv bench/out/deface-venv
  bench/out/deface-venv/bin/pip install -q deface==1.5.0 onnxruntime
fi
cargo build --release --locked -p bevis -p bevis-bench
export BEVIS_BIN="$CARGO_TARGET_DIR/release/bevis"
"$CARGO_TARGET_DIR/release/bevis-bench" footage bench/results.md "$@"
