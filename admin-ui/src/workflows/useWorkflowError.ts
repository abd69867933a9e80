import { HttpError, useNotify } from 'react-admin';

const KNOWN = ['WORKFLOW_INVALID', 'DRAFT_STALE', 'DUPLICATE', 'RULE_VIOLATED'];

/** Shows a workflow API error by its code, translated; never the API's English message. */
export function useWorkflowError(): (e: unknown) => void {
  const notify = useNotify();
  return (e: unknown) => {
    const code = e instanceof HttpError ? (e.body as { code?: string } | undefined)?.code : undefined;
    notify(code && KNOWN.includes(code) ? `lt.designer.errors.${code}` : 'ra.notification.http_error', { type: 'error' });
  };
}
