import { lazyPage } from '../common/lazyPage';

export const ReportsPage = lazyPage(() => import('./ReportsPage'));
