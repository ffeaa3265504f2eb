// Types for scale.mjs (plain JavaScript: node runs the report without a TypeScript loader).
type Row = Record<string, unknown>;
export declare function widthRows(rows: readonly Row[]): Row[];
export declare function widthDrop(shown: readonly Row[], row: Row, base: number | 'genres'): number | null;
export declare function widthTarget(rows: readonly Row[]): {
  target: string;
  measured: string | null;
  met: boolean | null;
};
export declare function writeScale(
  doc: { md: (line?: string) => void; chart: (name: string, svg: string) => void },
  rows: readonly Row[],
): void;
