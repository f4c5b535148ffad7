import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Applied in this order; a landed migration is never edited, only followed by a new one. */
export const MIGRATIONS = [InitialSchema1764000000000];
