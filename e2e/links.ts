/**
 * Share links for e2e tests, written the way src/state/experiment.ts writes them (`#e1.` + deflate-raw +
 * base64url of the wire JSON). Built here rather than imported: the app module pulls in browser-only code.
 */
export async function linkFor(wire: Record<string, unknown>): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...wire }));
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return `#e1.${Buffer.from(bytes).toString('base64url')}`;
}
