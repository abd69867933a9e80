import { loadAppConfig } from './index';

describe('app config booleans', () => {
  const load = (env: Record<string, string>) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return loadAppConfig();
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  };

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['YES', true],
  ])('DEMO_MODE=%s is %s', (raw, expected) => {
    expect(load({ DEMO_MODE: raw }).demoMode).toBe(expected);
  });

  it('refuses a value that is not a boolean, naming the variable', () => {
    expect(() => load({ DEMO_MODE: 'maybe' })).toThrow(/DEMO_MODE/);
  });
});
