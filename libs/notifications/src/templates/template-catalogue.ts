import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml, Language } from './message-format';

export interface RenderedMessage {
  subject: string;
  text: string;
  /** A complete HTML document, or null when the event has no .html template. */
  html: string | null;
}

interface Template {
  subject: string;
  text: string;
  html: string | null;
}

/** A template that is missing, malformed or asks for a value the event does not have. */
export class TemplateError extends Error {}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const SUBJECT_LINE = /^Subject:[ \t]*(.+)\r?\n(\r?\n)?/;
const PARTIAL = /\{\{>\s*([a-z][a-z0-9-]*)\s*\}\}/g;

/**
 * The message texts, kept as plain files a non-programmer can edit:
 * `<event>.<language>.txt` starts with a `Subject: ...` line, then the text body;
 * `<event>.<language>.html` (optional) holds the HTML body. `{{name}}` is replaced by a value,
 * HTML-escaped in the HTML part. `{{> offer-details}}` takes in `partials/offer-details.<language>.txt`
 * (or `.html` in the HTML part), so two messages that say the same thing say it from one file.
 * Files are read once and kept.
 */
export class TemplateCatalogue {
  private readonly cache = new Map<string, Template>();
  private readonly shortCache = new Map<string, Map<string, string>>();

  constructor(readonly directory: string) {}

  render(event: string, language: Language, values: Record<string, string>): RenderedMessage {
    const template = this.load(event, language);
    const fill = filler(`${event}.${language}`, values);
    return {
      subject: fill(template.subject, plain),
      text: fill(template.text, plain),
      html: template.html === null ? null : wrapHtml(fill(template.html, escapeHtml), language),
    };
  }

  /**
   * The short text the web app shows for an in-app message: one line of `in-app.<language>.txt`
   * (`<event>: text`). It holds no link; the app shows the message's link as a link.
   */
  renderShort(event: string, language: Language, values: Record<string, string>): string {
    const text = this.shortTexts(language).get(event);
    if (text === undefined) throw new TemplateError(`in-app.${language}.txt: no line for ${event}`);
    return filler(`in-app.${language} ${event}`, values)(text, plain);
  }

  /**
   * Throws naming every missing file and in-app line, so a worker does not start without its
   * texts.
   */
  verify(
    events: readonly string[],
    languages: readonly Language[],
    inAppEvents: readonly string[] = [],
  ): void {
    const missing = events.flatMap((event) =>
      languages
        .map((language) => this.fileName(event, language, 'txt'))
        .filter((file) => !existsSync(path.join(this.directory, file))),
    );
    const present = events.flatMap((event) =>
      languages.flatMap((language) =>
        missing.includes(this.fileName(event, language, 'txt')) ? [] : [{ event, language }],
      ),
    );
    for (const { event, language } of present) {
      try {
        this.load(event, language);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        missing.push(error.message);
      }
    }
    for (const language of languages) {
      const file = `in-app.${language}.txt`;
      if (inAppEvents.length > 0 && !existsSync(path.join(this.directory, file))) {
        missing.push(file);
        continue;
      }
      const lines = inAppEvents.length > 0 ? this.shortTexts(language) : new Map();
      missing.push(...inAppEvents.filter((e) => !lines.has(e)).map((e) => `${file} ${e}`));
    }
    if (missing.length > 0) {
      throw new TemplateError(`Missing templates in ${this.directory}: ${missing.join(', ')}`);
    }
  }

  private shortTexts(language: Language): Map<string, string> {
    const key = `in-app.${language}`;
    let texts = this.shortCache.get(key);
    if (!texts) {
      const file = path.join(this.directory, `${key}.txt`);
      if (!existsSync(file)) throw new TemplateError(`No template ${file}`);
      texts = parseShortTexts(readFileSync(file, 'utf8'));
      this.shortCache.set(key, texts);
    }
    return texts;
  }

  private load(event: string, language: Language): Template {
    const key = `${event}.${language}`;
    let template = this.cache.get(key);
    if (!template) {
      template = this.read(event, language);
      this.cache.set(key, template);
    }
    return template;
  }

  private read(event: string, language: Language): Template {
    const textFile = path.join(this.directory, this.fileName(event, language, 'txt'));
    if (!existsSync(textFile)) throw new TemplateError(`No template ${textFile}`);
    const source = readFileSync(textFile, 'utf8');
    const subject = SUBJECT_LINE.exec(source);
    if (!subject) throw new TemplateError(`${textFile} must start with a "Subject: ..." line`);
    const htmlFile = path.join(this.directory, this.fileName(event, language, 'html'));
    const text = source.slice(subject[0].length).trimEnd() + '\n';
    return {
      subject: subject[1].trim(),
      text: this.withPartials(text, language, 'txt'),
      html: existsSync(htmlFile)
        ? this.withPartials(readFileSync(htmlFile, 'utf8').trim(), language, 'html')
        : null,
    };
  }

  /** Replaces each `{{> name}}` by the partial's text; partials do not include others. */
  private withPartials(source: string, language: Language, extension: 'txt' | 'html'): string {
    return source.replace(PARTIAL, (_match, name: string) => {
      const file = path.join(this.directory, 'partials', `${name}.${language}.${extension}`);
      if (!existsSync(file)) throw new TemplateError(`No template ${file}`);
      return readFileSync(file, 'utf8').trim();
    });
  }

  private fileName(event: string, language: Language, extension: 'txt' | 'html'): string {
    return `${event}.${language}.${extension}`;
  }
}

const plain = (value: string) => value;

/** Replaces each `{{name}}`; a placeholder without a value stops the message. */
function filler(where: string, values: Record<string, string>) {
  return (text: string, escape: (value: string) => string) =>
    text.replace(PLACEHOLDER, (_match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new TemplateError(`${where}: no value for {{${name}}}`);
      return escape(value);
    });
}

/** `<event>: text` per line; empty lines and lines starting with # are skipped. */
export function parseShortTexts(source: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const line of source.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) throw new TemplateError(`In-app text line without "event: text": ${trimmed}`);
    texts.set(trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim());
  }
  return texts;
}

function wrapHtml(body: string, language: Language): string {
  return (
    `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"></head>\n` +
    `<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">\n` +
    `${body}\n</body></html>\n`
  );
}

/**
 * Where the template files are: beside the sources (libs/notifications/templates), where the
 * build copies them (dist/apps/worker/libs/notifications/templates, the same relative path from
 * the compiled file), or under the working directory as a last resort.
 */
export function findTemplateDirectory(): string {
  const candidates = [
    path.resolve(__dirname, '../../templates'),
    path.resolve(process.cwd(), 'libs/notifications/templates'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new TemplateError(`No notification templates in ${candidates.join(' or ')}`);
  return found;
}
