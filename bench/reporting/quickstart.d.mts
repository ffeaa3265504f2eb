// Types for quickstart.mjs (plain JavaScript: node runs the report without a TypeScript loader).
export interface QuickRow {
  readonly model: string;
  readonly seed: number;
  readonly valid: number;
  readonly quick_start?: boolean;
}
export declare function quickRuns<R extends QuickRow>(runs: readonly R[], model: string): Map<number, R>;
export declare function writeQuickstart(doc: { md: (line?: string) => void }, rows: readonly unknown[]): void;
