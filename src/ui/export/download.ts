/**
 * The one way the app saves a file: an object URL, a click on a temporary `<a download>`, the URL revoked
 * once the browser has taken the file. Everything stays on this machine: nothing is uploaded.
 */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download starts asynchronously; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Bytes from the worker as a download. */
export function downloadBytes(name: string, bytes: Uint8Array, mime: string): void {
  download(name, new Blob([bytes as BlobPart], { type: mime }));
}
