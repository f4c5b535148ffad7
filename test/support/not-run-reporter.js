// Names every test that did not run, with the reason its file recorded (test/support/
// redis-only.ts), after Jest's own summary: a skipped test is never silent.
const fs = require('node:fs');
const path = require('node:path');

class NotRunReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const log = process.env.TEST_NOT_RUN_LOG;
    const reasons = readReasons(log);
    if (log) fs.rmSync(log, { force: true });
    const lines = [];
    for (const file of results.testResults) {
      const skipped = file.testResults.filter(
        (test) => test.status !== 'passed' && test.status !== 'failed',
      );
      if (skipped.length === 0) continue;
      const reason = reasons.get(file.testFilePath) ?? 'filtered out, or skipped in the code';
      for (const test of skipped) {
        lines.push(
          `  ${path.relative(this.rootDir, file.testFilePath)} › ${test.fullName} (${reason})`,
        );
      }
    }
    if (lines.length === 0) return;
    process.stderr.write(`\nNot run: ${lines.length} tests\n${lines.join('\n')}\n`);
  }
}

function readReasons(log) {
  const reasons = new Map();
  if (!log || !fs.existsSync(log)) return reasons;
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    if (!line) continue;
    const { file, reason } = JSON.parse(line);
    reasons.set(file, reason);
  }
  return reasons;
}

module.exports = NotRunReporter;
