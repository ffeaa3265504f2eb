import { useEffect, useRef, useState } from 'react';
import type { ExplainOutcome } from '../../engine/explainProtocol';

export interface ExplainState<P> {
  /** The latest payload for the current key (null before the first, or for another key's run). */
  readonly data: P | null;
  readonly pending: boolean;
  /** Why there is nothing to show (unavailable or failed), as a sentence. */
  readonly message: string | null;
}

/**
 * Loads an explain endpoint's payload whenever `key` changes (run, request, epoch): at most one request
 * in flight, later keys collapse into one follow-up, and an answer is shown only for the key it was asked
 * for (a late answer of an older key never overwrites a newer one). `load` is read at request time.
 */
export function useExplain<P>(
  load: (() => Promise<ExplainOutcome<P>>) | null,
  key: string,
  enabled: boolean,
): ExplainState<P> {
  const [stored, setStored] = useState<{ key: string; data: P | null; message: string | null }>({
    key: '',
    data: null,
    message: null,
  });
  const [pending, setPending] = useState(false);
  const loadRef = useRef(load);
  const busy = useRef(false);
  const wanted = useRef<string | null>(null);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (!enabled || !loadRef.current) return;
    wanted.current = key;
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    void (async () => {
      while (wanted.current !== null) {
        const k = wanted.current;
        wanted.current = null;
        const run = loadRef.current;
        if (!run) break;
        try {
          const out = await run();
          if (out.type === 'ok') setStored({ key: k, data: out.payload, message: null });
          else
            setStored({
              key: k,
              data: null,
              message: out.type === 'error' ? `Failed: ${out.message}` : out.reason,
            });
        } catch (e) {
          setStored({ key: k, data: null, message: `Failed: ${String(e)}` });
        }
      }
      busy.current = false;
      setPending(false);
    })();
  }, [key, enabled]);

  // A payload of another run or request keeps showing while the next one loads, if the run is the same.
  const sameRun = stored.key.split('|')[0] === key.split('|')[0];
  return {
    data: sameRun ? stored.data : null,
    pending,
    message: stored.key === key ? stored.message : null,
  };
}
