import { countsWhenMissing, type Requirement } from '@layanan/contracts';
import type { CaseFacts } from '@layanan/workflow';
import type { CaseRow, DocumentFact } from './case.repository';

/**
 * The workflow facts of a case: who verified/approved it, its assignee, and its current
 * documents against the service's requirements. Every document that must come with the
 * application appears (a missing upload counts as pending); a conditional one ("jika hilang")
 * is the verifier's call: it counts only once uploaded.
 */
export function caseFacts(
  c: Pick<CaseRow, 'verified_by_id' | 'approved_by_id' | 'assignee_id'>,
  requirements: readonly Requirement[],
  docs: readonly DocumentFact[],
): CaseFacts {
  const documents = requirements
    .filter((r) => r.kind === 'document')
    .flatMap((r) => {
      const mine = docs.filter((d) => d.requirementKey === r.key);
      if (!mine.length) return countsWhenMissing(r) ? [{ requirementKey: r.key, mandatory: true, status: 'pending' as const }] : [];
      return mine.map((d) => ({ requirementKey: r.key, mandatory: r.mandatory, status: d.status }));
    });
  return { verifiedById: c.verified_by_id, approvedById: c.approved_by_id, assigneeId: c.assignee_id, documents };
}
