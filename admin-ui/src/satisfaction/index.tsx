import { Route } from 'react-router';
import { lazyPage } from '../common/lazyPage';

const IkmPage = lazyPage(() => import('./IkmPage'));

/** The console routes of the satisfaction index (inside <CustomRoutes>). */
export const satisfactionRoutes = [<Route key="ikm" path="/reports/ikm" element={<IkmPage />} />];
