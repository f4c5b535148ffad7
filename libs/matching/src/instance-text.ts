/** Reads an instance from a JSON file's bytes or text: the command's entry into the library. */
import { readMarketFast } from './fast-instance-reader';
import { InvalidInstanceError } from './invalid-instance.error';
import { Market } from './market';
import { compileMarket } from './market-compiler';

/**
 * Bytes of a UTF-8 JSON file to a Market: the fast reader for plain instances, JSON.parse and
 * compileMarket (the reference, which also words the errors) for everything else.
 */
export function readInstanceBytes(bytes: Uint8Array): Market {
  return readMarketFast(bytes) ?? parseInstanceText(new TextDecoder().decode(bytes));
}

export function parseInstanceText(text: string): Market {
  return compileMarket(parseJson(text));
}

function parseJson(text: string): unknown {
  // Editors on some systems save a byte order mark; it is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw new InvalidInstanceError('empty', 'the file is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInstanceError('not_json', `not valid JSON: ${reason.split('\n')[0]}`);
  }
}
