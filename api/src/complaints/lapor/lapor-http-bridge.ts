import { AppError } from '../../common/errors/app-error';
import type { ComplaintBridge, ComplaintForLapor, LaporReceipt } from './complaint-bridge';

/**
 * SP4N-LAPOR!'s "Integrasi Laporan" API as far as it is public: the full schema is shown only to
 * a LAPOR! developer account (docs/COMPLAINTS.md). Assumed contract, after the legacy clients:
 * `POST /api/stream/addstream` (JSON, `token` header) answers `{ trackingid, transaksiid, status }`;
 * `GET /api/stream/status?trackingid=` answers `{ trackingid, status }`. Adjust here once the
 * developer documentation is available; the rest of the feature sees only the port.
 */
export class LaporHttpBridge implements ComplaintBridge {
  readonly enabled = true;

  constructor(private readonly cfg: { url: string; token: string; timeoutMs: number }) {}

  async forward(c: ComplaintForLapor): Promise<LaporReceipt> {
    const body = {
      title: c.title,
      content: c.content,
      reference: c.reference,
      agency: c.opdName,
      reporter: { name: c.complainantName, phone: c.complainantPhone, email: c.complainantEmail },
    };
    const answer = await this.call('/api/stream/addstream', { method: 'POST', body: JSON.stringify(body) });
    const trackingId = stringField(answer, 'trackingid');
    return { trackingId, status: optionalString(answer, 'status') ?? 'Belum Terverifikasi' };
  }

  async status(trackingId: string): Promise<string> {
    const answer = await this.call(`/api/stream/status?trackingid=${encodeURIComponent(trackingId)}`, { method: 'GET' });
    return stringField(answer, 'status');
  }

  private async call(path: string, init: { method: string; body?: string }): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${this.cfg.url}${path}`, {
        ...init,
        headers: { token: this.cfg.token, 'content-type': 'application/json', accept: 'application/json' },
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
    } catch (e) {
      throw new AppError('SERVICE_UNAVAILABLE', `SP4N-LAPOR! cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new AppError('SERVICE_UNAVAILABLE', `SP4N-LAPOR! answered ${res.status}`);
    const json: unknown = await res.json().catch(() => null);
    if (typeof json !== 'object' || json === null) throw new AppError('SERVICE_UNAVAILABLE', 'SP4N-LAPOR! answered no JSON object');
    return json as Record<string, unknown>;
  }
}

function optionalString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

function stringField(o: Record<string, unknown>, key: string): string {
  const v = optionalString(o, key);
  if (v === undefined) throw new AppError('SERVICE_UNAVAILABLE', `SP4N-LAPOR!'s answer has no ${key}`);
  return v;
}
