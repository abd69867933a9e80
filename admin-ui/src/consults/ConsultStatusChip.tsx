import Chip from '@mui/material/Chip';
import type { ConsultStatus } from '@layanan/contracts';
import { useTranslate } from 'react-admin';

const COLOR = { open: 'info', answered: 'success', withdrawn: 'default', overdue: 'error' } as const;

/** Open / answered / withdrawn, and "overdue" for an open consult past its deadline (red, never another status's colour). */
export function ConsultStatusChip({ status, overdue }: { status: ConsultStatus; overdue: boolean }) {
  const translate = useTranslate();
  const shown = status === 'open' && overdue ? 'overdue' : status;
  return (
    <Chip
      size="small"
      color={COLOR[shown]}
      label={translate(`lt.consults.status.${shown}`)}
      data-testid="consult-status"
      data-status={shown}
    />
  );
}
