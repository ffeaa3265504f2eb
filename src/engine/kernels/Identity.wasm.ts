/**
 * Identity, and Cast to the dtype a tensor already has, on wasm without a copy: the output shares the input's
 * heap bytes (the backend counts references, as its own Reshape does, and as the cpu backend's Identity and
 * Cast do). tfjs-backend-wasm copies the whole tensor for both, and tfjs calls them far more often than a model
 * does: every gradient of a product casts both operands to float32 (`mul(dy, cast(b, 'float32'))`), and
 * `clone`, `variableGrads` and the tape go through Identity. A tmfun step made 15 such casts of `[2048, 64]`
 * and 74 identities. Nothing in tfjs or in our kernels writes into an input's bytes, so sharing them is safe.
 * Other casts (bool or int32 to float32, float32 to int32) and strings keep the stock kernels.
 */
import type { CastAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

let sharing = true;

/** Switches the shared-bytes paths off (A/B timing against the stock copies); on by default. */
export function setShareEnabled(on: boolean): void {
  sharing = on;
}

function share(backend: BackendWasm, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

export function wrapWasmIdentity(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    if (!sharing || x.dtype === 'string') return stock.kernelFunc(args);
    return share(args.backend as BackendWasm, x);
  };
  return { ...stock, kernelFunc };
}

export function wrapWasmCast(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const { dtype } = args.attrs as unknown as CastAttrs;
    if (!sharing || x.dtype !== dtype || x.dtype === 'string') return stock.kernelFunc(args);
    return share(args.backend as BackendWasm, x);
  };
  return { ...stock, kernelFunc };
}
