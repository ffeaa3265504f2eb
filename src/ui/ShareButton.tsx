import { useState } from 'react';

/** Copies the page's URL, which holds the whole experiment (see state/useShareLink). */
export function ShareButton() {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="share"
      data-testid="share"
      title="Copy a link that reproduces this experiment"
      onClick={() => {
        navigator.clipboard
          .writeText(window.location.href)
          .then(() => setCopied('done'))
          .catch(() => setCopied('failed'))
          .finally(() => setTimeout(() => setCopied('idle'), 2500));
      }}
    >
      {copied === 'done' ? 'Link copied' : copied === 'failed' ? 'Copy the address bar' : 'Share'}
    </button>
  );
}
