/**
 * Pointer hit-testing on the graph canvas: which node is under the mouse (for a click), and the hovered
 * node with where to put its tooltip. Hover is view state only (never shared with other views, STYLE §15).
 */
import { useState, type MouseEvent, type RefObject } from 'react';
import type { ZoomTransform } from 'd3';
import { nodeAt } from './graphViewport';

export interface Hover {
  readonly i: number;
  /** The pointer, in CSS pixels from the canvas's top left. */
  readonly x: number;
  readonly y: number;
}

export interface HoverNode {
  readonly hover: Hover | null;
  /** The node under the pointer of a mouse event on the canvas, or null. */
  nodeUnder(e: MouseEvent<HTMLCanvasElement>): number | null;
  onMouseMove(e: MouseEvent<HTMLCanvasElement>): void;
  onMouseLeave(): void;
}

/** `positions` (`[x0, y0, …]`, drawn through `transform`) are hit only while they hold all `n` nodes. */
export function useHoverNode(
  positions: RefObject<Float32Array>,
  transform: RefObject<ZoomTransform>,
  n: number,
): HoverNode {
  const [hover, setHover] = useState<Hover | null>(null);
  const nodeUnder = (e: MouseEvent<HTMLCanvasElement>) => {
    const pos = positions.current;
    if (pos.length !== 2 * n) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    return nodeAt(pos, transform.current, e.clientX - rect.left, e.clientY - rect.top);
  };
  return {
    hover,
    nodeUnder,
    onMouseMove: (e) => {
      const i = nodeUnder(e);
      const rect = e.currentTarget.getBoundingClientRect();
      setHover(i === null ? null : { i, x: e.clientX - rect.left, y: e.clientY - rect.top });
    },
    onMouseLeave: () => setHover(null),
  };
}
