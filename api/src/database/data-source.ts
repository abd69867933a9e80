// Entry point for the typeorm CLI (npm run migration:generate | run | revert).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '../config/database.config';
import { typeormOptions } from './typeorm-options';

const db = loadDatabaseConfig();
if (!db.url) throw new Error('DATABASE_URL must be set for migration commands');
export default new DataSource(typeormOptions(db.url, 2));
