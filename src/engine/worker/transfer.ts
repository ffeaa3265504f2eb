/**
 * What the worker moves to the page instead of copying: the buffer of every typed array in a value. The API
 * promises that results and events own their typed arrays (`protocol.ts`), so moving them never detaches
 * anything the worker still holds; `transfer.test.ts` checks that promise on every endpoint with arrays.
 */

/** The distinct buffers of every typed array in `value` (depth-first through arrays and plain objects). */
export function buffersOf(
  value: unknown,
  out = new Set<ArrayBuffer>(),
  seen = new Set<object>(),
): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) buffersOf(v, out, seen);
  }
  return out;
}
