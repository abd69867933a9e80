import fs from 'node:fs';
import { WorkingCalendarService } from '../../api/src/holidays/working-calendar.service';
import { createTestApp } from '../support/test-app';

// e2e runs leave no lt-e2e-data-* folder in the temp dir: not after close, not when the app
// under test fails to start.
describe('test support: createTestApp cleans up after itself', () => {
  const made = () => jest.spyOn(fs, 'mkdtempSync');
  afterEach(() => jest.restoreAllMocks());

  it('removes its data folder at close', async () => {
    const spy = made();
    const t = await createTestApp();
    const dir = String(spy.mock.results.find((r) => String(r.value).includes('lt-e2e-data-'))?.value);
    expect(fs.existsSync(dir)).toBe(true);
    await t.close();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('removes its data folder and restores the environment when the app fails in its start-up hooks', async () => {
    const spy = made();
    expect(process.env.LT_TEST_MARKER).toBeUndefined();
    await expect(
      createTestApp({
        env: { LT_TEST_MARKER: 'set by the test' },
        override: (b) =>
          b.overrideProvider(WorkingCalendarService).useValue({
            onModuleInit: () => {
              throw new Error('boom at start-up');
            },
          }),
      }),
    ).rejects.toThrow('boom at start-up');
    const dir = String(spy.mock.results.find((r) => String(r.value).includes('lt-e2e-data-'))?.value);
    expect(dir).toContain('lt-e2e-data-');
    expect(fs.existsSync(dir)).toBe(false);
    expect(process.env.LT_TEST_MARKER).toBeUndefined();
  });
});
