import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { FileSweepService } from '../../api/src/files/file-sweep.service';
import { StoredFilesService } from '../../api/src/files/stored-files.service';
import { demoPdf } from '../../api/src/seed/demo-documents';
import { createTestApp, TestApp } from '../support/test-app';
import { counterCase, demoSeed } from '../support/session';

// What a process killed between writing a file and committing its transaction leaves behind,
// and how the sweep settles it (the kill -9 test in test/faults does it with real processes).
describe('stored files: announced before written, settled by the sweep', () => {
  let t: TestApp;
  const onDisk = (store: string, key: string) =>
    existsSync(path.join(process.env.DATA_DIR as string, store, key.slice(0, 2), key.slice(2, 4), key));

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed() });
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves no pending row after a committed intake, and none after a failed one', async () => {
    await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const files = t.app.get(StoredFilesService);
    await expect(
      files.withStoredFiles(async (store) => {
        await store(demoPdf('a'));
        throw new Error('transaction failed');
      }),
    ).rejects.toThrow('transaction failed');
    const [{ n }]: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM pending_files`);
    expect(n).toBe(0);
  });

  it('deletes a stale unreferenced file, keeps a stale referenced one, and leaves recent ones alone', async () => {
    const files = t.app.get(StoredFilesService);
    const orphan = randomUUID();
    const recent = randomUUID();
    await files.storage('uploads').put(orphan, demoPdf('orphan'));
    await files.storage('issued').put(recent, demoPdf('recent'));
    const [doc]: { storage_key: string }[] = await t.db.query(`SELECT storage_key FROM case_documents LIMIT 1`);
    // As a process killed mid-request leaves them: announced, bytes written, never settled.
    await t.db.query(
      `INSERT INTO pending_files (store, storage_key, created_at) VALUES
         ('uploads', $1, now() - interval '1 hour'), ('uploads', $2, now() - interval '1 hour'), ('issued', $3, now())`,
      [orphan, doc.storage_key, recent],
    );
    const result = await t.app.get(FileSweepService).sweep();
    expect(result).toEqual({ deleted: 1, kept: 1 });
    expect(onDisk('uploads', orphan)).toBe(false);
    expect(onDisk('uploads', doc.storage_key)).toBe(true);
    expect(onDisk('issued', recent)).toBe(true);
    const rows: { storage_key: string }[] = await t.db.query(`SELECT storage_key FROM pending_files`);
    expect(rows.map((r) => r.storage_key)).toEqual([recent]);
  });
});
