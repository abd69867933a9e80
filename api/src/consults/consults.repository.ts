import { Injectable } from '@nestjs/common';
import type { ConsultRole, ConsultStatus } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlFieldMap } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';

// Every statement on `case_consults` and `case_consult_files` (permintaan pertimbangan teknis).
// No statement here reads or writes `cases`: the case row, its log and outbox go through
// CaseRepository (via CaseEventsService.append), with the access columns computed here.

type Db = DataSource | EntityManager;

// TypeORM's query() answers an UPDATE with [rows, rowCount]: the conditional updates below read
// the count (an array's length would always be 2).

/** The Consult fields of libs/authz rules, mapped to columns of `case_consults k`. */
export const CONSULT_SQL_FIELDS: SqlFieldMap = {
  requesterOpdId: { column: 'k.requester_opd_id', kind: 'scalar' },
  consultedOpdId: { column: 'k.consulted_opd_id', kind: 'scalar' },
  consultedRole: { column: 'k.consulted_role', kind: 'scalar' },
};

export interface ConsultFileRow {
  id: string;
  side: 'question' | 'answer';
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
}

/** A consult with its OPDs' names and its files. */
export interface ConsultRow {
  id: string;
  case_id: string;
  tracking_code: string;
  requester_opd_id: string;
  requester_opd_name: string;
  consulted_opd_id: string;
  consulted_opd_name: string;
  consulted_role: ConsultRole | null;
  question: string;
  working_days: number;
  shared_document_ids: string[];
  status: ConsultStatus;
  requested_by_id: string;
  requested_by_name: string;
  requested_at: Date;
  due_at: Date;
  answer: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  files: ConsultFileRow[];
}

/** An open, not yet escalated consult as the follow-up job reads it. */
export interface FollowUpCandidateRow {
  id: string;
  case_id: string;
  consulted_opd_id: string;
  consulted_opd_name: string;
  consulted_role: ConsultRole | null;
  requested_by_id: string;
  due_at: Date;
  reminded_at: Date | null;
  escalated_at: Date | null;
}

export interface NewConsultRow {
  caseId: string;
  trackingCode: string;
  requesterOpdId: string;
  consultedOpdId: string;
  consultedRole: ConsultRole | null;
  question: string;
  workingDays: number;
  sharedDocumentIds: string[];
  requestedById: string;
  requestedByName: string;
  requestedAt: Date;
  dueAt: Date;
}

export interface NewConsultFile {
  side: 'question' | 'answer';
  fileName: string;
  storageKey: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedById: string;
}

/** What the case row keeps of its open consults: who may read it, and the earliest deadline. */
export interface ConsultAccess {
  consult_opd_ids: string[];
  consult_due_at: Date | null;
}

export interface ConsultReportDbRow {
  opd_id: string;
  opd_name: string;
  incoming_open: number;
  incoming_overdue: number;
  incoming_answered: number;
  incoming_answered_on_time: number;
  outgoing_open: number;
  outgoing_overdue: number;
}

const SELECT = `
  SELECT k.id, k.case_id, k.tracking_code, k.requester_opd_id, ro.name AS requester_opd_name, k.consulted_opd_id,
         co.name AS consulted_opd_name, k.consulted_role, k.question, k.working_days, k.shared_document_ids, k.status,
         k.requested_by_id, k.requested_by_name, k.requested_at, k.due_at, k.answer, k.answered_by_name, k.answered_at,
         k.withdrawn_at, k.withdraw_reason, k.reminded_at, k.escalated_at,
         (SELECT coalesce(json_agg(json_build_object('id', f.id, 'side', f.side, 'file_name', f.file_name, 'content_type', f.content_type,
                 'size', f.size, 'sha256', f.sha256) ORDER BY f.created_at, f.id), '[]')
            FROM case_consult_files f WHERE f.consult_id = k.id) AS files
    FROM case_consults k
    JOIN opds ro ON ro.id = k.requester_opd_id
    JOIN opds co ON co.id = k.consulted_opd_id`;

@Injectable()
export class ConsultsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(m: EntityManager, r: NewConsultRow): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO case_consults (case_id, tracking_code, requester_opd_id, consulted_opd_id, consulted_role, question, working_days,
              shared_document_ids, requested_by_id, requested_by_name, requested_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        r.caseId,
        r.trackingCode,
        r.requesterOpdId,
        r.consultedOpdId,
        r.consultedRole,
        r.question,
        r.workingDays,
        r.sharedDocumentIds,
        r.requestedById,
        r.requestedByName,
        r.requestedAt,
        r.dueAt,
      ],
    );
    return row.id;
  }

  async addFiles(m: EntityManager, consultId: string, files: NewConsultFile[]): Promise<{ id: string; file_name: string }[]> {
    if (files.length === 0) return [];
    return m.query<{ id: string; file_name: string }[]>(
      `INSERT INTO case_consult_files (consult_id, side, file_name, storage_key, content_type, size, sha256, uploaded_by_id)
       SELECT $1, f.side, f.file_name, f.storage_key, f.content_type, f.size, f.sha256, f.uploaded_by_id
         FROM jsonb_to_recordset($2::jsonb) AS f(side text, file_name text, storage_key text, content_type text, size int, sha256 text, uploaded_by_id uuid)
       RETURNING id, file_name`,
      [
        consultId,
        JSON.stringify(
          files.map((f) => ({
            side: f.side,
            file_name: f.fileName,
            storage_key: f.storageKey,
            content_type: f.contentType,
            size: f.size,
            sha256: f.sha256,
            uploaded_by_id: f.uploadedById,
          })),
        ),
      ],
    );
  }

  /** Records the answer if the consult is still open; false when it is not (answered or withdrawn meanwhile). */
  async answer(m: EntityManager, id: string, a: { answer: string; byId: string; byName: string; at: Date }): Promise<boolean> {
    const [, changed] = await m.query<[unknown[], number]>(
      `UPDATE case_consults SET status = 'answered', answer = $2, answered_by_id = $3, answered_by_name = $4, answered_at = $5
        WHERE id = $1 AND status = 'open'`,
      [id, a.answer, a.byId, a.byName, a.at],
    );
    return changed > 0;
  }

  async withdraw(m: EntityManager, id: string, w: { reason: string; byId: string; at: Date }): Promise<boolean> {
    const [, changed] = await m.query<[unknown[], number]>(
      `UPDATE case_consults SET status = 'withdrawn', withdraw_reason = $2, withdrawn_by_id = $3, withdrawn_at = $4
        WHERE id = $1 AND status = 'open'`,
      [id, w.reason, w.byId, w.at],
    );
    return changed > 0;
  }

  /**
   * Open consults not yet escalated whose deadline is before `before`, in (due_at, id) order after
   * the keyset `after` (case_consults_follow_up_idx).
   */
  async followUpCandidates(before: Date, after: { dueAt: Date; id: string } | null, limit: number): Promise<FollowUpCandidateRow[]> {
    return this.db.query<FollowUpCandidateRow[]>(
      `SELECT k.id, k.case_id, k.consulted_opd_id, co.name AS consulted_opd_name, k.consulted_role, k.requested_by_id, k.due_at,
              k.reminded_at, k.escalated_at
         FROM case_consults k JOIN opds co ON co.id = k.consulted_opd_id
        WHERE k.status = 'open' AND k.escalated_at IS NULL AND k.due_at < $1
          AND ($2::timestamptz IS NULL OR (k.due_at, k.id) > ($2::timestamptz, $3::uuid))
        ORDER BY k.due_at, k.id LIMIT ${Number(limit)}`,
      [before, after?.dueAt ?? null, after?.id ?? null],
    );
  }

  /**
   * Marks a follow-up sent, once: true only for the call that set it (the consult still open and
   * not escalated, and for a reminder not reminded). Run under the case row lock, like every consult step.
   */
  async markFollowUp(m: EntityManager, id: string, step: 'remind' | 'escalate', at: Date): Promise<boolean> {
    const [, changed] = await m.query<[unknown[], number]>(
      step === 'remind'
        ? `UPDATE case_consults SET reminded_at = $2 WHERE id = $1 AND status = 'open' AND reminded_at IS NULL AND escalated_at IS NULL`
        : `UPDATE case_consults SET escalated_at = $2 WHERE id = $1 AND status = 'open' AND escalated_at IS NULL`,
      [id, at],
    );
    return changed > 0;
  }

  /** The case's open consults as the case row keeps them (inside the consult's transaction). */
  async accessOf(m: EntityManager, caseId: string): Promise<ConsultAccess> {
    const [row] = await m.query<{ opd_ids: string[] | null; due_at: Date | null }[]>(
      `SELECT array_agg(DISTINCT consulted_opd_id) AS opd_ids, min(due_at) AS due_at FROM case_consults WHERE case_id = $1 AND status = 'open'`,
      [caseId],
    );
    return { consult_opd_ids: row?.opd_ids ?? [], consult_due_at: row?.due_at ?? null };
  }

  async byId(id: string, m: Db = this.db): Promise<ConsultRow | undefined> {
    const [row] = await m.query<ConsultRow[]>(`${SELECT} WHERE k.id = $1`, [id]);
    return row;
  }

  /** A page of consults matching `where` (over `case_consults k`, values in `args`), with the total. */
  async page(
    where: string,
    args: SqlArgs,
    orderBy: string,
    page: { offset: number; limit: number },
  ): Promise<{ rows: ConsultRow[]; total: number }> {
    const [rows, [{ n }]] = await Promise.all([
      this.db.query<ConsultRow[]>(
        `${SELECT} WHERE ${where} ORDER BY ${orderBy} LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`,
        args.values,
      ),
      this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_consults k WHERE ${where}`, args.values),
    ]);
    return { rows, total: n };
  }

  /** A file of a consult, with where it is stored. */
  async file(consultId: string, fileId: string): Promise<(ConsultFileRow & { storage_key: string }) | undefined> {
    const [row] = await this.db.query<(ConsultFileRow & { storage_key: string })[]>(
      `SELECT id, side, file_name, content_type, size, sha256, storage_key FROM case_consult_files WHERE consult_id = $1 AND id = $2`,
      [consultId, fileId],
    );
    return row;
  }

  /**
   * Per OPD: consults asked of it (open, of those overdue at `now`, answered, of those by the
   * deadline) and asked by it (open, overdue). `scope` limits the OPDs (the caller's readReport
   * rules over `o.id`), its values in `args`; `now` is bound last.
   */
  async report(scope: string, args: SqlArgs, now: Date, period: { from: Date | null; to: Date | null }): Promise<ConsultReportDbRow[]> {
    const at = args.add(now);
    const from = args.add(period.from);
    const to = args.add(period.to);
    const inPeriod = `(${from}::timestamptz IS NULL OR k.requested_at >= ${from}) AND (${to}::timestamptz IS NULL OR k.requested_at < ${to})`;
    return this.db.query<ConsultReportDbRow[]>(
      `WITH k AS (SELECT * FROM case_consults k WHERE ${inPeriod}),
            incoming AS (
              SELECT consulted_opd_id AS opd_id,
                     count(*) FILTER (WHERE status = 'open')::int AS open,
                     count(*) FILTER (WHERE status = 'open' AND due_at < ${at})::int AS overdue,
                     count(*) FILTER (WHERE status = 'answered')::int AS answered,
                     count(*) FILTER (WHERE status = 'answered' AND answered_at <= due_at)::int AS on_time
                FROM k GROUP BY consulted_opd_id),
            outgoing AS (
              SELECT requester_opd_id AS opd_id,
                     count(*) FILTER (WHERE status = 'open')::int AS open,
                     count(*) FILTER (WHERE status = 'open' AND due_at < ${at})::int AS overdue
                FROM k GROUP BY requester_opd_id)
       SELECT o.id AS opd_id, o.name AS opd_name,
              coalesce(i.open, 0) AS incoming_open, coalesce(i.overdue, 0) AS incoming_overdue,
              coalesce(i.answered, 0) AS incoming_answered, coalesce(i.on_time, 0) AS incoming_answered_on_time,
              coalesce(g.open, 0) AS outgoing_open, coalesce(g.overdue, 0) AS outgoing_overdue
         FROM opds o
         LEFT JOIN incoming i ON i.opd_id = o.id
         LEFT JOIN outgoing g ON g.opd_id = o.id
        WHERE ${scope} AND (i.opd_id IS NOT NULL OR g.opd_id IS NOT NULL)
        ORDER BY o.name`,
      args.values,
    );
  }
}
