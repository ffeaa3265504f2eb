import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttentionExplanation, AttentionRequest, WorkerApi } from '../../engine/protocol';

/** What the attention views ask of the worker (a slice of `WorkerApi`). */
export type AttentionApi = Pick<WorkerApi, 'explainAttention' | 'searchExamples'>;

export interface ExampleChoice {
  readonly user: number | null;
  readonly item: number | null;
}

export interface AttentionState {
  /** The latest explanation of the run shown (null before the first, or for another run). */
  readonly data: AttentionExplanation | null;
  /** A request is on its way. */
  readonly pending: boolean;
  /** Why there is nothing to show (unavailable or failed), as a sentence. */
  readonly message: string | null;
}

interface Stored {
  readonly runId: number;
  readonly data: AttentionExplanation | null;
  readonly message: string | null;
}

/**
 * Asks the worker for the run's attention whenever `version` changes (after each epoch, at the end of
 * the run, on a new example). At most one request is in flight: triggers meanwhile collapse into one
 * follow-up with the latest arguments, so a slow explanation never queues up behind training.
 */
export function useAttention(
  api: AttentionApi,
  runId: number,
  example: ExampleChoice,
  version: string,
  enabled: boolean,
): AttentionState {
  const [stored, setStored] = useState<Stored>({ runId: 0, data: null, message: null });
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);
  const queued = useRef<AttentionRequest | null>(null);

  const request = useCallback(
    async (first: AttentionRequest) => {
      if (inFlight.current) {
        queued.current = first;
        return;
      }
      inFlight.current = true;
      setPending(true);
      let next: AttentionRequest | null = first;
      while (next) {
        const req: AttentionRequest = next;
        queued.current = null;
        try {
          const out = await api.explainAttention(req);
          if (out.type === 'ok') setStored({ runId: req.runId, data: out, message: null });
          else {
            const message = out.type === 'error' ? `AttentionExplanation failed: ${out.message}` : out.reason;
            setStored({ runId: req.runId, data: null, message });
          }
        } catch (e) {
          setStored({ runId: req.runId, data: null, message: `AttentionExplanation failed: ${String(e)}` });
        }
        next = queued.current;
      }
      inFlight.current = false;
      setPending(false);
    },
    [api],
  );

  const { user, item } = example;
  useEffect(() => {
    if (!enabled || runId === 0) return;
    void request({ runId, user, item });
    // `version` is the trigger (epochs done, run finished, data changed); the request itself reads the rest.
  }, [enabled, runId, user, item, version, request]);

  // An answer for another run never shows, even if it arrives late.
  const current = stored.runId === runId;
  return {
    data: current ? stored.data : null,
    pending,
    message: current ? stored.message : null,
  };
}
