import Badge from '@mui/material/Badge';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useListContext, useTranslate } from 'react-admin';
import { useQueueCounts } from '../common/useQueueCounts';
import type { QueueCounts } from '../providers/dataProvider';

export const QUEUES = ['mine', 'unassigned', 'opd', 'overdue', 'due-soon'] as const;
export type Queue = (typeof QUEUES)[number];

const COUNT_KEY: Record<Queue, keyof QueueCounts> = {
  mine: 'mine',
  unassigned: 'unassigned',
  opd: 'opd',
  overdue: 'overdue',
  'due-soon': 'dueSoon',
};

export function queueCount(counts: QueueCounts | undefined, queue: Queue): number | undefined {
  return counts?.[COUNT_KEY[queue]];
}

/** The queues as tabs over the case list; switching keeps the other filters. */
export function QueueTabs() {
  const translate = useTranslate();
  const { setFilters, ...list } = useListContext();
  // react-admin types a list's filter state as `any`.
  const filterValues = list.filterValues as Record<string, unknown>;
  const displayedFilters = list.displayedFilters as Record<string, boolean>;
  const counts = useQueueCounts();
  const queue = filterValues.queue;
  const current = typeof queue === 'string' && (QUEUES as readonly string[]).includes(queue) ? queue : false;
  return (
    <Tabs
      value={current}
      onChange={(_e, value: Queue) => setFilters({ ...filterValues, queue: value }, displayedFilters)}
      variant="scrollable"
      scrollButtons="auto"
      aria-label={translate('lt.menu.queues')}
      sx={{ borderBottom: 1, borderColor: 'divider', mb: 1 }}
    >
      {QUEUES.map((queue) => (
        <Tab
          key={queue}
          value={queue}
          data-testid={`queue-tab-${queue}`}
          label={
            <Badge
              color={queue === 'overdue' ? 'error' : queue === 'due-soon' ? 'warning' : 'primary'}
              badgeContent={queueCount(counts, queue)}
              max={9999}
              showZero={false}
              sx={{ '& .MuiBadge-badge': { right: -14 } }}
            >
              <span>{translate(`lt.queue.${queue}`)}</span>
            </Badge>
          }
          sx={{ pr: 4 }}
        />
      ))}
    </Tabs>
  );
}
