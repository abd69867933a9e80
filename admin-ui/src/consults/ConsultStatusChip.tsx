import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { ConsultStatus, ConsultView } from '@layanan/contracts';
import { useLocale, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/format';

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

/**
 * The follow-up job's step on a consult: "Dieskalasi" once escalated to the consulted OPD's head
 * (one working day late), else "Diingatkan" once reminded on the deadline day; nothing before.
 */
export function ConsultFollowUpChip({ consult }: { consult: Pick<ConsultView, 'remindedAt' | 'escalatedAt'> }) {
  const translate = useTranslate();
  const locale = useLocale();
  const step = consult.escalatedAt ? 'escalated' : consult.remindedAt ? 'reminded' : null;
  const at = consult.escalatedAt ?? consult.remindedAt;
  if (!step || !at) return null;
  return (
    <Tooltip title={translate(`lt.consults.follow_up.${step}_at`, { date: formatDateTime(at, locale) })}>
      <Chip
        size="small"
        variant="outlined"
        color={step === 'escalated' ? 'error' : 'warning'}
        label={translate(`lt.consults.follow_up.${step}`)}
        data-testid="consult-follow-up"
        data-step={step}
      />
    </Tooltip>
  );
}
