import { useEffect, useState } from 'react';

/** Loads a PDF blob and keeps it as an object URL while mounted (revoked afterwards). */
export function usePdfUrl(load: (() => Promise<Blob>) | null, deps: readonly unknown[]): { url: string | null; error: unknown } {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!load) return undefined;
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setError(null);
    load()
      .then((b) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(b.type ? b : new Blob([b], { type: 'application/pdf' }));
        setUrl(objectUrl);
      })
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // The loader is re-created each render; deps say when to load again.
  }, deps);
  return { url, error };
}

/** Saves a blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
