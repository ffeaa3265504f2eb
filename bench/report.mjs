// Writes bench/REPORT.md and its SVG charts (bench/report/*.svg) from the JSON lines in bench/results/: the
// latest row per (protocol, model, backend), beside the reference rows of ../shared/docs/PROTOCOLS.md.
//   node bench/report.mjs [--results bench/results] [--out bench]
// Only rows that were measured are reported; a missing row shows as "not run". The sections are in
// bench/reporting/ (one module each, plus the rows, the charts, the markdown helpers and the protocol figures).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeChromium } from './reporting/chromium.mjs';
import { writeGpu } from './reporting/gpu.mjs';
import { writeHeader } from './reporting/header.mjs';
import { writeHeadroom } from './reporting/headroom.mjs';
import { createDoc } from './reporting/markdown.mjs';
import { writeP1 } from './reporting/p1.mjs';
import { writeP2 } from './reporting/p2.mjs';
import { writeProbe } from './reporting/probe.mjs';
import { writeQuickstart } from './reporting/quickstart.mjs';
import { readRows } from './reporting/rows.mjs';
import { writeScale } from './reporting/scale.mjs';
import { writeTargets } from './reporting/targets.mjs';
import { writeVersus } from './reporting/versus.mjs';

const { values: args } = parseArgs({
  options: {
    results: { type: 'string', default: 'bench/results' },
    out: { type: 'string', default: 'bench' },
  },
});

const rows = readRows(args.results);
const doc = createDoc();
for (const write of [
  writeHeader,
  writeP1,
  writeP2,
  writeVersus,
  writeQuickstart,
  writeHeadroom,
  writeScale,
  writeChromium,
  writeProbe,
  writeGpu,
  writeTargets,
])
  write(doc, rows);

mkdirSync(join(args.out, 'report'), { recursive: true });
for (const [name, svg] of Object.entries(doc.charts))
  writeFileSync(join(args.out, 'report', `${name}.svg`), svg + '\n');
writeFileSync(join(args.out, 'REPORT.md'), doc.lines.join('\n') + '\n');
console.log(
  `wrote ${join(args.out, 'REPORT.md')} and ${Object.keys(doc.charts).length} charts from ${rows.length} rows`,
);
