// Types for harness.mjs, so playwright.config.ts can share its Chromium flags.
import type { Browser } from '@playwright/test';
export declare const CHROMIUM_ARGS: string[];
export declare function launchChromium(): Promise<Browser>;
export declare function startPreview(port: number): Promise<{ url: string; stop: () => void }>;
