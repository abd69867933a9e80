// The stable domain code of every error body. The console and the portal show text keyed on
// `code` (their i18n files), never the API's English `message`, which is for logs and
// developers. The HTTP status of each code is decided in one place (the API's error filter).

export const ERROR_CODES = [
  /** 400: a field is malformed; `details` names each one. */
  'FIELD_INVALID',
  /** 401: no or malformed bearer token. */
  'AUTH_REQUIRED',
  /** 401: wrong username or password (or an inactive account: the same answer). */
  'LOGIN_FAILED',
  /** 401: the access token expired or the session was ended (logout, deactivation). */
  'SESSION_ENDED',
  /** 401: the integration API key is unknown or revoked. */
  'API_KEY_INVALID',
  /** 401: the refresh token is invalid, expired or revoked. */
  'REFRESH_INVALID',
  /** 403: the caller's permissions do not allow this. */
  'FORBIDDEN',
  /** 404: no such record, or not one the caller may see. */
  'NOT_FOUND',
  /** 404: no application matches this tracking code and verification number. */
  'TRACKING_NOT_FOUND',
  /** 409: the case changed since the caller loaded it; `current` carries its state now. */
  'CASE_VERSION_CONFLICT',
  /** 409: the case's current state does not accept this event. */
  'EVENT_NOT_ALLOWED',
  /** 409: someone else has already claimed the case. */
  'CASE_ALREADY_CLAIMED',
  /** 409: the case is not assigned (nothing to release). */
  'CASE_NOT_ASSIGNED',
  /** 409: a newer file was uploaded for this requirement. */
  'DOCUMENT_SUPERSEDED',
  /** 409: a record with the same unique value exists (username, code, date). */
  'DUPLICATE',
  /** 409: the same submission is still being processed; retry in a moment. */
  'REQUEST_IN_PROGRESS',
  /** 409: the satisfaction survey opens once the application is completed (issued, collected or rejected). */
  'SURVEY_NOT_OPEN',
  /** 409: the complaint's status does not allow this step (e.g. answering a closed complaint). */
  'COMPLAINT_STATE_INVALID',
  /** 413: an uploaded file is larger than the limit; `details` names the file field. */
  'FILE_TOO_LARGE',
  /** 413: the request body as a whole is larger than the API accepts (not one uploaded file). */
  'REQUEST_TOO_LARGE',
  /** 415: an uploaded file is not a PDF, JPEG, PNG or WebP (by content). */
  'FILE_TYPE_UNSUPPORTED',
  /** 415: the request's Content-Type is not one this route reads (JSON or multipart/form-data). */
  'CONTENT_TYPE_UNSUPPORTED',
  /** 422: a field the action needs is missing (reason, note, ...); `details` names it. */
  'FIELD_REQUIRED',
  /** 422: a referenced record does not exist or is inactive (service, OPD, user, workflow). */
  'REFERENCE_INVALID',
  /** 422: four-eyes rule: the verifier may not approve, the approver may not sign. */
  'FOUR_EYES',
  /** 422: every mandatory document must be present and checked valid first. */
  'DOCUMENTS_INCOMPLETE',
  /** 422: the chosen assignee cannot act on the case's current step. */
  'ASSIGNEE_CANNOT_ACT',
  /** 422: the chosen assignee is on leave today; `details` names assigneeId and the user. */
  'ASSIGNEE_ON_LEAVE',
  /** 422: the user already has leave on some of these days; `details` names validFrom. */
  'LEAVE_OVERLAP',
  /** 422: the Idempotency-Key was used for a different request. */
  'IDEMPOTENCY_KEY_REUSED',
  /** 422: issuing needs setup that is missing (a letter-number pattern, a signatory, a template); `details` names it. */
  'ISSUANCE_NOT_CONFIGURED',
  /** 422: the signer refused: wrong passphrase/password, or the signatory is not registered with BSrE. */
  'SIGNER_REJECTED',
  /** 409: the document is already revoked or replaced. */
  'DOCUMENT_NOT_VALID',
  /** 422: a template (document or notification) uses an unknown placeholder or construct, or a form field it needs has no value; `details` names each. */
  'TEMPLATE_INVALID',
  /** 422: a workflow draft breaks the workflow rules; `details` lists each problem with its `problem` code, `state` and `event`. */
  'WORKFLOW_INVALID',
  /** 409: the workflow draft was saved by someone else since it was loaded; reload it. */
  'DRAFT_STALE',
  /** 422: a webhook URL is not http(s) or points at a loopback/private address (SSRF). */
  'URL_NOT_ALLOWED',
  /** 422: another Plh./Plt. appointment of the same position overlaps these dates; `details` names validFrom and the holder. */
  'APPOINTMENT_OVERLAP',
  /** 422: a consult (pertimbangan teknis) asked of the case's own OPD; ask another OPD (`consultedOpdId`). */
  'CONSULT_OWN_OPD',
  /** 409: the consult is no longer open (answered consults are immutable; withdrawn ones take no answer). */
  'CONSULT_NOT_OPEN',
  /** 422: the service was deactivated: it takes no new applications (running cases continue). */
  'SERVICE_INACTIVE',
  /** 409: the record is not deleted (cases refer to it); deactivate it instead (`PATCH {active:false}`). */
  'DEACTIVATE_INSTEAD',
  /** 422: well-formed, but breaks a business rule not listed above. */
  'RULE_VIOLATED',
  /** 413: the export has more rows than XLSX files are made for (XLSX_ROW_CAP); CSV has no cap. */
  'EXPORT_TOO_LARGE',
  /** 409: the background export is not ready (still running, failed or expired); its status says which. */
  'EXPORT_NOT_READY',
  /** 423: the account is locked after too many failed logins. */
  'LOGIN_LOCKED',
  /** 429: too many requests; retry after `Retry-After` seconds. */
  'RATE_LIMITED',
  /** 503: a dependency (the database, a signer, a gateway) is unavailable; retry later. */
  'SERVICE_UNAVAILABLE',
  /** 503: the electronic signature service cannot be reached; nothing was signed or issued, the case is unchanged. */
  'SIGNER_UNAVAILABLE',
  /** 504: the signature service did not answer in time: it may have signed; nothing was issued, the signer checks and retries. */
  'SIGNING_UNCERTAIN',
  /** 422: the NIK check against Dukcapil's population data is not set up on this installation (it needs a PKS). */
  'POPULATION_CHECK_OFF',
  /** 500: an unexpected error (logged with the request id). */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export interface FieldProblem {
  field: string;
  message: string;
  /** A finer code for the problem (e.g. a workflow check: 'NO_ROLES'). */
  problem?: string;
  /** The workflow state the problem concerns. */
  state?: string;
  /** The workflow event the problem concerns. */
  event?: string;
}

export interface ErrorBody {
  statusCode: number;
  /** The stable domain code: translate this, not `message`. */
  code: ErrorCode;
  /** HTTP reason phrase. */
  error: string;
  /** English, for logs and developers. */
  message: string;
  details?: FieldProblem[];
  /** On 409: the case as it is now. */
  current?: { state: string; version: number };
}
