import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RawResponse, sendRaw } from './raw-http';

export interface Probed {
  response: RawResponse;
  /** How long the probed request took to be answered. */
  elapsedMs: number;
  /** The slowest answer to GET /api/health sent alongside, counted from when it was due. */
  healthMaxMs: number;
  /** The longest the event loop of this process (which runs the api) was blocked. */
  loopMaxMs: number;
}

const PROBE_INTERVAL_MS = 10;

setFlagsFromString('--expose-gc');
/** A full garbage collection, so the last case's megabytes are not collected during the next. */
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Sends one request while a second client asks GET /api/health every 10 ms, and measures how
 * long the api stalls meanwhile. A health check's latency is counted from the moment it was due
 * (its predecessor's answer plus the interval), not from when a blocked event loop finally let
 * the client send it, so a stall shows in full whenever it falls.
 */
export async function whileProbing(
  port: number,
  send: () => Promise<RawResponse>,
): Promise<Probed> {
  collectGarbage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let done = false;
  let healthMaxMs = 0;
  const prober = (async () => {
    let due = performance.now();
    while (!done) {
      await sendRaw(port, { method: 'GET', url: '/api/health', headers: {} });
      const answered = performance.now();
      healthMaxMs = Math.max(healthMaxMs, answered - due);
      due = answered + PROBE_INTERVAL_MS;
      await sleep(PROBE_INTERVAL_MS);
    }
  })();
  try {
    await sleep(2 * PROBE_INTERVAL_MS); // the prober is under way before the request goes out
    const start = performance.now();
    const response = await send();
    const elapsedMs = performance.now() - start;
    await sleep(2 * PROBE_INTERVAL_MS); // a health check stuck behind the answer comes back
    return { response, elapsedMs, healthMaxMs, loopMaxMs: loop.max / 1e6 };
  } finally {
    done = true;
    await prober;
    loop.disable();
  }
}

/**
 * How slow this machine is right now: the same measurement around requests that cost the api
 * nothing unusual. Budgets are a fixed allowance on top, so a loaded machine does not fail a
 * test that a stall of its own would fail anyway.
 */
export async function baselineOf(
  port: number,
  send: () => Promise<RawResponse>,
  rounds = 5,
): Promise<{ healthMaxMs: number; loopMaxMs: number }> {
  let healthMaxMs = 0;
  let loopMaxMs = 0;
  for (let i = 0; i < rounds; i++) {
    const probed = await whileProbing(port, send);
    healthMaxMs = Math.max(healthMaxMs, probed.healthMaxMs);
    loopMaxMs = Math.max(loopMaxMs, probed.loopMaxMs);
  }
  return { healthMaxMs, loopMaxMs };
}
