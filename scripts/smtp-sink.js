// A local SMTP server for development, tests and benchmarks: it accepts mail on 127.0.0.1 and
// writes each message to a folder as an .eml file (open it with any mail program), so nothing
// ever leaves the machine. `npm run demo` starts one unless SMTP_HOST is set; on its own:
//   node scripts/smtp-sink.js [--port 1025] [--dir var/mail]
const fs = require('node:fs');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');

function smtpError(reply) {
  const error = new Error(reply.message);
  error.responseCode = reply.code;
  return error;
}

/**
 * Starts the sink and resolves once it listens. `respond({ from, to })` may return
 * `{ code, message }` to refuse a recipient (4xx: try later; 5xx: never), e.g. in tests, or a
 * promise of it (or of null) to answer late.
 */
function startSmtpSink(options = {}) {
  const { host = '127.0.0.1', port = 0, directory = null, keep = true } = options;
  const respond = options.respond || (() => null);
  const messages = [];
  let received = 0;
  if (directory) fs.mkdirSync(directory, { recursive: true });

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, session, callback) {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      // A reply may come later (a promise): a slow server, in tests.
      Promise.resolve(respond({ from, to: address.address })).then(
        (reply) => callback(reply ? smtpError(reply) : null),
        (error) => callback(error),
      );
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const id = `${Date.now()}-${++received}`;
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const message = { id, to, raw: keep ? raw : null, file: null };
        if (directory) {
          message.file = path.join(directory, `${id}.eml`);
          fs.writeFileSync(message.file, raw);
        }
        if (keep) messages.push(message);
        if (options.onMessage) options.onMessage(message);
        callback(null, `Queued as ${id}`);
      });
    },
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (error) => console.error(`SMTP sink: ${error.message}`));
      resolve({
        host,
        port: server.server.address().port,
        messages,
        received: () => received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

module.exports = { startSmtpSink };

if (require.main === module) {
  const argument = (name, fallback) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : fallback;
  };
  const directory = path.resolve(argument('--dir', 'var/mail'));
  const onMessage = (message) => console.log(`Mail to ${message.to.join(', ')}: ${message.file}`);
  const port = Number(argument('--port', '1025'));
  startSmtpSink({ port, directory, keep: false, onMessage }).then(
    (sink) => console.log(`SMTP sink on ${sink.host}:${sink.port}, writing to ${directory}`),
    (error) => {
      console.error(`SMTP sink could not start: ${error.message}`);
      process.exit(1);
    },
  );
}
