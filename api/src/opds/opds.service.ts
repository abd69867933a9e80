import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterIds, filterString, ListQuery } from '../common/http/list-query';
import { CreateOpdDto, OpdView, UpdateOpdDto } from './dto/opd.dto';
import { Opd } from './opd.entity';

export const OPD_SORTABLE = ['name', 'code', 'kind'] as const;

@Injectable()
export class OpdsService {
  constructor(private readonly db: DataSource) {}

  // OPDs are public reference data (every signed-in user may read them).
  async list(q: ListQuery): Promise<{ rows: OpdView[]; total: number }> {
    const qb = this.db.getRepository(Opd).createQueryBuilder('o');
    const ids = filterIds(q.filter);
    if (ids) qb.andWhere('o.id IN (:...ids)', { ids });
    const search = filterString(q.filter, 'q');
    if (search)
      qb.andWhere('(o.name ILIKE :s OR o.short_name ILIKE :s OR o.code ILIKE :s)', { s: `%${search.replace(/[%_\\]/g, '\\$&')}%` });
    const sort = q.sort?.field ?? 'name';
    qb.orderBy(`o.${sort}`, q.sort?.order ?? 'ASC');
    // The key breaks ties (TypeORM keeps one direction per column: not again when sorting by it).
    if (sort !== 'id') qb.addOrderBy('o.id');
    qb.skip(q.offset).take(q.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map(toView), total };
  }

  /** An active OPD (a case may be transferred only to one), or undefined. */
  async findActive(id: string): Promise<OpdView | undefined> {
    const opd = await this.db.getRepository(Opd).findOneBy({ id, active: true });
    return opd ? toView(opd) : undefined;
  }

  async get(id: string): Promise<OpdView> {
    const opd = await this.db.getRepository(Opd).findOneBy({ id });
    if (!opd) throw AppError.notFound('OPD');
    return toView(opd);
  }

  async create(dto: CreateOpdDto): Promise<OpdView> {
    if (await this.db.getRepository(Opd).existsBy({ code: dto.code })) throw AppError.field('DUPLICATE', 'code', 'is already taken');
    const opd = await this.db.getRepository(Opd).save({ ...dto, address: dto.address ?? null });
    return toView(opd);
  }

  async update(id: string, dto: UpdateOpdDto): Promise<OpdView> {
    const { name, shortName, kind, address, active } = dto;
    const res = await this.db.getRepository(Opd).update(id, { name, shortName, kind, address, active });
    if (!res.affected) throw AppError.notFound('OPD');
    return this.get(id);
  }
}

function toView(o: Opd): OpdView {
  return { id: o.id, code: o.code, name: o.name, shortName: o.shortName, kind: o.kind, address: o.address, active: o.active };
}
