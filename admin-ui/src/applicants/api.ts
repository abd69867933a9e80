// The applicant registry of a case (once-only): its other applications, verified KTP/KK, reuse, Dukcapil check.
import type { ApplicantOverview, CaseDocumentView, PopulationCheckResult } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

const enc = encodeURIComponent;

export const applicantsApi = {
  overview: async (caseId: string) => (await httpClient(`${API_URL}/cases/${enc(caseId)}/applicant`)).json as ApplicantOverview,
  /** `consent: true` is the applicant's agreement, recorded with the officer who records it. */
  reuse: async (caseId: string, sourceDocumentId: string) =>
    (
      await httpClient(`${API_URL}/cases/${enc(caseId)}/applicant/reuse-document`, {
        method: 'POST',
        body: JSON.stringify({ sourceDocumentId, consent: true }),
      })
    ).json as CaseDocumentView,
  populationCheck: async (caseId: string) =>
    (await httpClient(`${API_URL}/cases/${enc(caseId)}/applicant/population-check`, { method: 'POST' })).json as {
      result: PopulationCheckResult;
      checkedAt: string;
    },
};
