/**
 * A canvas sized at the device's pixel ratio, with d3-zoom's pan and zoom on it: the current transform is
 * kept in a ref (drawing reads it; changing it does not re-render) and every change redraws.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';

export interface CanvasZoom {
  /** Layout units → CSS pixels. */
  readonly transform: RefObject<ZoomTransform>;
  /** Whether the user has panned or zoomed (or focused an item) since the last `forgetUserZoom`. */
  isUserZoomed(): boolean;
  /** New nodes: the next fit is the view's own again. */
  forgetUserZoom(): void;
  /** Moves the view to `t` (redraws); `byUser` counts it as the user's own zoom. */
  zoomTo(t: ZoomTransform, byUser?: boolean): void;
  /** The canvas's size in CSS pixels as laid out (the requested size until it is). */
  size(): { width: number; height: number };
}

/** Sizes `canvas` to `width`×`height` CSS pixels and lets the user pan and zoom it; `draw` redraws. */
export function useCanvasZoom(
  canvas: RefObject<HTMLCanvasElement | null>,
  width: number,
  height: number,
  draw: () => void,
): CanvasZoom {
  const transform = useRef<ZoomTransform>(zoomIdentity);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const userZoomed = useRef(false);
  const redraw = useEffectEvent(() => draw());

  // Canvas size at the device's pixel ratio; until the user zooms, layout (0, 0) sits in the middle.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = globalThis.devicePixelRatio || 1;
    el.width = Math.round(width * dpr);
    el.height = Math.round(height * dpr);
    if (!userZoomed.current) transform.current = zoomIdentity.translate(width / 2, height / 2);
    redraw();
  }, [canvas, width, height]);

  // Zoom and pan.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.1, 12])
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
        transform.current = event.transform;
        if (event.sourceEvent) userZoomed.current = true;
        redraw();
      });
    zoomRef.current = z;
    select(el).call(z).call(z.transform, transform.current).on('dblclick.zoom', null);
    return () => {
      select(el).on('.zoom', null);
    };
  }, [canvas]);

  return {
    transform,
    isUserZoomed: () => userZoomed.current,
    forgetUserZoom: () => {
      userZoomed.current = false;
    },
    zoomTo: (t, byUser = false) => {
      const el = canvas.current;
      const z = zoomRef.current;
      if (!el || !z) return;
      if (byUser) userZoomed.current = true;
      select(el).call(z.transform, t);
    },
    size: () => ({
      width: canvas.current?.clientWidth || width,
      height: canvas.current?.clientHeight || height,
    }),
  };
}
