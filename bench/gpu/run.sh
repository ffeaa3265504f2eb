#!/usr/bin/env bash
# On the GPU machine (the device tool runs it from the repository root, with .gpu/carry carried): installs the
# Vulkan loader, unpacks Node and dawn.node, and runs the GPU bench on webgpu and wasm. JSON lines go to
# $OUT/gpu.jsonl (they come back with the tool's reply). GPU_SKIP_DEBS=1 skips the system install (to try
# the script on a machine that must not be changed).
set -euo pipefail
C="$(cd "$(dirname "$0")" && pwd)"
OUT="${OUT:-/tmp/gpu-out}"
mkdir -p "$OUT"
if [ -z "${GPU_SKIP_DEBS:-}" ]; then
  for d in "$C"/debs/*.deb; do dpkg -x "$d" /; done
  ldconfig
fi
NODE=node
if ! command -v node >/dev/null || [[ "$(node -v)" != v20* ]]; then
  xz -dc "$C/node.xz" > /tmp/node && chmod +x /tmp/node && NODE=/tmp/node
fi
xz -dc "$C/dawn.node.xz" > /tmp/dawn.node
export VK_DRIVER_FILES="${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}"
export XDG_RUNTIME_DIR=/tmp
(nvidia-smi -L || true) | tee "$OUT/device.txt"
"$NODE" "$C/bench.mjs" --dawn /tmp/dawn.node --wasm-dir "$C/wasm" --out "$OUT/gpu.jsonl" \
  --backends "${GPU_BACKENDS:-webgpu,wasm}" --models "${GPU_MODELS:-dnn,autoint,din,amfr,mmdin}" \
  --batches "${GPU_BATCHES:-256,2048}" --users "${GPU_USERS:-2000}" --epochs 1 2>&1 | tee "$OUT/log.txt"
