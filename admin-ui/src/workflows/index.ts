import type { ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export const WorkflowList = lazyPage(() => import('./WorkflowList'));
export const WorkflowDesigner = lazyPage(() => import('./WorkflowDesigner'));

export const workflows: ResourceProps = { name: 'workflows', list: WorkflowList };
/** A draft opens in the designer at /workflow-drafts/:id. */
export const workflowDrafts: ResourceProps = { name: 'workflow-drafts', edit: WorkflowDesigner };
