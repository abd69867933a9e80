import { useState } from 'react';
import { useNotifyError } from './errors';

/** A button's action: `busy` while it runs (to disable the button), its failure notified by code. */
export function useBusyAction(): { busy: boolean; run: (action: () => Promise<void>) => Promise<void> } {
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
