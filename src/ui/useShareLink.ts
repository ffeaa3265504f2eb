import { useEffect, useRef, useState } from 'react';
import {
  isDefaultExperiment,
  parseExperiment,
  serializeExperiment,
  type Experiment,
} from '../state/experiment';

export interface ShareLink {
  /** Messages about the link that was opened (fields that fell back to defaults, a newer version, …). */
  readonly warnings: readonly string[];
  /** True once the opening link has been read and applied (or there was none). */
  readonly ready: boolean;
  /** Whether the page was opened from a link that holds an experiment (not from an unreadable one). */
  readonly openedFromLink: boolean;
}

/**
 * The URL fragment is the source of truth for the experiment: on load and on back/forward the fragment is
 * parsed and `apply` called; every committed change of `current` writes one history entry (from this one
 * effect only). Hover and other transient state never reach the URL.
 */
export function useShareLink(current: Experiment, apply: (e: Experiment) => void): ShareLink {
  const [state, setState] = useState<ShareLink>({ warnings: [], ready: false, openedFromLink: false });
  const applyRef = useRef(apply);
  const lastWritten = useRef<string | null>(null);

  useEffect(() => {
    applyRef.current = apply;
  });

  useEffect(() => {
    let alive = true;
    const read = async (initial: boolean) => {
      const hash = window.location.hash;
      const { experiment, warnings, broken } = await parseExperiment(hash);
      if (!alive) return;
      lastWritten.current = hash;
      applyRef.current(experiment);
      setState((s) => ({
        warnings,
        ready: true,
        openedFromLink: initial ? hash.length > 1 && !broken : s.openedFromLink,
      }));
    };
    void read(true);
    const onPop = () => void read(false);
    window.addEventListener('popstate', onPop);
    return () => {
      alive = false;
      window.removeEventListener('popstate', onPop);
    };
  }, []);

  useEffect(() => {
    if (!state.ready) return;
    let alive = true;
    // The default experiment is the bare URL; anything else is one history entry per committed change.
    const next = isDefaultExperiment(current) ? Promise.resolve('') : serializeExperiment(current);
    void next.then((hash) => {
      if (!alive || hash === (lastWritten.current ?? '').replace(/^#$/, '')) return;
      const url = `${window.location.pathname}${window.location.search}${hash}`;
      if (lastWritten.current === null) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      lastWritten.current = hash;
    });
    return () => {
      alive = false;
    };
  }, [current, state.ready]);

  return state;
}
