import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { adamStepCpuConfig, adamStepWasmConfig } from './AdamStep';
import { adamStepWebGlConfig } from './AdamStep.webgl';
import { adamStepWebGpuConfig } from './AdamStep.webgpu';
import { wrapWasmBatchMatMul } from './BatchMatMul.wasm';
import { biasPreluGradWasmConfig, biasPreluWasmConfig } from './BiasPrelu';
import { csrMatMulCpuConfig, csrMatMulWasmConfig } from './CsrMatMul';
import {
  fieldMeanCpuConfig,
  fieldMeanGradCpuConfig,
  fieldMeanGradWasmConfig,
  fieldMeanWasmConfig,
} from './FieldMean';
import { wrapWasmGatherV2 } from './GatherV2.wasm';
import { wrapWasmCast, wrapWasmIdentity } from './Identity.wasm';
import { wrapWasmSlice, wrapWasmSplitV } from './Slice.wasm';
import { wrapWasmSum } from './Sum.wasm';
import { wrapWebGpuGatherV2 } from './chunked.webgpu';
import { unsortedSegmentSumCpuConfig } from './UnsortedSegmentSum.cpu';
import { unsortedSegmentSumWasmConfig } from './UnsortedSegmentSum.wasm';
import { unsortedSegmentSumWebglConfig } from './UnsortedSegmentSum.webgl';
import { unsortedSegmentSumWebGpuConfig } from './UnsortedSegmentSum.webgpu';

/** Our kernels, registered over (cpu, webgl, webgpu) or beside (wasm) the stock ones. */
export const CUSTOM_KERNELS: readonly KernelConfig[] = [
  adamStepCpuConfig,
  adamStepWasmConfig,
  adamStepWebGpuConfig,
  adamStepWebGlConfig,
  csrMatMulCpuConfig,
  csrMatMulWasmConfig,
  unsortedSegmentSumCpuConfig,
  unsortedSegmentSumWasmConfig,
  unsortedSegmentSumWebglConfig,
  unsortedSegmentSumWebGpuConfig,
  fieldMeanCpuConfig,
  fieldMeanWasmConfig,
  fieldMeanGradCpuConfig,
  fieldMeanGradWasmConfig,
  biasPreluWasmConfig,
  biasPreluGradWasmConfig,
];

/** Stock kernels we keep but route around a slow path (the wrapper calls the stock kernel). */
const KERNEL_WRAPPERS: readonly {
  kernelName: string;
  backendName: string;
  wrap(stock: KernelConfig): KernelConfig;
}[] = [
  { kernelName: 'BatchMatMul', backendName: 'wasm', wrap: wrapWasmBatchMatMul },
  { kernelName: 'GatherV2', backendName: 'wasm', wrap: wrapWasmGatherV2 },
  { kernelName: 'Sum', backendName: 'wasm', wrap: wrapWasmSum },
  { kernelName: 'Slice', backendName: 'wasm', wrap: wrapWasmSlice },
  { kernelName: 'SplitV', backendName: 'wasm', wrap: wrapWasmSplitV },
  { kernelName: 'Identity', backendName: 'wasm', wrap: wrapWasmIdentity },
  { kernelName: 'Cast', backendName: 'wasm', wrap: wrapWasmCast },
  { kernelName: 'GatherV2', backendName: 'webgpu', wrap: wrapWebGpuGatherV2 },
];

const wrapped = new WeakSet<KernelConfig['kernelFunc']>();

function replace(config: KernelConfig): void {
  if (getKernel(config.kernelName, config.backendName))
    unregisterKernel(config.kernelName, config.backendName);
  registerKernel(config);
}

/**
 * Must run after a backend's package is imported (its stock kernels are then registered) and before
 * `tf.setBackend` (a backend's kernel setup runs when it initialises). Replacing a stock kernel is done by
 * unregistering it first, which avoids tfjs's duplicate-registration warning. Idempotent.
 */
export function registerCustomKernels(): void {
  for (const config of CUSTOM_KERNELS) {
    // Only for backends whose package is loaded: registering first would make the package's own
    // registration warn about a duplicate (and replace ours until the next call).
    if (!getKernel('Add', config.backendName)) continue;
    if (getKernel(config.kernelName, config.backendName)?.kernelFunc !== config.kernelFunc) replace(config);
  }
  for (const w of KERNEL_WRAPPERS) {
    const stock = getKernel(w.kernelName, w.backendName);
    if (!stock || wrapped.has(stock.kernelFunc)) continue;
    const config = w.wrap(stock);
    wrapped.add(config.kernelFunc);
    replace(config);
  }
}
