// Search by exact NIK: GET /api/cases with filter q = a 16-digit NIK, as a staff user of the
// case's OPD, against the API's own statement run raw (the permission filter and the blind-index
// lookup `applicant_nik_bidx = HMAC(NIK)`). NIKs are stored encrypted: the sample's NIKs are
// decrypted with the bench's keyring, as an officer would type them.
import { defineAbilityFor } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';
import type { Pool, PoolClient } from 'pg';
import { buildCaseListQuery } from '../api/src/cases/case-list.query';
import { casePageSql } from '../api/src/cases/case.repository';
import { statementName } from '../api/src/common/database/prepared';
import { PiiCipher } from '../api/src/privacy/pii-cipher';
import { runApi, runWorkers, type RunStats } from './measure';

interface Searcher {
  user: AuthUser;
  token: string;
}

export interface NikSearchFigures {
  api: RunStats;
  raw: RunStats;
  sample: number;
}

export async function measureNikSearch(
  pool: Pool,
  base: string,
  clients: PoolClient[],
  staffByOpd: Map<string, Searcher[]>,
  measure: (...runs: ((seconds: number) => Promise<RunStats>)[]) => Promise<RunStats[]>,
  say: (msg: string) => void,
): Promise<NikSearchFigures> {
  const pii = PiiCipher.fromEnv();
  const found = (
    await pool.query<{ id: string; opd_id: string; nik: string }>(
      `SELECT id, opd_id, applicant_nik_enc AS nik FROM cases WHERE opd_id = ANY($1::uuid[]) ORDER BY random() LIMIT 2000`,
      [[...staffByOpd.keys()]],
    )
  ).rows;
  const spec = (nik: string) => ({ filter: { q: nik }, sort: null, offset: 0, limit: 25 });
  const nikIndex = (nik: string) => pii.nikIndex(nik);
  const sample = found.map((c) => {
    const nik = pii.decrypt('nik', c.nik);
    const staff = staffByOpd.get(c.opd_id) ?? [];
    const s = staff[Math.floor(Math.random() * staff.length)];
    const b = buildCaseListQuery(s.user, defineAbilityFor(s.user), spec(nik), nikIndex);
    return {
      id: c.id,
      staff: s,
      path: `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: nik }))}&range=${encodeURIComponent('[0,24]')}`,
      sql: { text: casePageSql(b, spec(nik)), values: b.values },
    };
  });
  const probe = sample[0];
  const res = await fetch(`${base}${probe.path}`, { headers: { authorization: `Bearer ${probe.staff.token}` } });
  const rows = (await res.json()) as { id: string }[];
  if (!res.ok || !Array.isArray(rows) || !rows.some((r) => r.id === probe.id))
    throw new Error(`NIK search probe did not find its case: ${res.status}`);
  say(`search by exact NIK: ${sample.length} NIKs, ${clients.length} connections ...`);
  let i = 0;
  const nextOf = () => sample[i++ % sample.length];
  const [api, raw] = await measure(
    (seconds) =>
      runApi({
        base,
        connections: clients.length,
        seconds,
        next: () => {
          const c = nextOf();
          return { method: 'GET', path: c.path, headers: { authorization: `Bearer ${c.staff.token}` } };
        },
      }),
    (seconds) =>
      runWorkers({
        connections: clients.length,
        seconds,
        op: async (w) => {
          const c = nextOf();
          await clients[w].query({ name: statementName(c.sql.text), text: c.sql.text, values: c.sql.values });
          return true;
        },
      }),
  );
  return { api, raw, sample: sample.length };
}
