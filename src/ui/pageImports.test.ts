import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * tfjs must load only in the training worker: first paint must not wait for ~1 MB of engine. The page's
 * static value imports (type-only imports vanish; the worker is started by URL, not imported) are followed
 * from the entry, and none may reach tfjs.
 */
const SRC = resolve(import.meta.dirname, '..');
const ENTRY = join(SRC, 'ui', 'main.tsx');
const IMPORT = /^\s*(import|export)\s+(?!type\b)([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (c) => existsSync(c) && statSync(c).isFile(),
  );
  return found ?? null;
}

/** `{ type A, type B }`: an import that vanishes from the bundle like `import type`. */
function typesOnly(clause: string | undefined): boolean {
  const names = /^\s*\{([^}]*)\}/.exec(clause ?? '')?.[1];
  return names !== undefined && names.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim()));
}

/** Every module the page loads before it is interactive, and the chain that brought each package in. */
function pageGraph(): Map<string, string[]> {
  const chains = new Map<string, string[]>([[ENTRY, [ENTRY]]]);
  const queue = [ENTRY];
  while (queue.length) {
    const file = queue.shift()!;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      if (typesOnly(m[2])) continue;
      const spec = m[3];
      const chain = [...chains.get(file)!, spec];
      if (!spec.startsWith('.')) {
        if (!chains.has(spec)) chains.set(spec, chain);
        continue;
      }
      const target = resolveModule(file, spec);
      if (target && /\.tsx?$/.test(target) && !chains.has(target)) {
        chains.set(target, [...chains.get(file)!, target]);
        queue.push(target);
      }
    }
  }
  return chains;
}

describe('the page bundle', () => {
  it('never imports tfjs: it loads in the worker only', () => {
    const graph = pageGraph();
    const files = [...graph.keys()].filter((k) => k.startsWith(SRC));
    // The walk must see the app, or the assertion below would pass on nothing.
    expect(files.map((f) => relative(SRC, f))).toEqual(
      expect.arrayContaining(['ui/App.tsx', 'ui/workerClient.ts', 'engine/protocol.ts']),
    );
    const tfjs = [...graph.entries()]
      .filter(([k]) => k.startsWith('@tensorflow/'))
      .map(([k, chain]) => `${k} via ${chain.map((c) => relative(SRC, c) || c).join(' → ')}`);
    expect(tfjs).toEqual([]);
  });
});
