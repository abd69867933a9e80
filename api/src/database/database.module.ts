import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config';
import { ReadDatabase } from './read-database';

/** Database connections besides TypeORM's primary: the read connection (READ_DATABASE_URL). */
@Global()
@Module({
  providers: [
    {
      provide: ReadDatabase,
      inject: [DataSource, databaseConfig.KEY],
      useFactory: async (primary: DataSource, db: ConfigType<typeof databaseConfig>) => {
        const read = new ReadDatabase(primary, db.readUrl, db.readPoolSize);
        await read.connect();
        return read;
      },
    },
  ],
  exports: [ReadDatabase],
})
export class DatabaseModule {}
