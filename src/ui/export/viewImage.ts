/**
 * Saves a view (any element holding `<svg>`s and `<canvas>`es, with HTML captions and legends around them)
 * as a standalone SVG or a PNG. The SVGs get their computed styles inlined — the page's stylesheet does not
 * travel with the file — canvases become embedded PNG images, captions and legend entries become SVG text.
 */
import { composeSvg, type Piece } from './svgCompose';

/** Presentation properties our views set through CSS; inlined so the file looks as the page does. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** A copy of `svg` with computed styles inlined on every element, as markup. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (dst[i] as SVGElement).setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  return new XMLSerializer().serializeToString(clone);
}

/** Captions and legend entries around the graphics (their text, where the page shows it). */
const LABELS = 'figcaption, .legend li, h3, .view-title';

/** The element as one standalone SVG document. */
export function viewToSvg(root: HTMLElement, title: string): { svg: string; width: number; height: number } {
  const box = root.getBoundingClientRect();
  const at = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height };
  };
  const pieces: Piece[] = [];
  for (const el of root.querySelectorAll(LABELS)) {
    const r = at(el);
    const swatch = el.querySelector<HTMLElement>('.swatch');
    if (swatch) {
      const s = at(swatch);
      pieces.push({ kind: 'rect', ...s, fill: getComputedStyle(swatch).backgroundColor });
    }
    const cs = getComputedStyle(el);
    const fontSize = parseFloat(cs.fontSize) || 12;
    pieces.push({
      kind: 'text',
      text: (el.textContent ?? '').trim(),
      x: r.x + (swatch ? at(swatch).width + 6 : 0),
      y: r.y + (r.height + fontSize * 0.7) / 2,
      font: `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`,
      fill: cs.color,
    });
  }
  for (const c of root.querySelectorAll('canvas')) {
    const r = at(c);
    pieces.push({ kind: 'image', href: c.toDataURL('image/png'), ...r });
  }
  for (const s of root.querySelectorAll('svg')) {
    if (s.parentElement?.closest('svg')) continue; // nested: travels with its outer svg
    const r = at(s);
    pieces.push({ kind: 'svg', markup: serializeSvg(s), x: r.x, y: r.y });
  }
  const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
  return {
    svg: composeSvg(pieces, box.width, box.height, background, title),
    width: box.width,
    height: box.height,
  };
}

export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** Rasterises an SVG document at `scale` × its size (2: sharp on high-density screens and in slides). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the image.');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await canvasToPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('The image could not be encoded.'))),
      'image/png',
    ),
  );
}
