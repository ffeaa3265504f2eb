import { useLayoutEffect, useRef, type FocusEvent } from 'react';

const isDisabled = (el: Element) => (el as HTMLButtonElement).disabled === true;

/**
 * Keeps keyboard focus in a group of buttons when the focused one is disabled (Train as a run starts, Pause
 * and Stop as it ends): the browser would drop it to `<body>`, sending a keyboard user back to the top of the
 * page. Focus moves to the group's first enabled button, or to the group itself (give it `tabIndex={-1}`)
 * until one is enabled again. Only while focus is in the group: focus the user took elsewhere stays there.
 * Spread the returned props on the group's element.
 */
export function useKeepFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  // Focus is in the group, or was until the browser dropped it from a button just disabled.
  const holds = useRef(false);
  // Focus waits on the group itself, put there because no button was enabled.
  const parked = useRef(false);

  // After every render: a button's `disabled` changes only when its owner renders.
  useLayoutEffect(() => {
    const group = ref.current;
    const active = document.activeElement;
    if (!group || !holds.current) return;
    const dropped =
      active === null || active === document.body || (group.contains(active) && isDisabled(active));
    if (!dropped && !(parked.current && active === group)) return;
    const next = group.querySelector<HTMLElement>('button:not(:disabled)') ?? group;
    parked.current = next === group;
    if (next !== active) next.focus();
  });

  return {
    ref,
    onFocus: () => {
      holds.current = true;
    },
    onBlur: (e: FocusEvent<T>) => {
      const to = e.relatedTarget;
      // Leaving for another element, or for nowhere from an enabled one (a click on the page): let go. A
      // button blurred because it was disabled keeps the hold.
      if (to instanceof Node ? !e.currentTarget.contains(to) : !isDisabled(e.target)) holds.current = false;
    },
  };
}
