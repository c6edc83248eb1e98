# Sourced by the scripts: one build directory outside the checkout, so that a
# fresh clone (CI) reuses what an earlier build on the same machine compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bevis/target}"
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="$HOME/.cargo/bin:$PATH"
# The checkout's detection model, for tests and for the app that tauri-driver starts:
# the compiled-in fallback is the path of whichever clone first built bevis-detect
# into the shared build directory.
export BEVIS_MODELS="${BEVIS_MODELS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/models}"
