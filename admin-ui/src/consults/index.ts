import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const ConsultList = lazyPage(() => import('./ConsultList'));
export const ConsultShow = lazyPage(() => import('./ConsultShow'));
export { CaseConsults } from './CaseConsults';
export { ConsultReportSection } from './ConsultReportSection';

/** Permintaan pertimbangan teknis: the consulted and the asking OPD's queue, one consult. */
export const consults: ResourceProps = {
  name: 'consults',
  list: ConsultList,
  show: ConsultShow,
  recordRepresentation: 'trackingCode',
};
