// A small PNG for docs/: RGBA pixels quantized to at most 256 colours (the most frequent colours at 5 bits per
// channel, each pixel mapped to the nearest) and written as an indexed PNG. Used by graph-frames.mjs (DOCS_PNG).
import { zlibSync } from 'fflate';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const body = new Uint8Array(4 + data.length);
  body.set([...type].map((ch) => ch.charCodeAt(0)));
  body.set(data, 4);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return out;
}

/** An indexed PNG of `width`×`height` RGBA pixels (alpha ignored: screenshots are opaque). */
export function palettePng(rgba, width, height, colours = 256) {
  const key = (p) => ((rgba[p] >> 3) << 10) | ((rgba[p + 1] >> 3) << 5) | (rgba[p + 2] >> 3);
  const count = new Float64Array(32768);
  const sum = new Float64Array(3 * 32768);
  for (let p = 0; p < rgba.length; p += 4) {
    const q = key(p);
    count[q]++;
    sum[3 * q] += rgba[p];
    sum[3 * q + 1] += rgba[p + 1];
    sum[3 * q + 2] += rgba[p + 2];
  }
  const used = [...count.keys()].filter((q) => count[q] > 0).sort((a, b) => count[b] - count[a]);
  const palette = used
    .slice(0, colours)
    .map((q) => [0, 1, 2].map((c) => Math.round(sum[3 * q + c] / count[q])));
  const index = new Uint8Array(32768);
  for (const q of used) {
    const r = sum[3 * q] / count[q];
    const g = sum[3 * q + 1] / count[q];
    const b = sum[3 * q + 2] / count[q];
    let best = 0;
    let bestD = Infinity;
    palette.forEach(([pr, pg, pb], i) => {
      const d = 2 * (pr - r) ** 2 + 4 * (pg - g) ** 2 + 3 * (pb - b) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    index[q] = best;
  }
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // no filter
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = index[key(4 * (y * width + x))];
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit indexed colour
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('PLTE', Uint8Array.from(palette.flat())),
    chunk('IDAT', zlibSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
