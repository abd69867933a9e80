import { useQuery } from '@tanstack/react-query';
import type { QueueCounts } from '@layanan/contracts';
import { useDataProvider } from 'react-admin';
import type { LayananDataProvider } from '../providers/dataProvider';

/** The user's queues, their counts and where they land; react-admin's refresh() invalidates this query with the others. */
export function useQueueCounts(enabled = true): QueueCounts | undefined {
  const dataProvider = useDataProvider<LayananDataProvider>();
  const { data } = useQuery({
    queryKey: ['cases', 'queueCounts'],
    queryFn: () => dataProvider.queueCounts(),
    enabled,
    refetchInterval: 60_000,
  });
  return data;
}
