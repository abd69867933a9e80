import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** One titled block of a partner's page. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}
