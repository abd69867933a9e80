import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const UserList = lazyPage(() => import('./UserList'));
export const UserEdit = lazyPage(() => import('./UserEdit'));
export const UserCreate = lazyPage(() => import('./UserCreate'));

export const users: ResourceProps = {
  name: 'users',
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  recordRepresentation: 'fullName',
};
