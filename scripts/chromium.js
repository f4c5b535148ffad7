// Which Chromium the browser tests (test/web) and `npm run screenshots` drive, with playwright-
// core: CHROMIUM_PATH when set; else Debian's /usr/bin/chromium when installed; else the one
// that `npm ci` brings (@sparticuz/chromium, unpacked on first use to the temporary folder).
const fs = require('node:fs');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** What every one of them gets: headless here runs as root, without a sandbox or network calls. */
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function npmChromium() {
  const chromium = require('@sparticuz/chromium');
  return chromium.default ?? chromium;
}

/**
 * Resolves `{ executablePath, args, source }`, `source` naming where it came from
 * ('CHROMIUM_PATH', 'debian' or 'npm'). `extraArgs` are added to every one.
 */
async function resolveChromium(options = {}) {
  const {
    env = process.env,
    exists = fs.existsSync,
    fromNpm = npmChromium,
    extraArgs = [],
  } = options;
  const args = (own = []) => [...new Set([...own, ...COMMON_ARGS, ...extraArgs])];
  if (env.CHROMIUM_PATH) {
    return { executablePath: env.CHROMIUM_PATH, args: args(), source: 'CHROMIUM_PATH' };
  }
  if (exists(DEBIAN_CHROMIUM)) {
    return { executablePath: DEBIAN_CHROMIUM, args: args(), source: 'debian' };
  }
  // Not the package's own flags: they are made for a serverless sandbox (one process, web
  // security off), which closes the browser with its second window and would let pages do what
  // the security tests prove they cannot.
  const chromium = fromNpm();
  return { executablePath: await chromium.executablePath(), args: args(), source: 'npm' };
}

/** The binary of the Chromium from npm (unpacking it if needed), e.g. for CHROMIUM_PATH. */
async function npmChromiumPath() {
  return npmChromium().executablePath();
}

module.exports = { DEBIAN_CHROMIUM, resolveChromium, npmChromiumPath };
