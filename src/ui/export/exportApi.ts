import type { WorkerApi } from '../../engine/protocol';

/** The worker calls the export panel makes (a slice of `WorkerApi`). */
export type ExportApi = Pick<
  WorkerApi,
  'exportModel' | 'exportEmbeddings' | 'exportPredictions' | 'exportDataset' | 'importModel'
>;
