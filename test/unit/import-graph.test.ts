// No import cycles in scripts/lib (issue 9, section 6).
//
// The graph is built from the TypeScript syntax tree of every module (not a
// regular expression, so comments and strings cannot fake an import), over the
// relative specifiers: `import … from './x.ts'`, `export … from`, side-effect
// imports and `import('./x.ts')`. Each edge is marked type-only when the
// compiler erases it: `import type …`, `export type … from` and
// `typeof import('./x.ts')`. Under `verbatimModuleSyntax` (tsconfig.json) an
// `import { type A } from './x.ts'` is NOT erased (it stays as a side-effect
// import), so it counts as a runtime edge.
//
// Decision: the test fails on every cycle, runtime or type-only, and says
// which kind each one is.
// - A runtime cycle can leave a module's exports undefined while the other
//   module is still initialising (order-dependent bugs).
// - A type-only cycle cannot break at run time. But it still ties two modules
//   together: neither can be read, tested or moved without the other. The
//   issue asks for no cycle at all, and the cycles found when the test was
//   written were all type-only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const libRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/lib');

interface Edge {
  to: string;
  typeOnly: boolean;
}

/** The imports of one module (relative ones, and packages when `all`), each marked runtime or type-only. */
function moduleImports(fileName: string, text: string, all = false): { spec: string; typeOnly: boolean }[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: { spec: string; typeOnly: boolean }[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (all || spec.startsWith('.')) found.push({ spec, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, Boolean(node.importClause?.isTypeOnly));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every module under `root` (relative path) with its edges to other modules under `root`. */
function importGraph(root: string): { graph: Map<string, Edge[]>; unresolved: string[] } {
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const graph = new Map<string, Edge[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const abs = path.join(root, file);
    const edges: Edge[] = [];
    for (const { spec, typeOnly } of moduleImports(abs, readFileSync(abs, 'utf8'))) {
      const target = path.resolve(path.dirname(abs), spec);
      if (!existsSync(target)) {
        unresolved.push(`${file}: ${spec}`);
        continue;
      }
      const rel = path.relative(root, target);
      if (!rel.startsWith('..')) edges.push({ to: rel.split(path.sep).join('/'), typeOnly });
    }
    graph.set(file.split(path.sep).join('/'), edges);
  }
  return { graph, unresolved };
}

/**
 * Every elementary cycle, each listed once, starting at its smallest module
 * name (Johnson's idea without the blocking lists: the graphs are small). A
 * cycle is type-only when at least one of its edges is erased at compile time.
 */
function findCycles(graph: Map<string, Edge[]>, limit = 200): { path: string[]; typeOnly: boolean }[] {
  const nodes = [...graph.keys()].sort();
  const cycles: { path: string[]; typeOnly: boolean }[] = [];
  for (const start of nodes) {
    const stack: string[] = [start];
    const erased: boolean[] = [];
    const onStack = new Set([start]);
    const walk = (at: string): void => {
      for (const edge of graph.get(at) ?? []) {
        if (cycles.length >= limit) return;
        if (edge.to === start) {
          cycles.push({ path: [...stack, start], typeOnly: [...erased, edge.typeOnly].some(Boolean) });
        } else if (edge.to > start && !onStack.has(edge.to) && graph.has(edge.to)) {
          stack.push(edge.to);
          erased.push(edge.typeOnly);
          onStack.add(edge.to);
          walk(edge.to);
          onStack.delete(edge.to);
          erased.pop();
          stack.pop();
        }
      }
    };
    walk(start);
  }
  return cycles;
}

test('the parser tells runtime imports from erased ones', () => {
  const found = moduleImports(
    'x.ts',
    [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "import { type C } from './c.ts';",
      "export { d } from './d.ts';",
      "export type { E } from './e.ts';",
      "import 'zx';",
      "// import { f } from './f.ts';",
      "const s = \"import { g } from './g.ts'\";",
      "type H = typeof import('./h.ts');",
      "const i = () => import('./i.ts');",
    ].join('\n'),
  );
  assert.equal(found, [
    { spec: './a.ts', typeOnly: false },
    { spec: '../b.ts', typeOnly: true },
    { spec: './c.ts', typeOnly: false },
    { spec: './d.ts', typeOnly: false },
    { spec: './e.ts', typeOnly: true },
    { spec: './h.ts', typeOnly: true },
    { spec: './i.ts', typeOnly: false },
  ]);
});

test('cycles are found once each, with their kind', () => {
  const graph = new Map<string, Edge[]>([
    ['a', [{ to: 'b', typeOnly: false }]],
    ['b', [{ to: 'a', typeOnly: false }, { to: 'c', typeOnly: false }]],
    ['c', [{ to: 'd', typeOnly: true }]],
    ['d', [{ to: 'b', typeOnly: false }]],
    ['e', [{ to: 'e', typeOnly: false }]],
    ['f', [{ to: 'a', typeOnly: false }]],
  ]);
  assert.equal(findCycles(graph), [
    { path: ['a', 'b', 'a'], typeOnly: false },
    { path: ['b', 'c', 'd', 'b'], typeOnly: true },
    { path: ['e', 'e'], typeOnly: false },
  ]);
});

test('scripts/lib has no import cycle', () => {
  const { graph, unresolved } = importGraph(libRoot);
  assert.ok(graph.size > 100, `expected the whole library, read ${graph.size} modules from ${libRoot}`);
  assert.equal(unresolved, [], 'every relative import names an existing file (with its .ts extension)');
  const cycles = findCycles(graph);
  const runtime = cycles.filter((c) => !c.typeOnly);
  const typeOnly = cycles.filter((c) => c.typeOnly);
  const list = (cs: typeof cycles) => cs.map((c) => `  ${c.path.join(' -> ')}`).join('\n');
  const message = [
    runtime.length ? `${runtime.length} runtime import cycle(s) (a module may see another's exports undefined):\n${list(runtime)}` : '',
    typeOnly.length ? `${typeOnly.length} type-only import cycle(s) (harmless at run time, but the modules cannot be separated):\n${list(typeOnly)}` : '',
    'How to fix: move the shared type or helper into its own module that both import, or pass it in as a parameter.',
  ].filter(Boolean).join('\n');
  assert.ok(cycles.length === 0, message);
});

/** Every module under scripts/lib, as a path relative to it, with its text. */
function libModules(): { file: string; text: string }[] {
  return (readdirSync(libRoot, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({ file: f.split(path.sep).join('/'), text: readFileSync(path.join(libRoot, f), 'utf8') }));
}

// The layer rules of scripts/lib/README.md that a test can hold.

test('the library never prints or exits (only scripts/*.mjs do)', () => {
  const offenders: string[] = [];
  for (const { file, text } of libModules()) {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of code.matchAll(/\b(console\.\w+|process\.exit|process\.(stdout|stderr)\.write)\b/g)) offenders.push(`${file}: ${m[0]}`);
  }
  assert.equal(offenders, [], 'return data (or throw a LabError) and let the entry script print');
});

test('search/ and analyze/ are pure: they import only each other, results/, util/ and errors.ts', () => {
  const offenders: string[] = [];
  for (const { file, text } of libModules()) {
    if (!/^(search|analyze)\//.test(file)) continue;
    for (const { spec, typeOnly } of moduleImports(file, text, true)) {
      if (typeOnly) continue;
      const target = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec;
      if (!/^(search|analyze|results|util)\/|^errors\.ts$/.test(target)) offenders.push(`${file} imports ${spec}`);
    }
  }
  assert.equal(offenders, [], 'move the side effect into stages/ (or the reading into collect/) and pass the data in');
});

test.run();
