// One applicant across all OPDs (the once-only principle): what staff with personal-data rights
// see of an applicant's other applications and verified identity documents.

/** Identity documents a citizen may reuse across services once an officer has verified them. */
export const REUSABLE_REQUIREMENTS = ['ktp', 'kk'] as const;
export type ReusableRequirement = (typeof REUSABLE_REQUIREMENTS)[number];

export interface ApplicantCaseView {
  id: string;
  trackingCode: string;
  opdId: string;
  opdName: string;
  serviceName: string;
  state: string;
  submittedAt: string;
  isOpen: boolean;
}

/** A KTP/KK an officer marked valid on one of the applicant's applications: where, by whom, when. */
export interface VerifiedDocumentView {
  documentId: string;
  requirementKey: ReusableRequirement;
  fileName: string;
  caseId: string;
  trackingCode: string;
  opdId: string;
  opdName: string;
  verifiedByName: string | null;
  verifiedAt: string;
}

/** A document of this case that is a reused one: its source's verification, and the consent. */
export interface ReusedDocumentView extends VerifiedDocumentView {
  /** The document row on this case. */
  reusedAsDocumentId: string;
  consentAt: string;
  /** The officer who recorded the consent; null when the applicant gave it on the portal. */
  recordedByName: string | null;
  /** Where the consent was given: at the counter / by an officer, or by the applicant on the portal. */
  source: 'staff' | 'portal';
}

export type PopulationCheckResult = 'match' | 'no_match';

export interface ApplicantOverview {
  applicantId: string;
  /** Other applications of the same NIK that the caller may read (any OPD). */
  otherApplications: ApplicantCaseView[];
  /** Verified KTP/KK of the applicant's other applications, reusable here with consent. */
  verifiedDocuments: VerifiedDocumentView[];
  /** Documents of this case reused from another application. */
  reusedDocuments: ReusedDocumentView[];
  populationCheck: { result: PopulationCheckResult; checkedAt: string } | null;
  /** Whether this installation can check a NIK against Dukcapil (needs a PKS; off by default). */
  populationCheckAvailable: boolean;
}

/** A citizen's choice on the portal: reuse the KTP/KK verified on an earlier application (any OPD), with consent. */
export interface PortalReuseChoice {
  requirementKey: ReusableRequirement;
  /** The earlier application's tracking code; it must be the same NIK's. */
  trackingCode: string;
  /** The applicant's explicit agreement (the ticked box). */
  consent: true;
}
