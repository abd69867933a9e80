import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, NOTIFICATION_LOCALES } from '@layanan/contracts';

export const eventChoices = Object.keys(NOTIFICATION_EVENTS).map((id) => ({ id, name: `lt.notify.event.${id}` }));
export const channelChoices = [...NOTIFICATION_CHANNELS, 'webhook'].map((id) => ({ id, name: `lt.notify.channel.${id}` }));
export const localeChoices = NOTIFICATION_LOCALES.map((id) => ({ id, name: `lt.notify.locale.${id}` }));
