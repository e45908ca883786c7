import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config.js';
import { typeOrmOptions } from './typeorm-options.js';

/** Data source for the TypeORM CLI (`npm run migration:*`); constructing it does not connect. */
export default new DataSource({ ...typeOrmOptions(loadConfig().database), migrationsRun: false });
