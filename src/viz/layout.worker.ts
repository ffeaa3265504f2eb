/// <reference lib="webworker" />
// The modality graph's force layout in its own module worker, so the page only draws (layoutSim.ts).
import { LayoutEngine, type LayoutRequest } from './layoutSim';

declare const self: DedicatedWorkerGlobalScope;

const engine = new LayoutEngine((frame, transfer) => self.postMessage(frame, transfer));
self.onmessage = (e: MessageEvent<LayoutRequest>) => engine.handle(e.data);
