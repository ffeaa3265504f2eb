/**
 * Share links for e2e tests in format version 1 (training settings left out are the protocol's), which the
 * app still reads as such: so these tests also keep old links working. Written the way
 * src/state/experiment.ts writes them (`#e1.` + deflate-raw +
 * base64url of the wire JSON). Built here rather than imported: the app module pulls in browser-only code.
 */
export async function linkFor(wire: Record<string, unknown>): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...wire }));
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return `#e1.${Buffer.from(bytes).toString('base64url')}`;
}
