import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const ComplaintList = lazyPage(() => import('./ComplaintList'));
export const ComplaintShow = lazyPage(() => import('./ComplaintShow'));
export { CaseComplaints } from './CaseComplaints';

/** Pengaduan: the OPD complaint officer's queue and one complaint with its steps. */
export const complaints: ResourceProps = {
  name: 'complaints',
  list: ComplaintList,
  show: ComplaintShow,
  recordRepresentation: 'trackingCode',
};
