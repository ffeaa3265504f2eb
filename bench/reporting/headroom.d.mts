// Types for headroom.mjs (plain JavaScript: node runs the report without a TypeScript loader).
/** The planted terms of the demo's like logit, each with what it means, in the report's order. */
export declare const TERMS: readonly (readonly [string, string])[];
export declare function writeHeadroom(doc: { md: (line?: string) => void }, rows: readonly unknown[]): void;
