// Types for site.mjs (plain JavaScript so vite.config.ts can import it without a TypeScript loader).
import type { HtmlTagDescriptor } from 'vite';
export declare const OG_IMAGE: {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
};
export declare function siteUrl(value: string | undefined): URL | undefined;
export declare function socialTags(site: URL | undefined): HtmlTagDescriptor[];
