// One consult from the queue: the card (answer form for the consulted OPD) and, while the
// caller may read the case, a link to it.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ConsultView } from '@layanan/contracts';
import { Loading, ShowBase, Title, useRefresh, useShowContext, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { ConsultCard } from './ConsultCard';

function Content() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { record, isPending } = useShowContext<ConsultView>();
  if (isPending || !record) return <Loading />;
  return (
    <Box sx={{ p: 2, maxWidth: 900 }}>
      <Title title={`${translate('resources.consults.name', { smart_count: 1 })} ${record.trackingCode}`} />
      {(record.status === 'open' || record.canWithdraw) && (
        <Button component={Link} to={`/cases/${record.caseId}/show`} sx={{ mb: 1 }} data-testid="consult-open-case">
          {translate('lt.consults.open_case')} {record.trackingCode}
        </Button>
      )}
      <ConsultCard consult={record} onChanged={() => refresh()} />
    </Box>
  );
}

export default function ConsultShow() {
  return (
    <ShowBase resource="consults">
      <Content />
    </ShowBase>
  );
}
