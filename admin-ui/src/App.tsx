import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Navigate, Route } from 'react-router';
import { appointments } from './appointments';
import { cases } from './cases';
import { complaints } from './complaints';
import { consults } from './consults';
import { holidays } from './holidays';
import { webhookSubscribers } from './integrations';
import { issuanceRoutes, signatories } from './issuance';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './layout/LoginPage';
import { MyLeavePage, TeamPage } from './leaves';
import { deliveries, notificationTemplates } from './notifications';
import { opds } from './opds';
import { MyExportsPage, ReportsPage } from './reports';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { satisfactionRoutes } from './satisfaction';
import { services } from './services';
import { users } from './users';
import { workflowDrafts, workflows } from './workflows';
import { theme } from './theme';

// Composition only. Without a dashboard, react-admin lands on the first resource the
// user may list: the case queues for case workers, OPD administration for the admin.
export function App() {
  return (
    <Admin
      disableTelemetry
      title="Layanan Terpadu"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={AppLayout}
      theme={theme}
      requireAuth
    >
      <Resource {...cases} />
      <Resource {...complaints} />
      <Resource {...consults} />
      <Resource {...opds} />
      <Resource {...users} />
      <Resource {...appointments} />
      <Resource {...services} />
      <Resource {...holidays} />
      <Resource {...workflows} />
      <Resource {...workflowDrafts} />
      <Resource {...signatories} />
      <Resource {...notificationTemplates} />
      <Resource {...deliveries} />
      <Resource {...webhookSubscribers} />
      <CustomRoutes>
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/exports" element={<MyExportsPage />} />
        <Route path="/my-leave" element={<MyLeavePage />} />
        <Route path="/team" element={<TeamPage />} />
        <Route path="/dashboard" element={<Navigate to="/reports" replace />} />
        {issuanceRoutes}
        {satisfactionRoutes}
      </CustomRoutes>
    </Admin>
  );
}
