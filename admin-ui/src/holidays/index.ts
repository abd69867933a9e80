import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const HolidayList = lazyPage(() => import('./HolidayList'));
export const HolidayCreate = lazyPage(() => import('./HolidayCreate'));
export const HolidayEdit = lazyPage(() => import('./HolidayEdit'));

export const holidays: ResourceProps = {
  name: 'holidays',
  list: HolidayList,
  create: HolidayCreate,
  edit: HolidayEdit,
  recordRepresentation: 'name',
};
