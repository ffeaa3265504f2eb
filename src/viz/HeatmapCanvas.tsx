import { useEffect, useRef } from 'react';
import type { Matrix } from './attentionData';
import type { ColourScale } from './colour';

export interface HeatmapCanvasProps {
  readonly matrix: Matrix;
  readonly colour: ColourScale;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Draw only cells this keeps (the pair triangle keeps i < j); the rest stay transparent. */
  readonly keep?: (row: number, col: number) => boolean;
  readonly className?: string;
}

/**
 * A dense matrix on canvas (STYLE §10): one filled rectangle per cell, at the device's pixel ratio so it
 * stays sharp. Purely visual (aria-hidden); labels, hover and keyboard live in the SVG / HTML around it.
 */
export function HeatmapCanvas({ matrix, colour, width, height, keep, className }: HeatmapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const { rows, cols, data } = matrix;
    const cw = width / cols;
    const ch = height / rows;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        if (keep && !keep(i, j)) continue;
        ctx.fillStyle = colour(data[i * cols + j]);
        // Cells overlap by a fraction of a pixel so no hairline gaps show between them.
        ctx.fillRect(j * cw, i * ch, cw + 0.5, ch + 0.5);
      }
    }
  }, [matrix, colour, width, height, keep]);
  return <canvas ref={ref} className={className} style={{ width, height }} aria-hidden="true" />;
}
