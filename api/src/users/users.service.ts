import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { forQueryBuilder, SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { filterIds, filterString, ListQuery } from '../common/http/list-query';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { User } from './user.entity';
import { SessionCache } from '../common/auth/session-cache';

export const USER_SORTABLE = ['username', 'fullName', 'createdAt', 'lastLoginAt'] as const;
const SORT_COLUMNS: Record<string, string> = {
  id: 'u.id',
  username: 'u.username',
  fullName: 'u.full_name',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
};
const ROLES_WITHOUT_OPD = ['admin', 'leadership'];

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionCache,
  ) {}

  async list(auth: AuthContext, q: ListQuery): Promise<{ rows: UserView[]; total: number }> {
    const args = new SqlArgs();
    const perm = abilityToSql(
      auth.ability,
      'read',
      'User',
      { opdId: { column: 'u.opd_id', kind: 'scalar' }, id: { column: 'u.id', kind: 'scalar' } },
      args,
    );
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where(...forQueryBuilder(perm, args, 'authz'));
    const ids = filterIds(q.filter);
    if (ids) qb.andWhere('u.id IN (:...ids)', { ids });
    const opdId = filterIds(q.filter, 'opdId');
    if (opdId) qb.andWhere('u.opd_id IN (:...opdIds)', { opdIds: opdId });
    const role = filterString(q.filter, 'role');
    if (role) qb.andWhere(':role = ANY(u.roles)', { role });
    const search = filterString(q.filter, 'q');
    if (search) qb.andWhere('(u.username ILIKE :s OR u.full_name ILIKE :s)', { s: `%${search.replace(/[%_\\]/g, '\\$&')}%` });
    if (q.filter.active !== undefined)
      qb.andWhere('u.active = :active', { active: q.filter.active === true || q.filter.active === 'true' });
    const sort = SORT_COLUMNS[q.sort?.field ?? 'username'];
    qb.orderBy(sort, q.sort?.order ?? 'ASC');
    // The key breaks ties (TypeORM keeps one direction per column: not again when sorting by it).
    if (sort !== 'u.id') qb.addOrderBy('u.id', 'ASC');
    qb.skip(q.offset).take(q.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map(toView), total };
  }

  /** A user as assignment needs them (active, OPD, roles), or undefined. */
  async findStaff(id: string): Promise<Pick<UserView, 'id' | 'fullName' | 'roles' | 'opdId' | 'active'> | undefined> {
    const user = await this.db.getRepository(User).findOneBy({ id });
    return user ? { id: user.id, fullName: user.fullName, roles: user.roles, opdId: user.opdId, active: user.active } : undefined;
  }

  /** Active users holding `role` in any of `opdIds` (e.g. the supervisors an escalation notifies). */
  async activeWithRole(role: Role, opdIds: string[], m: EntityManager = this.db.manager): Promise<{ id: string; opdId: string }[]> {
    return (await m.query(`SELECT id, opd_id AS "opdId" FROM users WHERE active AND $1 = ANY(roles) AND opd_id = ANY($2)`, [
      role,
      opdIds,
    ])) as {
      id: string;
      opdId: string;
    }[];
  }

  async get(auth: AuthContext, id: string): Promise<UserView> {
    const user = await this.db.getRepository(User).findOneBy({ id });
    if (!user || !auth.ability.can('read', subject('User', { id: user.id, opdId: user.opdId }))) throw AppError.notFound('User');
    return toView(user);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    const opdId = await this.checkOpd(dto.roles, dto.opdId ?? null);
    const exists = await this.db.getRepository(User).existsBy({ username: dto.username });
    if (exists) throw AppError.field('DUPLICATE', 'username', 'is already taken');
    const user = await this.db.getRepository(User).save({
      username: dto.username,
      fullName: dto.fullName,
      email: dto.email ?? null,
      passwordHash: await argon2.hash(dto.password, { type: argon2.argon2id }),
      roles: dto.roles,
      opdId,
    });
    return toView(await this.db.getRepository(User).findOneByOrFail({ id: user.id }));
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const repo = this.db.getRepository(User);
    const user = await repo.findOneBy({ id });
    if (!user) throw AppError.notFound('User');
    const roles = dto.roles ?? user.roles;
    const opdId = await this.checkOpd(roles, dto.opdId === undefined ? user.opdId : dto.opdId);
    const endSessions = dto.password !== undefined || dto.active === false || dto.roles !== undefined || dto.opdId !== undefined;
    await this.db.transaction(async (m) => {
      await m.getRepository(User).update(id, {
        fullName: dto.fullName ?? user.fullName,
        email: dto.email === undefined ? user.email : dto.email,
        roles,
        opdId,
        active: dto.active ?? user.active,
        ...(dto.password
          ? { passwordHash: await argon2.hash(dto.password, { type: argon2.argon2id }), failedLogins: 0, lockedUntil: null }
          : {}),
        // Bumping the token version ends every session of the user at once.
        ...(endSessions ? { tokenVersion: user.tokenVersion + 1 } : {}),
      });
      if (endSessions) await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    });
    this.sessions.forgetUser(id);
    const updated = await repo.findOneByOrFail({ id });
    return toView(updated);
  }

  private async checkOpd(roles: string[], opdId: string | null): Promise<string | null> {
    const needsOpd = roles.some((r) => !ROLES_WITHOUT_OPD.includes(r));
    if (needsOpd && !opdId) throw AppError.field('FIELD_INVALID', 'opdId', 'is required for staff roles');
    if (opdId) {
      const [row] = (await this.db.query(`SELECT 1 FROM opds WHERE id = $1`, [opdId])) as unknown[];
      if (!row) throw AppError.field('REFERENCE_INVALID', 'opdId', 'does not exist');
    }
    return opdId;
  }
}

function toView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    roles: u.roles,
    opdId: u.opdId,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
