import { loadConfig } from '@app/config';
import { Client } from 'pg';

/**
 * A connection as the schema's owner role, for the few tests that must do what the api cannot
 * (add a trigger that injects a fault, check what even the owner is refused). The api and every
 * other test connect as the runtime role.
 */
export async function asOwner<T>(work: (owner: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: loadConfig().DATABASE_OWNER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
