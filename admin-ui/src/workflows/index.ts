import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const WorkflowList = lazyPage(() => import('./WorkflowList'));

export const workflows: ResourceProps = { name: 'workflows', list: WorkflowList };
