import { describe, expect, it } from 'vitest';
import { LayoutEngine, type LayoutFrame } from './layoutSim';

/** An engine whose slices run when `drain` is called (no timers), recording every posted frame. */
function harness() {
  const frames: LayoutFrame[] = [];
  const queue: (() => void)[] = [];
  const engine = new LayoutEngine(
    (f) => frames.push(f),
    (run) => queue.push(run),
  );
  const drain = (max = 10_000) => {
    for (let i = 0; i < max && queue.length > 0; i++) queue.shift()!();
  };
  return { engine, frames, drain };
}

// Two cliques of 5 joined by one weak edge.
const cliques = () => {
  const s: number[] = [];
  const t: number[] = [];
  const w: number[] = [];
  for (const base of [0, 5])
    for (let a = 0; a < 5; a++)
      for (let b = a + 1; b < 5; b++) {
        s.push(base + a);
        t.push(base + b);
        w.push(0.9);
      }
  s.push(4);
  t.push(5);
  w.push(0.1);
  return { source: Int32Array.from(s), target: Int32Array.from(t), weight: Float32Array.from(w) };
};

describe('LayoutEngine', () => {
  it('posts [x, y] frames of the current generation until it settles, and keeps linked nodes close', () => {
    const { engine, frames, drain } = harness();
    engine.handle({ type: 'nodes', n: 10, seed: 3, keep: false });
    engine.handle({ type: 'edges', gen: 7, ...cliques() });
    drain();
    expect(frames.length).toBeGreaterThan(0);
    const last = frames[frames.length - 1];
    expect(last.settled).toBe(true);
    expect(frames.slice(0, -1).every((f) => !f.settled && f.gen === 7)).toBe(true);
    expect(last.positions).toHaveLength(20);
    expect(last.ticks).toBeGreaterThan(10);
    const p = last.positions;
    const d = (a: number, b: number) => Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
    // Mean distance within a clique below the mean across the two.
    let inside = 0;
    let across = 0;
    for (let a = 0; a < 5; a++)
      for (let b = 0; b < 5; b++) {
        if (a < b) inside += d(a, b) + d(a + 5, b + 5);
        across += d(a, b + 5);
      }
    expect(inside / 20).toBeLessThan(across / 25);
  });

  it('is deterministic for a seed, and a kept refresh starts from (and stays near) the settled picture', () => {
    const run = () => {
      const h = harness();
      h.engine.handle({ type: 'nodes', n: 10, seed: 5, keep: false });
      h.engine.handle({ type: 'edges', gen: 1, ...cliques() });
      h.drain();
      return h;
    };
    const a = run();
    const b = run();
    const pa = a.frames[a.frames.length - 1].positions;
    expect(Array.from(b.frames[b.frames.length - 1].positions)).toEqual(Array.from(pa));

    // Refresh: same items kept, fewer ticks (lower heat) and the first frame is close to the old picture.
    a.engine.handle({ type: 'nodes', n: 10, seed: 5, keep: true });
    a.engine.handle({ type: 'edges', gen: 2, ...cliques() });
    const before = a.frames.length;
    a.drain();
    const fresh = a.frames.slice(before);
    expect(fresh.every((f) => f.gen === 2)).toBe(true);
    const drift = Math.max(...Array.from(fresh[0].positions, (v, i) => Math.abs(v - pa[i])));
    const spread = Math.max(...Array.from(pa, Math.abs));
    expect(drift).toBeLessThan(spread);
    expect(fresh[fresh.length - 1].ticks).toBeLessThan(a.frames[before - 1].ticks);

    // Not kept: a new start (the phyllotaxis spiral), far from the settled picture at first.
    a.engine.handle({ type: 'nodes', n: 10, seed: 5, keep: false });
    a.engine.handle({ type: 'edges', gen: 3, ...cliques() });
    a.drain(1);
    expect(a.frames[a.frames.length - 1].ticks).toBeGreaterThan(0);
  });

  it('ignores out-of-range edges and stops on request', () => {
    const { engine, frames, drain } = harness();
    engine.handle({ type: 'nodes', n: 3, seed: 1, keep: false });
    engine.handle({
      type: 'edges',
      gen: 1,
      source: Int32Array.from([0, 1, -1]),
      target: Int32Array.from([1, 9, 2]),
      weight: Float32Array.from([1, 1, 1]),
    });
    engine.handle({ type: 'stop' });
    drain();
    expect(frames).toHaveLength(1);
    expect(frames[0].settled).toBe(true);
    expect(Array.from(frames[0].positions).every(Number.isFinite)).toBe(true);
  });
});
