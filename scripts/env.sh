# Sourced by the scripts: one build directory outside the checkout, so that a
# fresh clone (CI) reuses what an earlier build on the same machine compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bevis/target}"
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="$HOME/.cargo/bin:$PATH"
# One build for everything: the tests, the examples (the footage maker) and the app
# binary (src-tauri/tests makes cargo build it) in one cargo invocation, so every
# crate is compiled once with one set of features. Building the app on its own
# (`cargo build -p bevis-app`) would unify features differently and compile most of
# the workspace a second time.
build_all() { cargo test --workspace --locked --no-run "$@"; }
# The checkout's detection model, for tests and for the app that tauri-driver starts:
# the compiled-in fallback is the path of whichever clone first built bevis-detect
# into the shared build directory.
export BEVIS_MODELS="${BEVIS_MODELS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/models}"
