import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const ServiceList = lazyPage(() => import('./ServiceList'));
export const ServiceEdit = lazyPage(() => import('./ServiceEdit'));
export const ServiceCreate = lazyPage(() => import('./ServiceCreate'));

export const services: ResourceProps = {
  name: 'services',
  list: ServiceList,
  edit: ServiceEdit,
  create: ServiceCreate,
  recordRepresentation: 'name',
};
