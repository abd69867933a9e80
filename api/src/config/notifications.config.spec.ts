import { loadNotificationsConfig } from './notifications.config';

describe('webhook throttling config', () => {
  it('defaults to obeying a Retry-After of up to an hour and suspending after an hour of throttling', () => {
    const c = loadNotificationsConfig({});
    expect(c.maxRetryAfterSeconds).toBe(3600);
    expect(c.throttleSuspendSeconds).toBe(3600);
  });

  it('reads both from the environment', () => {
    const c = loadNotificationsConfig({ WEBHOOK_MAX_RETRY_AFTER_SECONDS: '120', WEBHOOK_THROTTLE_SUSPEND_SECONDS: '7200' });
    expect(c).toMatchObject({ maxRetryAfterSeconds: 120, throttleSuspendSeconds: 7200 });
  });

  it.each([
    ['WEBHOOK_MAX_RETRY_AFTER_SECONDS', '0'],
    ['WEBHOOK_MAX_RETRY_AFTER_SECONDS', '86401'],
    ['WEBHOOK_MAX_RETRY_AFTER_SECONDS', 'soon'],
    ['WEBHOOK_THROTTLE_SUSPEND_SECONDS', '59'],
  ])('refuses %s=%s, naming the variable', (name, raw) => {
    expect(() => loadNotificationsConfig({ [name]: raw })).toThrow(new RegExp(name));
  });
});
