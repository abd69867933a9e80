import Chip from '@mui/material/Chip';
import type { ComplaintState } from '@layanan/contracts';
import { useTranslate } from 'react-admin';

const COLOR: Record<ComplaintState, 'default' | 'info' | 'success' | 'warning'> = {
  received: 'warning',
  in_handling: 'info',
  answered: 'success',
  closed: 'default',
};

export function ComplaintStateChip({ state, overdue }: { state: ComplaintState; overdue?: boolean }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={overdue ? 'error' : COLOR[state]}
      label={`${translate(`lt.complaints.state.${state}`)}${overdue ? ` · ${translate('lt.complaints.overdue')}` : ''}`}
      data-testid="complaint-state"
    />
  );
}
