// Appointment actions that are not plain react-admin CRUD.
import type { AppointmentLogEntry, AppointmentView } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

const enc = encodeURIComponent;

export const appointmentsApi = {
  /** Ends an appointment now, or cancels one not yet started. */
  revoke: async (id: string, reason: string): Promise<AppointmentView> =>
    (await httpClient(`${API_URL}/appointments/${enc(id)}/revoke`, { method: 'POST', body: JSON.stringify({ reason }) }))
      .json as AppointmentView,
  log: async (id: string): Promise<AppointmentLogEntry[]> =>
    (await httpClient(`${API_URL}/appointments/${enc(id)}/log`)).json as AppointmentLogEntry[],
};
