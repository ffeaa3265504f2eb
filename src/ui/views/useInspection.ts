import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  InspectOutcome,
  InspectRequest,
  Inspection,
  SearchOutcome,
  SearchRequest,
} from '../../engine/protocol';

/** What the views need of the worker (App builds it from the comlink proxy). */
export interface InspectApi {
  inspect(request: InspectRequest): Promise<InspectOutcome>;
  searchExamples(request: SearchRequest): Promise<SearchOutcome>;
}

export interface ExampleChoice {
  readonly user: number | null;
  readonly item: number | null;
}

export interface InspectionState {
  /** The latest inspection of the run shown (null before the first, or for another run). */
  readonly data: Inspection | null;
  /** A request is on its way. */
  readonly pending: boolean;
  /** Why there is nothing to show (unavailable or failed), as a sentence. */
  readonly message: string | null;
}

interface Stored {
  readonly runId: number;
  readonly data: Inspection | null;
  readonly message: string | null;
}

/**
 * Asks the worker for the run's attention whenever `version` changes (after each epoch, at the end of
 * the run, on a new example). At most one request is in flight: triggers meanwhile collapse into one
 * follow-up with the latest arguments, so a slow inspection never queues up behind training.
 */
export function useInspection(
  api: InspectApi,
  runId: number,
  example: ExampleChoice,
  version: string,
  enabled: boolean,
): InspectionState {
  const [stored, setStored] = useState<Stored>({ runId: 0, data: null, message: null });
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);
  const queued = useRef<InspectRequest | null>(null);

  const request = useCallback(
    async (first: InspectRequest) => {
      if (inFlight.current) {
        queued.current = first;
        return;
      }
      inFlight.current = true;
      setPending(true);
      let next: InspectRequest | null = first;
      while (next) {
        const req: InspectRequest = next;
        queued.current = null;
        try {
          const out = await api.inspect(req);
          if (out.type === 'ok') setStored({ runId: req.runId, data: out, message: null });
          else {
            const message = out.type === 'error' ? `Inspection failed: ${out.message}` : out.reason;
            setStored({ runId: req.runId, data: null, message });
          }
        } catch (e) {
          setStored({ runId: req.runId, data: null, message: `Inspection failed: ${String(e)}` });
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
