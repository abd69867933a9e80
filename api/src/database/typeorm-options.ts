import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

/** The one description of the database, shared by Nest, the CLI, tests, seeds and bench. */
export function typeormOptions(url: string, poolSize = 20, applicationName = 'layanan-terpadu'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: process.env.LOG_LEVEL === 'silent' ? false : ['error'],
    // Idle connections stay a minute (pg's default is 10 s): a new one costs a SCRAM login and
    // re-preparing the hot statements, which showed as 100 ms stalls after short lulls.
    extra: { max: poolSize, idleTimeoutMillis: 60_000, application_name: applicationName },
  };
}
