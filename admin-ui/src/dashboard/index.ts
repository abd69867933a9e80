import { lazyPage } from '../common/lazyPage';

export const DashboardPage = lazyPage(() => import('./Dashboard'));
