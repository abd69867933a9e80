import type { ResourceProps } from 'react-admin';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { lazyPage } from '../common/lazyPage';

export { ActingBadge, ActingBanner } from './ActingBanner';

/** Plh./Plt. appointments: the admin for every OPD, the head of an OPD for its own positions. */
export const appointments: ResourceProps = {
  name: 'appointments',
  list: lazyPage(() => import('./AppointmentList')),
  create: lazyPage(() => import('./AppointmentCreate')),
  icon: AssignmentIndIcon,
  recordRepresentation: 'capacity',
};
