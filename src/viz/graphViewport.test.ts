import { zoomIdentity } from 'd3';
import { describe, expect, it } from 'vitest';
import { centreTransform, fitTransform, nodeAt } from './graphViewport';

// Three nodes in layout units: 0 at (0, 0), 1 at (10, 0), 2 at (13, 0).
const pos = Float32Array.of(0, 0, 10, 0, 13, 0);

describe('nodeAt', () => {
  it('maps a canvas point through the zoom transform to the nearest node', () => {
    // Zoom 2 with the layout origin at canvas (100, 50): node 1 is drawn at (120, 50), node 2 at (126, 50).
    const t = zoomIdentity.translate(100, 50).scale(2);
    expect(nodeAt(pos, t, 100, 50)).toBe(0);
    expect(nodeAt(pos, t, 121, 52)).toBe(1);
    expect(nodeAt(pos, t, 124, 50)).toBe(2); // 4 px from node 1, 2 px from node 2
    expect(nodeAt(pos, t, 100, 59)).toBe(0); // 9 screen pixels away
  });

  it('hits within 10 screen pixels whatever the zoom', () => {
    const far = zoomIdentity.translate(100, 50).scale(0.5); // node 0 at (100, 50), node 2 at (106.5, 50)
    expect(nodeAt(pos, far, 100, 61)).toBeNull(); // 11 px below node 0
    expect(nodeAt(pos, far, 100, 59.5)).toBe(0);
    const near = zoomIdentity.translate(100, 50).scale(8);
    expect(nodeAt(pos, near, 100, 61)).toBeNull(); // 11 px = 1.4 layout units
    expect(nodeAt(pos, near, 109, 50)).toBe(0);
  });

  it('finds nothing without positions', () => {
    expect(nodeAt(new Float32Array(0), zoomIdentity, 0, 0)).toBeNull();
  });
});

describe('fitTransform', () => {
  it('centres the nodes and fills 92 % of the tighter side', () => {
    const wide = Float32Array.of(-500, -100, 500, 100, 0, 0);
    const t = fitTransform(wide, 400, 200)!;
    expect(t.k).toBeCloseTo(0.92 * Math.min(400 / 1000, 200 / 200));
    expect(t.apply([0, 0])).toEqual([200, 100]);
    const [x0] = t.apply([-500, 0]);
    const [x1] = t.apply([500, 0]);
    expect(x0).toBeCloseTo(0.04 * 400);
    expect(x1).toBeCloseTo(0.96 * 400);
  });

  it('zooms a small graph in no further than 4', () => {
    const t = fitTransform(Float32Array.of(-10, -5, 30, 5), 400, 200)!;
    expect(t.k).toBe(4);
    const [x, y] = t.apply([10, 0]);
    expect(x).toBeCloseTo(200);
    expect(y).toBeCloseTo(100);
  });

  it('has nothing to fit without nodes', () => {
    expect(fitTransform(new Float32Array(0), 400, 200)).toBeNull();
  });
});

describe('centreTransform', () => {
  it('puts the node in the middle at the given zoom', () => {
    const t = centreTransform(pos, 2, 3, 600, 400)!;
    expect(t.k).toBe(3);
    expect(t.apply([13, 0])).toEqual([300, 200]);
  });

  it('has no transform for a node without a position', () => {
    expect(centreTransform(pos, 3, 1, 600, 400)).toBeNull();
  });
});
