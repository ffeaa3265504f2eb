/**
 * Pure part of the view export: one standalone SVG document from placed pieces (serialised `<svg>`s, canvas
 * snapshots as images, HTML captions as text). No DOM here, so it is unit-tested in Node.
 */

export type Piece =
  | { readonly kind: 'svg'; readonly markup: string; readonly x: number; readonly y: number }
  | {
      readonly kind: 'image';
      readonly href: string;
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    }
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly x: number;
      /** Baseline. */
      readonly y: number;
      readonly font: string;
      readonly fill: string;
    }
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly fill: string;
    };

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Text or attribute value escaped for XML. */
export function xmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

const n = (x: number) => String(Math.round(x * 100) / 100);

/** A complete SVG file of `width × height` with the pieces in order (later on top). */
export function composeSvg(
  pieces: readonly Piece[],
  width: number,
  height: number,
  background: string | null,
  title: string,
): string {
  const body = pieces.map((p) => {
    switch (p.kind) {
      case 'svg':
        // Nested <svg> elements keep their own coordinate systems; x/y place them.
        return p.markup.replace(/^<svg\b/, `<svg x="${n(p.x)}" y="${n(p.y)}"`);
      case 'image':
        return `<image x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" href="${xmlEscape(p.href)}"/>`;
      case 'text':
        return `<text x="${n(p.x)}" y="${n(p.y)}" style="font:${xmlEscape(p.font)}" fill="${xmlEscape(p.fill)}">${xmlEscape(p.text)}</text>`;
      case 'rect':
        return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" fill="${xmlEscape(p.fill)}"/>`;
    }
  });
  const bg = background ? `<rect width="100%" height="100%" fill="${xmlEscape(background)}"/>` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="${SVG_NS}" version="1.1" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}">`,
    `<title>${xmlEscape(title)}</title>`,
    bg,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
