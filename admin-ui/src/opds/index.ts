import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const OpdList = lazyPage(() => import('./OpdList'));
export const OpdEdit = lazyPage(() => import('./OpdEdit'));
export const OpdCreate = lazyPage(() => import('./OpdCreate'));

export const opds: ResourceProps = {
  name: 'opds',
  list: OpdList,
  edit: OpdEdit,
  create: OpdCreate,
  recordRepresentation: 'name',
};
