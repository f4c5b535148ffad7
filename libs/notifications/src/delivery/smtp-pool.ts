import SMTPConnection, {
  SMTPConnectionAuth,
  SMTPConnectionOptions,
  SMTPConnectionSendInfo,
  SMTPEnvelope,
} from 'nodemailer/lib/smtp-connection';

export interface SmtpPoolOptions extends SMTPConnectionOptions {
  /** Connections open at most; senders beyond them wait for one to come free. */
  maxConnections: number;
  /** Signs in after the greeting when the server offers AUTH, as nodemailer's own pool does. */
  auth?: SMTPConnectionAuth;
}

interface Waiter {
  resolve: (connection: SMTPConnection) => void;
  reject: (error: Error) => void;
}

/**
 * A few SMTP connections (nodemailer's SMTPConnection) kept open and reused, one message at a
 * time each, for messages that are already composed. nodemailer's pooled transport would wrap
 * each composed message in a second MIME tree and stream it through several stream pipelines,
 * which cost the worker a third of its CPU per e-mail; here the message goes out as one buffer.
 *
 * A connection that fails in any way, or that the server closes while idle, is dropped and its
 * place freed; the next sender opens a new one. A failed send is not retried here: the delivery
 * job's own retries decide, by the error's `responseCode`.
 */
export class SmtpPool {
  private readonly idle: SMTPConnection[] = [];
  private readonly waiting: Waiter[] = [];
  private readonly dropped = new WeakSet<SMTPConnection>();
  private open = 0;
  private closed = false;

  constructor(private readonly options: SmtpPoolOptions) {}

  async send(envelope: SMTPEnvelope, message: Buffer): Promise<SMTPConnectionSendInfo> {
    const connection = await this.acquire();
    try {
      const info = await new Promise<SMTPConnectionSendInfo>((resolve, reject) =>
        connection.send(envelope, message, (error, sent) =>
          error || !sent ? reject(error ?? new Error('SMTP send gave no result')) : resolve(sent),
        ),
      );
      this.release(connection);
      return info;
    } catch (error) {
      // Refused or broken: a fresh connection is cheaper to trust than a half-used session.
      this.drop(connection);
      throw error;
    }
  }

  /** Connections open now (idle or sending). */
  get size(): number {
    return this.open;
  }

  /** Closes idle connections now and busy ones when their message is done. */
  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) this.drop(connection);
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('SMTP pool closed'));
  }

  private acquire(): Promise<SMTPConnection> {
    if (this.closed) return Promise.reject(new Error('SMTP pool closed'));
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.open < this.options.maxConnections) return this.openConnection();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: SMTPConnection): void {
    if (this.dropped.has(connection)) return;
    if (this.closed) return this.drop(connection);
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(connection);
    else this.idle.push(connection);
  }

  private async openConnection(): Promise<SMTPConnection> {
    this.open += 1;
    const connection = new SMTPConnection(this.options);
    // Heard first, so a failed start rejects with its own error rather than as a close.
    const started = ready(connection, this.options.auth);
    // Always listened to: an unheard 'error' would end the process.
    connection.on('error', () => this.drop(connection));
    connection.once('end', () => this.drop(connection));
    try {
      await started;
      return connection;
    } catch (error) {
      this.drop(connection);
      throw error;
    }
  }

  /** Forgets a connection once, closes it, and lets a waiting sender open another. */
  private drop(connection: SMTPConnection): void {
    if (this.dropped.has(connection)) return;
    this.dropped.add(connection);
    this.open -= 1;
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
    connection.close();
    const waiter = this.closed ? undefined : this.waiting.shift();
    if (waiter) this.openConnection().then(waiter.resolve, waiter.reject);
  }
}

/** Connected, greeted and, when there are credentials and the server takes them, signed in. */
function ready(connection: SMTPConnection, auth: SMTPConnectionAuth | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    const closed = () => reject(new Error('SMTP connection closed before it was ready'));
    connection.once('error', fail);
    connection.once('end', closed);
    const settle = (error?: Error | null) => {
      connection.off('error', fail);
      connection.off('end', closed);
      if (error) reject(error);
      else resolve();
    };
    connection.connect((error) => {
      if (error) return settle(error);
      if (!auth || !connection.allowsAuth) return settle();
      connection.login(auth, (loginError) => settle(loginError));
    });
  });
}
