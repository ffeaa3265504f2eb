// Types for headers.mjs (plain JavaScript so vite.config.ts can import it without a TypeScript loader).
export declare const CSP: string;
export declare const EVERY_RESPONSE: Readonly<Record<string, string>>;
export declare const HASHED_DIR: string;
export declare const HASHED_ASSETS: Readonly<Record<string, string>>;
export declare const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>>;
export declare function headersFile(): string;
export declare function vercelJson(): string;
export declare function nginxSnippet(): string;
