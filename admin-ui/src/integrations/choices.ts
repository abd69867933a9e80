import { API_KEY_SCOPES, WEBHOOK_EVENT_TYPES } from '@layanan/contracts';

// i18n keys may not contain dots inside a segment: `case.submitted` -> `case_submitted`.
export const eventTypeKey = (type: string): string => `lt.integrations.event.${type.replace('.', '_')}`;
export const eventTypeChoices = WEBHOOK_EVENT_TYPES.map((id) => ({ id, name: eventTypeKey(id) }));
export const scopeKey = (scope: string): string => `lt.integrations.scope.${scope.replace(':', '_')}`;
export const scopeChoices = API_KEY_SCOPES.map((id) => ({ id, name: scopeKey(id) }));
