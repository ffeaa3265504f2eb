/**
 * The test DOM (happy-dom, as jsdom) has no 2D canvas context: `getContext` returns null, so canvas views
 * draw nothing. Component tests of canvas views install this recording stand-in instead, and read what each
 * canvas shows now (a `clearRect` starts a new picture, as a redraw does).
 */
import { vi } from 'vitest';

export interface Fill {
  readonly style: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Arc {
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

/** What one canvas shows: its filled rectangles and its circles, in drawing order. */
export interface Drawing {
  readonly fills: Fill[];
  readonly arcs: Arc[];
}

/**
 * Gives every canvas a recording 2D context until `vi.restoreAllMocks()`; returns a reader of a canvas's
 * current drawing (empty when nothing was drawn on it).
 */
export function stubCanvas(): (canvas: Element) => Drawing {
  const drawings = new WeakMap<Element, Drawing>();
  const drawingOf = (canvas: Element): Drawing => {
    let d = drawings.get(canvas);
    if (!d) {
      d = { fills: [], arcs: [] };
      drawings.set(canvas, d);
    }
    return d;
  };
  function getContext(this: HTMLCanvasElement) {
    const drawing = drawingOf(this);
    const context = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      globalAlpha: 1,
      setTransform() {},
      beginPath() {},
      moveTo() {},
      fill() {},
      stroke() {},
      clearRect() {
        drawing.fills.length = 0;
        drawing.arcs.length = 0;
      },
      fillRect(x: number, y: number, w: number, h: number) {
        drawing.fills.push({ style: context.fillStyle, x, y, w, h });
      },
      arc(x: number, y: number, r: number) {
        drawing.arcs.push({ x, y, r });
      },
    };
    // The views call only the members above; the rest of the 2D context is never read.
    return context as unknown as CanvasRenderingContext2D;
  }
  // `getContext` is overloaded per kind of context; the views ask only for '2d'.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    getContext as unknown as HTMLCanvasElement['getContext'],
  );
  return drawingOf;
}
