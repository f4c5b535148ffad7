import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate`): the owner's connection. */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_OWNER_URL));
