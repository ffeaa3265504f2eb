/**
 * The worker's API, declared once: the page calls it through comlink (`ui/workerClient.ts`), Node tests and the
 * bench call the same object directly (`worker/api.ts` implements it; `worker.ts` only exposes it). Every run
 * carries a `runId`; the page ignores events of runs it no longer shows. Every typed array in a result or an
 * event belongs to it alone, so the worker transfers them to the page instead of copying.
 */
import type { DemoOptions } from '../data/demo';
import type { DataMapping } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { Dataset } from '../data/types';
import type { ModelFamily } from '../models/contract';
import type { DataSourceRef, ImportProgress, LoadOutcome, ReadOutcome } from './importProtocol';
import type { BackendChoice, BackendInfo } from './backendInfo';
import type { TopkEpochReport, TopkTrainResult } from './train/topk';
import type { ExportOutcome, ModelImportOutcome, PredictionsRequest } from './exportProtocol';
import type {
  EmbeddingMapOutcome,
  EmbeddingMapRequest,
  PlantedOutcome,
  PlantedRequest,
  RecommendOutcome,
  RecommendRequest,
  SequenceOutcome,
  SequenceRequest,
} from './explainProtocol';
import type {
  AttentionMap,
  BehaviourPayload,
  ExplainExample,
  ModalityGraphPayload,
} from '../contract/explain';
import type { CtrEpochReport, CtrTrainResult } from './train/ctr';
import type { TrainProgress } from './train/progress';

export type { ModelFamily };

/** An uploaded file as the worker reads it: a browser `File`, or anything with a name and its bytes. */
export interface FileLike {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface TrainRequest {
  readonly runId: number;
  /** A model of the registry (`models/registry.ts`), of either family. */
  readonly modelId: string;
  /** Raw values; the worker resolves them against the model's schema and reports what it changed. */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly backend: BackendChoice;
  /** Send a `checkpoint` event after every epoch and on pause (costs a device read each time). */
  readonly checkpoints?: boolean;
  /** `encodeCheckpoint` bytes to continue from (same data, model and batch size as the run that made it). */
  readonly resumeFrom?: Uint8Array;
}

export type TrainEvent =
  | { readonly type: 'backend'; readonly runId: number; readonly info: BackendInfo }
  /** `progress.paused` is true on the report made as the run pauses; the next report (after resume) is false. */
  | { readonly type: 'progress'; readonly runId: number; readonly progress: TrainProgress }
  /**
   * A step before training (tmfun's kNN graphs, auto's speed probe): `done` of `total` in `stage`, counted in
   * `unit` (items when absent); repeated as it goes.
   */
  | {
      readonly type: 'build';
      readonly runId: number;
      readonly stage: string;
      readonly done: number;
      readonly total: number;
      readonly unit?: string;
    }
  | {
      readonly type: 'epoch';
      readonly runId: number;
      readonly family: 'ctr';
      readonly report: CtrEpochReport;
    }
  | {
      readonly type: 'epoch';
      readonly runId: number;
      readonly family: 'topk';
      readonly report: TopkEpochReport;
    }
  /**
   * The run's latest checkpoint (`encodeCheckpoint` bytes, transferred), when the request asked for them;
   * `epoch` is the number of completed epochs, `paused` true for one made as the run paused mid-epoch.
   */
  | {
      readonly type: 'checkpoint';
      readonly runId: number;
      readonly epoch: number;
      readonly step: number;
      readonly paused: boolean;
      readonly bytes: Uint8Array;
    };

export type TrainOutcome =
  | {
      readonly type: 'done';
      readonly runId: number;
      readonly family: 'ctr';
      readonly result: CtrTrainResult;
      /** Settings that were invalid or out of range, and what was used instead. */
      readonly warnings: readonly string[];
    }
  | {
      readonly type: 'done';
      readonly runId: number;
      readonly family: 'topk';
      readonly result: TopkTrainResult;
      readonly warnings: readonly string[];
    }
  | {
      readonly type: 'error';
      readonly runId: number;
      readonly message: string;
      /** The GPU device under the run was lost: figures read back during the unfinished epoch are suspect. */
      readonly deviceLost?: boolean;
    };

export interface WorkerApi {
  /** Starts (or switches to) a backend. */
  initBackend(choice: BackendChoice): Promise<BackendInfo>;
  /** Generates the seeded demo dataset in the worker and makes it the current dataset. */
  loadDemo(options: Partial<DemoOptions>, split?: SplitConfig): Promise<LoadOutcome>;
  /** Reads uploaded files (in the worker) and proposes a column mapping; the current dataset stays. */
  readImport(files: readonly FileLike[], onProgress: (p: ImportProgress) => void): Promise<ReadOutcome>;
  /** Builds the dataset from the files last read, with the confirmed mapping and split. */
  loadImport(mapping: DataMapping, split: SplitConfig): Promise<LoadOutcome>;
  /**
   * Trains on the current dataset. With `resumeFrom`, the checkpoint's epochs are sent first as `epoch`
   * events, then training continues where it stopped.
   */
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<TrainOutcome>;
  /** The current dataset (a copy), for the page to keep an upload across reloads; null when none. */
  snapshotDataset(): Promise<Dataset | null>;
  /** Makes a dataset the page kept (an upload, from IndexedDB) the current one, after checking it. */
  loadDataset(dataset: Dataset, source: DataSourceRef, split: SplitConfig): Promise<LoadOutcome>;
  /** Ends the given run after its current step (a paused run too). */
  stop(runId: number): void;
  /**
   * Pauses the given run at its next progress report (within ~250 ms, or early in the next epoch when asked
   * during validation); that report says `paused: true` and the worker then idles until `resume` or `stop`.
   */
  pause(runId: number): void;
  /** Continues a paused run; its next progress report says `paused: false`. */
  resume(runId: number): void;
  /**
   * The attention of the given run's model on one example and averaged over a validation sample (the
   * "Explain" views). Runs only when asked — between training steps while a run trains — never inside a
   * step; its typed arrays arrive as transferables.
   */
  explainAttention(request: AttentionRequest): Promise<AttentionOutcome>;
  /** Users or items for the example picker, by id or title (capped). */
  searchExamples(request: SearchRequest): Promise<SearchOutcome>;
  /**
   * The item–item graphs of the given run's top-k model (the modality-graph view): `k` neighbours per item
   * per graph, with the item catalogue. 'unavailable' for another run's model or one without graphs. Typed
   * arrays arrive as transferables.
   */
  explainGraph(request: GraphRequest): Promise<GraphOutcome>;
  // ---- Export panel (exportProtocol.ts): files built in the worker, handed back as bytes to download.
  /** The run's trained model as a zip of tfjs-format `model.json` + `weights.bin`. */
  exportModel(runId: number): Promise<ExportOutcome>;
  /** The run's item embeddings as `vectors.tsv` + `metadata.tsv` (TensorFlow Embedding Projector). */
  exportEmbeddings(runId: number): Promise<ExportOutcome>;
  /** Top-K items per test user as CSV, scored in batches on the backend. */
  exportPredictions(request: PredictionsRequest): Promise<ExportOutcome>;
  /** The loaded dataset as RecBole atomic files + config, zipped. */
  exportDataset(): Promise<ExportOutcome>;
  /**
   * Loads a model zip for the loaded data (checked for fit) as the model of `runId`, and scores it on the
   * test split.
   */
  importModel(bytes: Uint8Array, runId: number): Promise<ModelImportOutcome>;
  /** The run's item or user embeddings projected to 2-D by PCA (ctr models with an embedding table). */
  embeddingMap(request: EmbeddingMapRequest): Promise<EmbeddingMapOutcome>;
  /** The run's top-K items for a user (training items excluded), with reasons where it has attention. */
  recommend(request: RecommendRequest): Promise<RecommendOutcome>;
  /** A sequence model's causal attention over a user's training sequence, with its recommendations. */
  explainSequence(request: SequenceRequest): Promise<SequenceOutcome>;
  /**
   * The run's ctr model read against what the demo generator planted ('unavailable' on other data, where
   * nothing is known to be planted).
   */
  plantedVsLearned(request: PlantedRequest): Promise<PlantedOutcome>;
}

// ---- Modality graphs (top-k models) ------------------------------------------------------------------

export interface GraphRequest {
  readonly runId: number;
  /** Neighbours per item and graph (default 10, at most `MAX_GRAPH_K`). */
  readonly k?: number;
}

export const MAX_GRAPH_K = 50;

export type GraphOutcome =
  | { readonly type: 'ok'; readonly payload: ModalityGraphPayload; readonly seconds: number }
  | { readonly type: 'unavailable'; readonly runId: number; readonly reason: string }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

// ---- Attention (the heads and behaviour views) ------------------------------------------------------------

export interface AttentionRequest {
  /** The run whose model to explain: the answer is 'unavailable' when the worker holds another run's. */
  readonly runId: number;
  /**
   * The example, as dense user / item indices. Null item: the user's last validation row; null user: the
   * first sampled validation row with that item; both null: the first row of the validation sample.
   */
  readonly user: number | null;
  readonly item: number | null;
  /** Validation rows to average over, at most `MAX_EXPLAIN_SAMPLE` (default). */
  readonly sampleSize?: number;
  /** Seed of the validation sample (default 42): the same seed gives the same rows. */
  readonly seed?: number;
}

/** The most validation rows one explanation averages over. */
export const MAX_EXPLAIN_SAMPLE = 512;

export interface AttentionExplanation {
  readonly type: 'ok';
  readonly runId: number;
  readonly modelId: string;
  readonly example: ExplainExample;
  /** Validation rows behind the `average` maps. */
  readonly sampleSize: number;
  /** `[L, H, M, M]` field self-attention (amfr, autoint). */
  readonly fieldAttention?: { readonly example: AttentionMap; readonly average: AttentionMap };
  /** `[M, M]` pair attention, upper triangle (amfr). */
  readonly pairAttention?: { readonly example: AttentionMap; readonly average: AttentionMap };
  /** Behaviour attention of the example (din, mmdin). */
  readonly behaviour?: BehaviourPayload;
  readonly seconds: number;
}

export type AttentionOutcome =
  | AttentionExplanation
  /** No model of that run (another run's, none trained yet, or the data changed), or one without attention. */
  | { readonly type: 'unavailable'; readonly runId: number; readonly reason: string }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

export interface SearchRequest {
  readonly kind: 'user' | 'item';
  /** Matched against ids (and item titles), case-insensitively; exact and prefix matches first. */
  readonly text: string;
  /** For items with empty text: this user's validation items are suggested. */
  readonly user?: number | null;
  /** At most this many hits (default 20, at most 100). */
  readonly limit?: number;
}

export interface SearchHit {
  readonly index: number;
  readonly key: string;
  /** What the picker shows: the title and fields, as plain text. */
  readonly label: string;
}

export interface SearchOutcome {
  readonly hits: readonly SearchHit[];
  /** Matches before the cap. */
  readonly total: number;
}

/** The worker's first message of its own (not comlink's): it now holds its life lock (worker.ts). */
export const LOCK_HELD = 'recplay:lock-held';
