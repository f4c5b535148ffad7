/** Types of scripts/smtp-sink.js for the tests and benchmarks that start it in-process. */
export interface SinkMessage {
  id: string;
  to: string[];
  /** The message as received; null when started with `keep: false`. */
  raw: Buffer | null;
  /** Where it was written, when started with a directory. */
  file: string | null;
}

export interface SmtpReply {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  directory?: string | null;
  /** Keep each message in `messages` (default true). */
  keep?: boolean;
  respond?: (envelope: {
    from: string;
    to: string;
  }) => SmtpReply | null | Promise<SmtpReply | null>;
  onMessage?: (message: SinkMessage) => void;
}

export interface SmtpSink {
  host: string;
  port: number;
  messages: SinkMessage[];
  received: () => number;
  close: () => Promise<void>;
}

export function startSmtpSink(options?: SmtpSinkOptions): Promise<SmtpSink>;
