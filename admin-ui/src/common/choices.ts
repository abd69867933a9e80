import { ROLES } from '@layanan/contracts';

export const roleChoices = ROLES.map((id) => ({ id, name: `lt.role.${id}` }));
export const opdKindChoices = ['dinas', 'badan', 'kecamatan', 'kelurahan', 'vertikal', 'bagian'].map((id) => ({
  id,
  name: `lt.opd_kind.${id}`,
}));
export const holidayKindChoices = ['national', 'cuti_bersama', 'local'].map((id) => ({ id, name: `lt.holiday_kind.${id}` }));
export const slaUnitChoices = ['days', 'hours'].map((id) => ({ id, name: `lt.sla_unit.${id}` }));
export const fieldTypeChoices = ['text', 'date', 'number', 'select'].map((id) => ({ id, name: `lt.field_type.${id}` }));
export const requirementKindChoices = ['document', 'field'].map((id) => ({ id, name: `lt.requirement_kind.${id}` }));
