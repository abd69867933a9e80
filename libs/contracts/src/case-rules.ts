// Rules about cases that the API, the console and the portal all apply: one copy, here.
import type { FieldProblem } from './errors';
import type { FormField, Requirement } from './public';

/** Tracking codes: an OPD prefix and 8 characters from an alphabet without 0/O, 1/I/L, U (read over the phone). */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const TRACKING_CODE = /^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** A typed or pasted code in its canonical form (trimmed, upper case). */
export function normaliseTrackingCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isTrackingCode(code: string): boolean {
  return TRACKING_CODE.test(code);
}

/** The fields a case list may be sorted by (API and console share them). */
export const CASE_SORT_FIELDS = ['dueAt', 'submittedAt', 'id'] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];

/** The multipart field name of a requirement's document in an application (portal and counter). */
export function documentFieldName(requirementKey: string): string {
  return `doc_${requirementKey}`;
}

/**
 * Documents that must come with the application. A conditional requirement ("jika hilang",
 * "jika di bawah 21 tahun") is the verifier's call: required only once uploaded, never at intake.
 */
export function documentsRequiredAtIntake(requirements: readonly Requirement[]): Requirement[] {
  return requirements.filter((r) => r.kind === 'document' && r.mandatory && !r.condition);
}

/** Whether a document requirement counts against the verification guard when nothing was uploaded. */
export function countsWhenMissing(requirement: Pick<Requirement, 'mandatory' | 'condition'>): boolean {
  return requirement.mandatory && !requirement.condition;
}

const TEXT_MAX = 1000;

/** Why a form value is wrong, or null. `value` as typed (string) or as sent (string or number). */
/** A form value as text (letters, the case page): strings as they are, anything else as JSON, none as ''. */
export function formValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

export function formValueProblem(field: FormField, value: unknown): 'required' | 'number' | 'date' | 'option' | 'text' | null {
  if (value === undefined || value === null || value === '') return field.required ? 'required' : null;
  switch (field.type) {
    case 'number':
      return typeof value === 'number'
        ? Number.isFinite(value)
          ? null
          : 'number'
        : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
          ? null
          : 'number';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'date';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value) ? null : 'option';
    case 'text':
      return typeof value === 'string' && value.length <= TEXT_MAX ? null : 'text';
  }
}

const PROBLEM_TEXT: Record<NonNullable<ReturnType<typeof formValueProblem>>, (f: FormField) => string> = {
  required: () => 'is required',
  number: () => 'must be a number',
  date: () => 'must be a date YYYY-MM-DD',
  option: (f) => `must be one of ${(f.options ?? []).join(', ')}`,
  text: () => `must be text up to ${TEXT_MAX} characters`,
};

/**
 * Form data against a service's form fields: required present, types right, no unknown keys.
 * Returns the problems (field `formData.<key>`) and the normalised values (numbers as numbers).
 */
export function checkFormData(
  fields: readonly FormField[],
  data: Record<string, unknown>,
): { problems: FieldProblem[]; values: Record<string, unknown> } {
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(data))
    if (!fields.some((f) => f.key === key)) problems.push({ field: `formData.${key}`, message: 'is not a field of this service' });
  for (const f of fields) {
    const v = data[f.key];
    const problem = formValueProblem(f, v);
    if (problem) problems.push({ field: `formData.${f.key}`, message: PROBLEM_TEXT[problem](f) });
    else if (v !== undefined && v !== null && v !== '') values[f.key] = f.type === 'number' ? Number(v) : v;
  }
  return { problems, values };
}
