import { lazyPage } from '../common/lazyPage';

export const ReportsPage = lazyPage(() => import('./ReportsPage'));
export const MyExportsPage = lazyPage(() => import('./MyExports'));
