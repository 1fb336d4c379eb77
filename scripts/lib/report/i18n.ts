import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportError } from './errors.ts';

/** Languages with a `templates/i18n/<lang>.json`. */
export const REPORT_LANGS = ['en', 'es'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export function isReportLang(value: unknown): value is ReportLang {
  return (REPORT_LANGS as readonly unknown[]).includes(value);
}

/** Nested message tree as stored in the JSON files. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** Looks a dotted key up and fills `{name}` placeholders. Throws on a missing key. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface Messages {
  lang: ReportLang;
  /** BCP 47 tag for Intl formatting, from the file's `meta.locale`. */
  locale: string;
  t: Translate;
  /**
   * A message that depends on a count: `<key>.one`, `<key>.other` ... chosen by
   * the locale's plural rules (`Intl.PluralRules`), with `{n}` filled by `n` as
   * given (already formatted) and `count` deciding the form.
   */
  plural: (key: string, count: number, n: string, params?: Record<string, string | number>) => string;
  /** True when the dotted key names a message (used to check completeness). */
  has: (key: string) => boolean;
}

export async function loadMessages(templatesDir: string, lang: ReportLang): Promise<Messages> {
  const file = path.join(templatesDir, 'i18n', `${lang}.json`);
  let tree: MessageTree;
  try {
    tree = JSON.parse(await readFile(file, 'utf8')) as MessageTree;
  } catch (error) {
    throw new ReportError('missing-template', file, `${file}: cannot load messages (${(error as Error).message})`, { cause: error });
  }
  return createMessages(tree, lang, file);
}

/** Synchronous twin of `loadMessages`, for callers that are not async (CI artifacts). */
export function loadMessagesSync(templatesDir: string, lang: ReportLang): Messages {
  const file = path.join(templatesDir, 'i18n', `${lang}.json`);
  try {
    return createMessages(JSON.parse(readFileSync(file, 'utf8')) as MessageTree, lang, file);
  } catch (error) {
    if (error instanceof ReportError) throw error;
    throw new ReportError('missing-template', file, `${file}: cannot load messages (${(error as Error).message})`, { cause: error });
  }
}

export function createMessages(tree: MessageTree, lang: ReportLang, source = `${lang}.json`): Messages {
  const lookup = (key: string): string | undefined => {
    let node: string | MessageTree | undefined = tree;
    for (const part of key.split('.')) {
      if (typeof node !== 'object') return undefined;
      node = Object.hasOwn(node, part) ? node[part] : undefined;
    }
    return typeof node === 'string' ? node : undefined;
  };
  // A missing message is a bug in the template or the language file; failing
  // the render beats shipping a report with a raw key in it.
  const t: Translate = (key, params) => {
    const message = lookup(key);
    if (message === undefined) throw new ReportError('missing-template', source, `${source}: no message for key "${key}"`);
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
  };
  const locale = lookup('meta.locale') ?? lang;
  const rules = new Intl.PluralRules(locale);
  const plural: Messages['plural'] = (key, count, n, params = {}) => {
    const form = `${key}.${rules.select(count)}`;
    return t(lookup(form) === undefined ? `${key}.other` : form, { ...params, n });
  };
  return { lang, locale, t, plural, has: (key) => lookup(key) !== undefined };
}
