import type { LocalizedText, WorkflowDefinition, WorkflowStateDef, WorkflowTransitionDef } from './workflow-types';

const t = (id: string, en: string): LocalizedText => ({ id, en });
const IN_PROCESS = t('Sedang Diproses', 'In process');

const RETURN: WorkflowTransitionDef = { target: 'returned', roles: ['verifier'], requires: ['reason'] };
// The applicant withdraws (an officer may do it for them at the counter): not the officer's work.
const WITHDRAW: WorkflowTransitionDef = { target: 'withdrawn', roles: ['applicant', 'officer'], requires: ['reason'], sideExit: true };
const SEND_BACK: WorkflowTransitionDef = { target: 'submitted', roles: ['supervisor'], requires: ['reason'], public: false };
const rejectBy = (role: 'verifier' | 'supervisor' | 'head'): WorkflowTransitionDef => ({
  target: 'rejected',
  roles: [role],
  requires: ['reason'],
});
const APPROVE: WorkflowTransitionDef = { target: 'approved', roles: ['supervisor'], guards: ['notVerifierOfCase'] };
// The officer issues a routine product sealed with the institution's key, in the name of the
// OPD's default signatory; a head's personal signature is the with-head-signature workflow.
const ISSUE: WorkflowTransitionDef = { target: 'issued', roles: ['officer'], issues: { signature: 'seal' } };

const submitted: WorkflowStateDef = {
  label: t('Menunggu Verifikasi', 'Awaiting verification'),
  publicLabel: t('Menunggu Verifikasi', 'Awaiting verification'),
  clock: 'running',
  on: {
    VERIFY: { target: 'verified', roles: ['verifier'], guards: ['allMandatoryDocumentsValid'] },
    RETURN,
    REJECT: rejectBy('verifier'),
    WITHDRAW,
  },
};

const returned: WorkflowStateDef = {
  label: t('Dikembalikan', 'Returned'),
  publicLabel: t('Perlu Perbaikan', 'Needs correction'),
  publicHint: t(
    'Perbaiki berkas sesuai catatan petugas, lalu ajukan kembali permohonan Anda.',
    'Correct your file as the officer noted, then resubmit your application.',
  ),
  clock: 'paused',
  on: {
    RESUBMIT: { target: 'submitted', roles: ['applicant', 'officer'] },
    WITHDRAW,
  },
};

const verified: WorkflowStateDef = {
  label: t('Terverifikasi', 'Verified'),
  publicLabel: IN_PROCESS,
  clock: 'running',
  on: { APPROVE, REJECT: rejectBy('supervisor'), SEND_BACK, WITHDRAW },
};

const approved: WorkflowStateDef = {
  label: t('Disetujui', 'Approved'),
  publicLabel: IN_PROCESS,
  clock: 'running',
  on: { ISSUE },
};

const issued: WorkflowStateDef = {
  label: t('Terbit', 'Issued'),
  publicLabel: t('Selesai - Siap Diambil', 'Completed - ready for pickup'),
  publicHint: t(
    'Unduh dokumen yang sudah ditandatangani secara elektronik di halaman ini, atau ambil di loket dengan membawa bukti pendaftaran.',
    'Download the electronically signed document on this page, or collect it at the counter with your registration receipt.',
  ),
  clock: 'stopped',
  on: { COLLECT: { target: 'collected', roles: ['officer'] } },
};

const terminal = (label: LocalizedText, publicHint?: LocalizedText): WorkflowStateDef => ({
  label,
  publicLabel: label,
  ...(publicHint ? { publicHint } : {}),
  clock: 'stopped',
  final: true,
});

const collected = terminal(t('Sudah Diambil', 'Collected'));
const rejected = terminal(
  t('Ditolak', 'Rejected'),
  t('Alasan penolakan tercantum pada riwayat permohonan.', 'The reason for rejection is shown in the application history.'),
);
const withdrawn = terminal(t('Dicabut', 'Withdrawn'));

export const STANDARD_WORKFLOW: WorkflowDefinition = {
  key: 'standard',
  version: 1,
  name: t('Standar', 'Standard'),
  initial: 'submitted',
  states: { submitted, returned, verified, approved, issued, collected, rejected, withdrawn },
};

export const WITH_HEAD_SIGNATURE_WORKFLOW: WorkflowDefinition = {
  key: 'with-head-signature',
  version: 1,
  name: t('Dengan Tanda Tangan Kepala', 'With head signature'),
  initial: 'submitted',
  states: {
    submitted,
    returned,
    verified,
    approved: {
      ...approved,
      on: {
        SIGN: { target: 'signed', roles: ['head'], guards: ['notApproverOfCase'], issues: { signature: 'personal' } },
        REJECT: rejectBy('head'),
      },
    },
    // The document exists once signed; ISSUE hands it over.
    signed: {
      label: t('Ditandatangani', 'Signed'),
      publicLabel: IN_PROCESS,
      clock: 'running',
      on: { ISSUE: { target: 'issued', roles: ['officer'] } },
    },
    issued,
    collected,
    rejected,
    withdrawn,
  },
};

export const WITH_INSPECTION_WORKFLOW: WorkflowDefinition = {
  key: 'with-inspection',
  version: 1,
  name: t('Dengan Peninjauan Lapangan', 'With field inspection'),
  initial: 'submitted',
  states: {
    submitted,
    returned,
    verified: {
      ...verified,
      on: {
        INSPECT: { target: 'inspected', roles: ['verifier'], requires: ['comment'] },
        REJECT: rejectBy('supervisor'),
        SEND_BACK,
        WITHDRAW,
      },
    },
    inspected: {
      label: t('Peninjauan Lapangan Selesai', 'Field inspection done'),
      publicLabel: IN_PROCESS,
      clock: 'running',
      on: { APPROVE, REJECT: rejectBy('supervisor'), SEND_BACK, WITHDRAW },
    },
    approved,
    issued,
    collected,
    rejected,
    withdrawn,
  },
};

export const BUILTIN_WORKFLOWS: readonly WorkflowDefinition[] = [STANDARD_WORKFLOW, WITH_HEAD_SIGNATURE_WORKFLOW, WITH_INSPECTION_WORKFLOW];
