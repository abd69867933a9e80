import Badge from '@mui/material/Badge';
import Divider from '@mui/material/Divider';
import AddCircleIcon from '@mui/icons-material/AddCircle';
import AlarmIcon from '@mui/icons-material/Alarm';
import AssessmentIcon from '@mui/icons-material/Assessment';
import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import GroupsIcon from '@mui/icons-material/Groups';
import InboxIcon from '@mui/icons-material/Inbox';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import { Menu, useCanAccess, useTranslate } from 'react-admin';
import { queueUrl } from '../common/queueUrl';
import { useQueueCounts } from '../common/useQueueCounts';
import { queueCount, type Queue } from '../cases/QueueTabs';

const QUEUE_ITEMS: { queue: Queue; icon: React.ReactElement }[] = [
  { queue: 'mine', icon: <InboxIcon /> },
  { queue: 'unassigned', icon: <MoveToInboxIcon /> },
  { queue: 'opd', icon: <GroupsIcon /> },
  { queue: 'overdue', icon: <AlarmIcon /> },
];

export function AppMenu() {
  const translate = useTranslate();
  const { canAccess: canReadCases } = useCanAccess({ resource: 'cases', action: 'list' });
  const { canAccess: canCreateCase } = useCanAccess({ resource: 'cases', action: 'create' });
  const { canAccess: canReports } = useCanAccess({ resource: 'reports', action: 'list' });
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
        QUEUE_ITEMS.map(({ queue, icon }) => (
          <Menu.Item
            key={queue}
            to={queueUrl(queue)}
            data-testid={`menu-queue-${queue}`}
            primaryText={translate(`lt.queue.${queue}`)}
            leftIcon={
              <Badge badgeContent={queueCount(counts, queue)} color={queue === 'overdue' ? 'error' : 'primary'} max={999}>
                {icon}
              </Badge>
            }
          />
        ))}
      {canCreateCase && (
        <Menu.Item
          to="/cases/create"
          primaryText={translate('lt.menu.new_case')}
          leftIcon={<AddCircleIcon />}
          data-testid="menu-new-case"
        />
      )}
      <Menu.ResourceItem name="complaints" />
      <Divider />
      <Menu.ResourceItem name="opds" />
      <Menu.ResourceItem name="users" />
      <Menu.ResourceItem name="services" />
      <Menu.ResourceItem name="holidays" />
      <Menu.ResourceItem name="workflows" />
      <Menu.ResourceItem name="signatories" />
      <Menu.ResourceItem name="notification-templates" />
      <Menu.ResourceItem name="deliveries" />
    </Menu>
  );
}
