import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const CaseList = lazyPage(() => import('./CaseList'));
export const CaseShow = lazyPage(() => import('./CaseShow'));
export const CaseCreate = lazyPage(() => import('./CaseCreate'));

export const cases: ResourceProps = {
  name: 'cases',
  list: CaseList,
  show: CaseShow,
  create: CaseCreate,
  recordRepresentation: 'trackingCode',
};
