import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { ServicesService } from '../services/services.service';
import type { ServiceView } from '../services/dto/service.dto';
import type { PublicServiceView } from './dto/public.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The service catalog (katalog layanan) for citizens: active services only, no internal fields. */
@Injectable()
export class PublicCatalogService {
  constructor(private readonly services: ServicesService) {}

  async list(q?: string, opdId?: string): Promise<PublicServiceView[]> {
    const filter: Record<string, unknown> = {};
    if (q?.trim()) filter.q = q.trim().slice(0, 100);
    if (opdId) filter.opdId = opdId;
    // Sorted by OPD then name, so the portal can group without re-sorting.
    const { rows } = await this.services.list({ filter, sort: null, offset: 0, limit: 200 }, { activeOnly: true });
    return rows.map(toPublic).sort((a, b) => a.opdName.localeCompare(b.opdName, 'id') || a.name.localeCompare(b.name, 'id'));
  }

  async get(id: string): Promise<PublicServiceView> {
    // Malformed ids and inactive services read the same as unknown ones.
    if (!UUID.test(id)) throw AppError.notFound('Service');
    const s = await this.services.get(id);
    if (!s.active) throw AppError.notFound('Service');
    return toPublic(s);
  }
}

export function toPublic(s: ServiceView): PublicServiceView {
  return {
    id: s.id,
    code: s.code,
    opdId: s.opdId,
    opdName: s.opdName,
    name: s.name,
    description: s.description,
    requirements: s.requirements,
    formFields: s.formFields,
    procedure: s.procedure,
    slaAmount: s.slaAmount,
    slaUnit: s.slaUnit,
    feeAmount: s.feeAmount,
    feeNote: s.feeNote,
    product: s.product,
    complaintChannel: s.complaintChannel,
    legalBasis: s.legalBasis,
  };
}
