#!/usr/bin/env bash
# Builds .gpu/carry/ (git-ignored, < 64 MiB) with everything bench/gpu.ts needs on the GPU machine, which has
# no Node, no browser and no package registry (../shared/docs/GPU.md): the bench bundled into one file,
# Dawn's dawn.node from the `webgpu` npm package, this Node binary, tfjs's wasm files, and the Vulkan loader /
# GL dispatch debs. Then, with the device tool:  run(command="bash .gpu/carry/run.sh", carry=[".gpu/carry"]).
set -euo pipefail
cd "$(dirname "$0")/../.."
C=.gpu/carry
rm -rf "$C" && mkdir -p "$C/wasm" "$C/debs" .gpu/pkg
BENCH_BUILD_ONLY=1 node bench/run.mjs --entry gpu
cp bench/.build/gpu.mjs "$C/bench.mjs"
if [ ! -f .gpu/pkg/package/dist/linux-x64/dawn.node ]; then
  (cd .gpu/pkg && npm pack --silent webgpu@0.6.2 && tar xzf webgpu-0.6.2.tgz)
fi
xz -T2 -c .gpu/pkg/package/dist/linux-x64/dawn.node > "$C/dawn.node.xz"
xz -T2 -c "$(command -v node)" > "$C/node.xz"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$C/wasm/"
(cd "$C/debs" && apt-get download libvulkan1 libglvnd0 libglx0 libgl1 libegl1 libopengl0 libgles2 2>/dev/null)
cp bench/gpu/run.sh "$C/run.sh"
du -sh "$C"
