import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when a line of output matches, rejects when the process exits first. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript entry point of the project (transpiled on the fly) as its own process. */
export function runEntryPoint(
  entry: string,
  args: string[] = [],
  env: Record<string, string> = {},
): RunningProcess {
  return runNode(['-r', '@swc-node/register', entry, ...args], env);
}

/** Runs a plain JavaScript script of the project (scripts/) as its own process. */
export function runScript(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): RunningProcess {
  return runNode([script, ...args], env);
}

function runNode(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal })), // after stdio is drained
  );

  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) finish(resolve);
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out waiting for ${pattern}:\n${output}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      void exited.then(({ code, signal }) =>
        finish(() =>
          pattern.test(output)
            ? resolve()
            : reject(new Error(`exited (${signal ?? code}) before ${pattern}:\n${output}`)),
        ),
      );
      check();
    });

  return { child, output: () => output, waitFor, exited };
}
