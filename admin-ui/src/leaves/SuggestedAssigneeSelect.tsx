import MuiTextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { AssigneeSuggestion } from '@layanan/contracts';
import { useTranslate } from 'react-admin';
import { leavesApi } from './api';

/**
 * The assign dialog's choice: the API's suggestions for the case (present users who can take its
 * step, least loaded by SLA risk first), each with its load; the suggested one is preselected.
 * `fallback` is shown when the caller may not ask (e.g. no right to assign).
 */
export function SuggestedAssigneeSelect({
  caseId,
  value,
  onChange,
  fallback,
}: {
  caseId: string;
  value: string;
  onChange: (v: string) => void;
  fallback: React.ReactNode;
}) {
  const translate = useTranslate();
  const [list, setList] = useState<AssigneeSuggestion[] | null | 'unavailable'>(null);
  useEffect(() => {
    let live = true;
    leavesApi.suggestions(caseId).then(
      (s) => {
        if (!live) return;
        setList(s);
        const first = s.find((x) => x.suggested);
        if (first && !value) onChange(first.userId);
      },
      () => live && setList('unavailable'),
    );
    return () => {
      live = false;
    };
    // Loaded once per case; `value` and `onChange` only preselect.
  }, [caseId]);
  if (list === 'unavailable') return <>{fallback}</>;
  return (
    <MuiTextField
      select
      required
      fullWidth
      margin="normal"
      label={translate('lt.action_field.assigneeId')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'action-input-assigneeId' }, inputLabel: { shrink: true } }}
    >
      <option value="" />
      {(list ?? []).map((s) => (
        <option key={s.userId} value={s.userId} data-testid={`suggestion-${s.userId}`}>
          {`${s.fullName}${s.suggested ? ` (${translate('lt.leaves.suggested')})` : ''} · ${translate('lt.leaves.load', {
            load: s.load,
            open: s.openCases,
            overdue: s.overdueCases,
          })}`}
        </option>
      ))}
    </MuiTextField>
  );
}
