import { lazyPage } from '../common/lazyPage';

export { LeavePanel } from './LeavePanel';
export { ReassignButton } from './ReassignButton';
export { SuggestedAssigneeSelect } from './SuggestedAssigneeSelect';

/** "Cuti saya" (route /my-leave). */
export const MyLeavePage = lazyPage(() => import('./MyLeavePage'));

/** "Tim & Cuti" for the section head (route /team). */
export const TeamPage = lazyPage(() => import('./TeamPage'));
