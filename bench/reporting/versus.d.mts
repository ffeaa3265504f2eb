// Types for versus.mjs (plain JavaScript: node runs the report without a TypeScript loader).
export declare const VERSUS_TARGETS: readonly { pair: string; min: number; label: string }[];
export declare function refThreadsOf(row: Record<string, unknown>): number;
export declare function versusRows(
  rows: readonly unknown[],
  refThreads?: number,
  threads?: number,
): Record<string, unknown>[];
export declare function versusTargets(
  rows: readonly unknown[],
): { target: string; measured: string | null; met: boolean | null }[];
export declare function writeVersus(doc: { md: (line?: string) => void }, rows: readonly unknown[]): void;
