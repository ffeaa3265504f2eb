// Types for protocols.mjs (plain JavaScript: node runs the report without a TypeScript loader).
export interface P1Ref {
  readonly name: string;
  readonly auc: number;
  readonly speed: number;
}
export interface P2Ref {
  readonly name: string;
  readonly r10: number;
  readonly n10: number;
  readonly r20: number;
  readonly n20: number;
  readonly hit20: number;
  /** The registry model this reference checks (our own reference runs), if any. */
  readonly model?: string;
  /** What ran it, where not PyTorch on CPU; and where it was measured, where not PROTOCOLS.md. */
  readonly impl?: string;
  /** Where the figures come from when not PROTOCOLS.md (a script of ours in bench/peers). */
  readonly source?: string;
  /** A trained model's reference over several seeds (the report compares seed means). */
  readonly seeds?: { readonly r20: readonly number[]; readonly n20: readonly number[] };
}
export declare const P1_REFS: readonly P1Ref[];
export declare const P2_REFS: readonly P2Ref[];
export declare const P2_REF_TOLERANCE: number;
export declare function refNamed<R extends { readonly name: string }>(refs: readonly R[], name: string): R;
/** Per ctr model id: a [low, high] test-AUC range or a floor. */
export declare const P1_TARGETS: Readonly<Record<string, number | readonly [number, number]>>;
export declare const SPEED_TARGETS: readonly {
  readonly model: string;
  readonly label: string;
  readonly rowsPerSec: number;
}[];
export declare function p1TargetCell(model: string, auc: number): string;
