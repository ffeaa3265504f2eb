import type { ExportOutcome, ModelImportOutcome, PredictionsRequest } from '../../engine/exportProtocol';

/** The worker calls the export panel makes (see `WorkerApi`). */
export interface ExportApi {
  exportModel(runId: number): Promise<ExportOutcome>;
  exportEmbeddings(runId: number): Promise<ExportOutcome>;
  exportPredictions(request: PredictionsRequest): Promise<ExportOutcome>;
  exportDataset(): Promise<ExportOutcome>;
  importModel(bytes: Uint8Array, runId: number): Promise<ModelImportOutcome>;
}
