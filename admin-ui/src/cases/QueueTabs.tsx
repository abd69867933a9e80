import Badge from '@mui/material/Badge';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { QUEUES, type Queue, type QueueCount } from '@layanan/contracts';
import { useListContext, useTranslate } from 'react-admin';
import { useQueueCounts } from '../common/useQueueCounts';

export type { Queue };

export const BADGE_COLOUR: Partial<Record<Queue, 'error' | 'warning'>> = { overdue: 'error', 'due-soon': 'warning' };

/**
 * A queue's badge: the exact count, or "1000+" (titled "lebih dari 1000") when the API stopped
 * counting at its cap, never a capped count dressed as a total; nothing for an empty queue.
 */
export function QueueBadge({
  count,
  queue,
  testId,
  offset = 0,
  children,
}: {
  count: QueueCount | undefined;
  queue: Queue;
  testId: string;
  /** How far right of its label the badge sits (px). */
  offset?: number;
  children: React.ReactNode;
}) {
  const translate = useTranslate();
  const content = count ? (
    <span data-testid={testId} title={count.capped ? translate('lt.queue.more_than', { count: count.count }) : undefined}>
      {count.capped ? translate('lt.queue.capped_badge', { count: count.count }) : count.count}
    </span>
  ) : null;
  return (
    <Badge
      color={BADGE_COLOUR[queue] ?? 'primary'}
      badgeContent={content}
      invisible={!count?.count}
      sx={offset ? { '& .MuiBadge-badge': { right: -offset } } : undefined}
    >
      {children}
    </Badge>
  );
}

/** The queues this user works (as the API lists them, in its order) as tabs over the case list; switching keeps the other filters. */
export function QueueTabs() {
  const translate = useTranslate();
  const { setFilters, ...list } = useListContext();
  // react-admin types a list's filter state as `any`.
  const filterValues = list.filterValues as Record<string, unknown>;
  const displayedFilters = list.displayedFilters as Record<string, boolean>;
  const counts = useQueueCounts();
  const queues = counts?.queues ?? [];
  const queue = filterValues.queue;
  const current =
    typeof queue === 'string' && (QUEUES as readonly string[]).includes(queue) && queues.some((q) => q.queue === queue) ? queue : false;
  return (
    <Tabs
      value={current}
      onChange={(_e, value: Queue) => setFilters({ ...filterValues, queue: value }, displayedFilters)}
      variant="scrollable"
      scrollButtons="auto"
      aria-label={translate('lt.menu.queues')}
      sx={{ borderBottom: 1, borderColor: 'divider', mb: 1 }}
    >
      {queues.map((count) => (
        <Tab
          key={count.queue}
          value={count.queue}
          data-testid={`queue-tab-${count.queue}`}
          label={
            <QueueBadge count={count} queue={count.queue} testId={`queue-count-${count.queue}`} offset={14}>
              <span>{translate(`lt.queue.${count.queue}`)}</span>
            </QueueBadge>
          }
          sx={{ pr: 4 }}
        />
      ))}
    </Tabs>
  );
}
