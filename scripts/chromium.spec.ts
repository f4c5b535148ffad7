import { existsSync } from 'node:fs';
import { DEBIAN_CHROMIUM, resolveChromium } from './chromium';

const fromNpm = () => ({
  executablePath: async () => '/tmp/npm-chromium',
  args: ['--single-process', '--no-sandbox'],
});

describe('the Chromium of the browser tests and the screenshots', () => {
  it('takes CHROMIUM_PATH first, even where Debian has one', async () => {
    const chromium = await resolveChromium({
      env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
      exists: () => true,
      fromNpm,
    });
    expect(chromium).toMatchObject({
      executablePath: '/opt/chromium/chrome',
      source: 'CHROMIUM_PATH',
    });
  });

  it("takes Debian's when CHROMIUM_PATH is not set and it is installed", async () => {
    const chromium = await resolveChromium({
      env: {},
      exists: (file) => file === DEBIAN_CHROMIUM,
      fromNpm,
    });
    expect(chromium).toMatchObject({ executablePath: '/usr/bin/chromium', source: 'debian' });
  });

  it('falls back to the one from npm, without a sandbox and without its serverless flags', async () => {
    const chromium = await resolveChromium({ env: {}, exists: () => false, fromNpm });
    expect(chromium).toMatchObject({ executablePath: '/tmp/npm-chromium', source: 'npm' });
    expect(chromium.args).not.toContain('--single-process');
    expect(chromium.args.filter((arg) => arg === '--no-sandbox')).toHaveLength(1);
  });

  it('resolves to a binary that exists when nothing is configured', async () => {
    const chromium = await resolveChromium({ env: {} });
    expect(existsSync(chromium.executablePath)).toBe(true);
  });
});
