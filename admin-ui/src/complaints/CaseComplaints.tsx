// On the case page: the complaints about this case, for those who may read complaints.
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useCanAccess, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { complaintsApi } from './api';
import { ComplaintStateChip } from './ComplaintStateChip';

export function CaseComplaints({ caseId }: { caseId: string }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { canAccess } = useCanAccess({ resource: 'complaints', action: 'list' });
  const list = useQuery({
    queryKey: ['complaints', 'case', caseId],
    queryFn: () => complaintsApi.ofCase(caseId),
    enabled: canAccess === true,
  });
  if (canAccess !== true) return null;
  const rows = list.data ?? [];
  return (
    <section data-testid="case-complaints">
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate('lt.complaints.case_section')}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('lt.complaints.case_none')}
        </Typography>
      ) : (
        <List dense>
          {rows.map((c) => (
            <ListItemButton
              key={c.id}
              onClick={() => void navigate(`/complaints/${c.id}/show`)}
              data-testid={`case-complaint-${c.trackingCode}`}
            >
              <ListItemText primary={c.trackingCode} secondary={c.complainantName} />
              <ComplaintStateChip state={c.state} overdue={c.overdue} />
            </ListItemButton>
          ))}
        </List>
      )}
    </section>
  );
}
