// Builds an app with the Nest CLI when its compiled output is missing or older than the
// sources, so commands like `npm run match` work straight after `npm ci`. Build output goes
// to standard error: standard output belongs to the command that follows.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const app = process.argv[2];
// The web app builds with Vite into apps/web/dist; the others with the Nest CLI into dist/.
const web = app === 'web';
const entry = web
  ? path.join(root, 'apps', 'web', 'dist', 'index.html')
  : path.join(root, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
const SOURCE = web ? /\.(tsx?|css|html)$/ : /\.ts$/;

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (SOURCE.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
const sourcesAt = web
  ? newestSource(path.join(root, 'apps', 'web', 'src'))
  : Math.max(newestSource(path.join(root, 'apps', app)), newestSource(path.join(root, 'libs')));
if (builtAt < sourcesAt) {
  const [tool, args] = web
    ? ['vite', ['build', '--config', path.join('apps', 'web', 'vite.config.ts')]]
    : ['nest', ['build', app]];
  const bin = path.join(root, 'node_modules', '.bin', tool);
  const result = spawnSync(bin, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
