import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

/** The one description of the database, shared by Nest, the CLI, tests, seeds and bench. */
export function typeormOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: process.env.LOG_LEVEL === 'silent' ? false : ['error'],
    extra: { max: poolSize, application_name: 'layanan-terpadu' },
  };
}
