import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

/** Integration partners (webhook subscribers) with their API keys: admin only. */
export const webhookSubscribers: ResourceProps = {
  name: 'webhook-subscribers',
  list: lazyPage(() => import('./SubscriberList')),
  create: lazyPage(() => import('./SubscriberCreate')),
  edit: lazyPage(() => import('./SubscriberEdit')),
  recordRepresentation: 'name',
};
