import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { useAbility } from '../common/useAbility';
import type { LayananDataProvider } from '../providers/dataProvider';
import { WorkflowDiagram, type CaseTrail } from './WorkflowDiagram';
import { useWorkflowVersions } from './useWorkflowVersions';

/**
 * The case's workflow diagram: the current state highlighted, the states and moves taken so far.
 * Steps and moves by their labels only; whoever may edit workflows finds a step's key in its tooltip.
 */
export default function CaseDiagram({
  caseId,
  workflowKey,
  workflowVersion,
  state,
}: {
  caseId: string;
  workflowKey: string;
  workflowVersion: number;
  state: string;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const { byId } = useWorkflowVersions();
  const designer = useAbility()?.can('update', 'Workflow') ?? false;
  const version = byId.get(`${workflowKey}@${workflowVersion}`);
  // The same query as the timeline, so the log is fetched once.
  const events = useQuery({ queryKey: ['cases', caseId, 'events'], queryFn: () => dataProvider.caseEvents(caseId) });
  const trail: CaseTrail = useMemo(() => {
    const visits: Record<string, number> = {};
    const moves = new Set<string>();
    for (const e of events.data ?? []) {
      if (!e.toState || e.toState === e.fromState) continue;
      visits[e.toState] = (visits[e.toState] ?? 0) + 1;
      if (e.fromState) moves.add(`${e.fromState}>${e.toState}`);
    }
    if (!visits[state]) visits[state] = 1;
    return { current: state, visits, moves };
  }, [events.data, state]);
  if (!version) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="case-diagram">
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          {translate('lt.designer.case_diagram.title')}
        </Typography>
        <WorkflowDiagram
          definition={version.definition}
          layout={version.layout}
          trail={trail}
          height={340}
          keys={designer ? 'tooltip' : 'hidden'}
        />
      </CardContent>
    </Card>
  );
}
