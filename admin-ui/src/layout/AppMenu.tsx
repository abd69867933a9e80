import Divider from '@mui/material/Divider';
import AddCircleIcon from '@mui/icons-material/AddCircle';
import AlarmIcon from '@mui/icons-material/Alarm';
import AssessmentIcon from '@mui/icons-material/Assessment';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GroupsIcon from '@mui/icons-material/Groups';
import InboxIcon from '@mui/icons-material/Inbox';
import ListAltIcon from '@mui/icons-material/ListAlt';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import ScheduleIcon from '@mui/icons-material/Schedule';
import BeachAccessIcon from '@mui/icons-material/BeachAccess';
import SupervisorAccountIcon from '@mui/icons-material/SupervisorAccount';
import { Menu, useCanAccess, useTranslate } from 'react-admin';
import { queueUrl } from '../common/queueUrl';
import { useQueueCounts } from '../common/useQueueCounts';
import { QueueBadge, type Queue } from '../cases/QueueTabs';

const QUEUE_ICONS: Record<Queue, React.ReactElement> = {
  waiting: <FactCheckIcon />,
  mine: <InboxIcon />,
  unassigned: <MoveToInboxIcon />,
  opd: <GroupsIcon />,
  overdue: <AlarmIcon />,
  'due-soon': <ScheduleIcon />,
  all: <ListAltIcon />,
};

export function AppMenu() {
  const translate = useTranslate();
  const { canAccess: canReadCases } = useCanAccess({ resource: 'cases', action: 'list' });
  const { canAccess: canCreateCase } = useCanAccess({ resource: 'cases', action: 'create' });
  const { canAccess: canReports } = useCanAccess({ resource: 'reports', action: 'list' });
  const { canAccess: canAssign } = useCanAccess({ resource: 'cases', action: 'assign' });
  const counts = useQueueCounts(canReadCases === true);
  return (
    <Menu>
      {canReports && (
        <Menu.Item to="/reports" primaryText={translate('lt.menu.reports')} leftIcon={<AssessmentIcon />} data-testid="menu-reports" />
      )}
      {canReports && (
        <Menu.Item
          to="/reports/ikm"
          primaryText={translate('lt.satisfaction.menu')}
          leftIcon={<SentimentSatisfiedAltIcon />}
          data-testid="menu-ikm"
        />
      )}
      {canReadCases &&
        // The queues the API lists for this user, in its order: no empty inbox for roles that have none.
        counts?.queues.map((count) => (
          <Menu.Item
            key={count.queue}
            to={queueUrl(count.queue)}
            data-testid={`menu-queue-${count.queue}`}
            primaryText={translate(`lt.queue.${count.queue}`)}
            leftIcon={
              <QueueBadge count={count} queue={count.queue} testId={`menu-count-${count.queue}`}>
                {QUEUE_ICONS[count.queue]}
              </QueueBadge>
            }
          />
        ))}
      {canReadCases && (
        <Menu.Item to="/exports" primaryText={translate('lt.exports.menu')} leftIcon={<CloudDownloadIcon />} data-testid="menu-exports" />
      )}
      {canCreateCase && (
        <Menu.Item
          to="/cases/create"
          primaryText={translate('lt.menu.new_case')}
          leftIcon={<AddCircleIcon />}
          data-testid="menu-new-case"
        />
      )}
      {canReadCases && (
        <Menu.Item to="/my-leave" primaryText={translate('lt.leaves.menu')} leftIcon={<BeachAccessIcon />} data-testid="menu-my-leave" />
      )}
      {canAssign && (
        <Menu.Item to="/team" primaryText={translate('lt.leaves.team')} leftIcon={<SupervisorAccountIcon />} data-testid="menu-team" />
      )}
      <Menu.ResourceItem name="complaints" />
      <Menu.ResourceItem name="consults" />
      <Divider />
      <Menu.ResourceItem name="opds" />
      <Menu.ResourceItem name="users" />
      <Menu.ResourceItem name="appointments" />
      <Menu.ResourceItem name="services" />
      <Menu.ResourceItem name="holidays" />
      <Menu.ResourceItem name="workflows" />
      <Menu.ResourceItem name="signatories" />
      <Menu.ResourceItem name="notification-templates" />
      <Menu.ResourceItem name="deliveries" />
      <Menu.ResourceItem name="webhook-subscribers" />
    </Menu>
  );
}
