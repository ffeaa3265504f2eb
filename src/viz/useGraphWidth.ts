import { useEffect, useState, type RefObject } from 'react';

/** Width of the graph's canvas column (`.graph-main` inside `root`), following the container: 720 until measured, at least 320. */
export function useGraphWidth(root: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const el = root.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const w = el.querySelector('.graph-main')?.clientWidth ?? 720;
      setWidth(Math.max(320, Math.floor(w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [root]);
  return width;
}
