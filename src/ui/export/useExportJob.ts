import { useState } from 'react';

export type Note = { readonly kind: 'ok' | 'error'; readonly text: string } | null;

/** Runs `job` as the panel's one job at a time, named `what`; its result (or failure) becomes the note. */
export type Act = (what: string, job: () => Promise<string>) => Promise<void>;

/** The export panel's job in progress (`busy`: its name) and the note the last one left. */
export function useExportJob() {
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<Note>(null);

  const act: Act = async (what, job) => {
    setBusy(what);
    setNote(null);
    try {
      setNote({ kind: 'ok', text: await job() });
    } catch (e) {
      setNote({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  return { busy, note, setNote, act };
}
