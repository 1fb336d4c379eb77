import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ReportError } from './errors.ts';
import type { Messages } from './i18n.ts';

/** `templates/` at the repository root. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

// Compile options for the page and every partial: strict so a view-model field
// renamed without its template fails the render instead of printing nothing;
// preventIndent so an indented partial call does not indent the lines of a <pre>.
const COMPILE_OPTIONS = { strict: true, preventIndent: true } as const;

/**
 * Builds a fresh Handlebars environment for one render (no global helpers or
 * partials leak between renders or languages) and returns a page template
 * (`templates/<page>.hbs`).
 * `templates/partials/*.hbs` become partials by file name, and `report.css`
 * becomes the `styles` partial so the stylesheet is inlined without a
 * triple-stash.
 */
export async function compilePageTemplate(page: 'report' | 'runs-index' | 'compare', messages: Messages, templatesDir = TEMPLATES_DIR): Promise<Handlebars.TemplateDelegate> {
  const hb = Handlebars.create();
  // Returns a plain string, so Handlebars escapes it like any other value.
  hb.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => {
    if (typeof key !== 'string') throw new Error('{{t}} needs a string key');
    return messages.t(key, options.hash as Record<string, string | number>);
  });

  const partialsDir = path.join(templatesDir, 'partials');
  for (const entry of (await readTemplateDir(partialsDir)).sort()) {
    if (!entry.endsWith('.hbs')) continue;
    const source = await readTemplate(path.join(partialsDir, entry));
    hb.registerPartial(entry.slice(0, -'.hbs'.length), hb.compile(source, COMPILE_OPTIONS));
  }
  const css = await readTemplate(path.join(templatesDir, 'report.css'));
  if (/\{\{|<\/style/i.test(css)) throw new ReportError('missing-template', 'report.css', 'report.css must not contain "{{" or "</style"');
  hb.registerPartial('styles', css);

  return hb.compile(await readTemplate(path.join(templatesDir, `${page}.hbs`)), COMPILE_OPTIONS);
}

/** The lab report page; kept for callers of the first version. */
export const compileReportTemplate = (messages: Messages, templatesDir = TEMPLATES_DIR) => compilePageTemplate('report', messages, templatesDir);

async function readTemplate(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ReportError('missing-template', file, `${file}: cannot read template`, { cause: error });
  }
}

async function readTemplateDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    throw new ReportError('missing-template', dir, `${dir}: cannot list partials`, { cause: error });
  }
}
