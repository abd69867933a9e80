import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export { NotificationBell } from './NotificationBell';

export const deliveries: ResourceProps = {
  name: 'deliveries',
  list: lazyPage(() => import('./DeliveryList')),
};

export const notificationTemplates: ResourceProps = {
  name: 'notification-templates',
  list: lazyPage(() => import('./TemplateList')),
  edit: lazyPage(() => import('./TemplateEdit')),
};
export { NotificationConsentInput } from './NotificationConsentInput';
export { DeliveryCaseField, DeliveryErrorField, RetryButton, StatusChip } from './DeliveryFields';
