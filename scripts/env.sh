# Sourced by the scripts: one build directory outside the checkout, so that a
# fresh clone (CI) reuses what an earlier build on the same machine compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bevis/target}"
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="$HOME/.cargo/bin:$PATH"
