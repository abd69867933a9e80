// JWT login against /api/auth, identity and CASL permissions from GET /api/auth/me.
import { abilityFromPackedRules, type AppAbility, type AppAction, type AppSubjectType } from '@layanan/authz';
import type { LoginResponse, MeResponse } from '@layanan/contracts';
import type { AuthProvider } from 'react-admin';
import { toHttpError } from './dataProvider';
import { API_URL, accessToken, clearSession, loadMe, storeTokens } from './session';

/** react-admin resource -> CASL subject type. */
const SUBJECTS: Record<string, AppSubjectType> = {
  cases: 'Case',
  complaints: 'Complaint',
  consults: 'Consult',
  users: 'User',
  opds: 'Opd',
  services: 'Service',
  holidays: 'Holiday',
  workflows: 'Workflow',
  reports: 'Report',
  signatories: 'User',
  deliveries: 'Integration',
  'webhook-subscribers': 'Integration',
  'notification-templates': 'NotificationTemplate',
  appointments: 'Appointment',
};

/**
 * Every staff role may read services, OPDs and holidays (the API needs that for forms),
 * but their administration pages are for those who may change them: for these resources
 * browsing requires `update`, so the menu hides them from everyone but the admin.
 */
const ADMIN_RESOURCES = new Set([
  'users',
  'opds',
  'services',
  'holidays',
  'workflows',
  'signatories',
  'deliveries',
  'notification-templates',
  'webhook-subscribers',
]);

function caslAction(resource: string, action: string): AppAction {
  switch (action) {
    case 'list':
    case 'show':
      return ADMIN_RESOURCES.has(resource) ? 'update' : resource === 'reports' ? 'readReport' : 'read';
    case 'edit':
      return 'update';
    case 'create':
      return 'create';
    case 'delete':
      return 'manage';
    default:
      return action as AppAction;
  }
}

let ability: AppAbility | null = null;
let abilityOf: MeResponse | null = null;

/** The ability of the identity loadMe() holds now (rebuilt when it was reloaded, e.g. as an appointment starts). */
async function getAbility(): Promise<AppAbility> {
  const me = await loadMe();
  if (!ability || abilityOf !== me) {
    ability = abilityFromPackedRules(me.rules);
    abilityOf = me;
  }
  return ability;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    clearSession();
    ability = null;
    const res = await fetch(`${API_URL}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    // Wrong password, lockout, rate limit: the LoginPage shows the code's text.
    if (!res.ok) throw toHttpError(res.status, res.statusText, await res.json().catch(() => null));
    storeTokens((await res.json()) as LoginResponse);
  },

  async logout() {
    const token = accessToken();
    if (token) {
      await fetch(`${API_URL}/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
    }
    clearSession();
    ability = null;
  },

  checkAuth() {
    return accessToken() ? Promise.resolve() : Promise.reject(new Error('ra.auth.auth_check_error'));
  },

  checkError(error: { status?: number }) {
    // The http client has already tried a refresh: a 401 here means the session is over.
    if (error?.status !== 401) return Promise.resolve();
    clearSession();
    ability = null;
    return Promise.reject(new Error('ra.notification.logged_out'));
  },

  async getIdentity() {
    const me = await loadMe();
    return { id: me.id, fullName: me.fullName, username: me.username, roles: me.roles, opdId: me.opdId };
  },

  async getPermissions() {
    if (!accessToken()) return null;
    return getAbility();
  },

  async canAccess({ action, resource }) {
    if (!accessToken()) return false;
    const subject = SUBJECTS[resource];
    if (!subject) return false;
    // Type-level check: list rows lack the fields the rule conditions use; the API
    // enforces the per-record decision and offers per-case actions in availableActions.
    return (await getAbility()).can(caslAction(resource, action), subject);
  },
};
