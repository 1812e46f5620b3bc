#!/usr/bin/env node
/**
 * Module boundaries of packages/core (docs/architecture.md, "Modules"); part of `npm run lint`.
 *
 * A module is a folder directly under packages/core/src. The rules:
 *   1. From another module, and from outside packages/core (apps, bench, e2e, other packages), a module is
 *      entered only through its `index.ts` (outside code normally imports `@evergreen/core`). Files inside a
 *      module import each other freely. `shared` is the kernel: a set of small leaf files, any of which other
 *      core modules may import directly (from outside core it too goes through `@evergreen/core`).
 *   2. Imports between modules go down the layer list in LAYERS only (a module may import modules of a lower
 *      layer, never of its own or a higher one), so no cycle between modules can form.
 *   3. Every folder under packages/core/src is named in LAYERS (a new module gets its place on purpose).
 * Tests (*.test.ts) inside a module follow rule 1 but not rule 2: like the server's tests, they may set up
 * data through any module (a performance test creates its workspace through workspaces).
 *
 * Imports are read with a regular expression (static `import … from`, `export … from`, bare `import '…'`,
 * dynamic `import('…')`), type-only imports included: a type import is a dependency too.
 *
 * Usage: node scripts/check-modules.mjs [--root DIR] [--graph]
 *   --graph  prints the module graph (who imports whom, with the number of files) and its cycles, and exits 0.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Lowest first. A module may import only modules of a strictly lower layer. */
export const LAYERS = [
  ['shared'],
  ['audit'],
  ['imports'],
  ['roster'],
  ['mail'],
  ['team', 'tokens'],
  ['auth'],
  ['messaging'],
  ['performance'],
  ['workspaces'],
  ['agreements'],
  ['budgets', 'campaigns', 'portfolio'],
  ['today'],
  ['demo'],
];

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const ROOT = resolve(
  rootArg >= 0 ? args[rootArg + 1] : join(dirname(new URL(import.meta.url).pathname), '..'),
);
const CORE = join(ROOT, 'packages', 'core', 'src');
const SCAN = ['apps', 'packages', 'bench', 'e2e', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.vite', 'coverage', 'test-results']);
const EXT = /\.(ts|tsx|mts|mjs|js)$/;
const layerOf = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i])));

function walk(dir, out = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (EXT.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Import specifiers of a file, with line numbers; comments are blanked first (keeping line breaks). */
function importsOf(text) {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    const line = code.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    found.push({ spec, line });
  }
  return found;
}

/** The core module a path lies in ('' for packages/core/src itself), or null outside packages/core/src. */
function moduleOf(file) {
  const rel = relative(CORE, file);
  if (rel.startsWith('..') || rel === '') return null;
  const parts = rel.split(sep);
  return parts.length === 1 ? '' : parts[0];
}

const problems = [];
const edges = new Map(); // "from>to" -> [file:line]

for (const top of SCAN) {
  for (const file of walk(join(ROOT, top))) {
    const fromModule = moduleOf(file);
    for (const { spec, line } of importsOf(readFileSync(file, 'utf8'))) {
      const where = `${relative(ROOT, file)}:${line}`;
      if (spec.startsWith('@evergreen/core/')) {
        problems.push(`${where}: deep import "${spec}" — import "@evergreen/core"`);
        continue;
      }
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      const toModule = moduleOf(target);
      if (toModule === null || toModule === fromModule) continue;
      const relTarget = relative(join(CORE, toModule), target);
      if (fromModule === null || fromModule === '') {
        // Outside packages/core, or its root index.ts: only through a module's index.ts (or the root one).
        if (toModule === '' || relTarget === 'index.ts') continue;
        problems.push(
          `${where}: deep import of ${relative(ROOT, target)} — import "@evergreen/core" (or ${toModule}/index.ts)`,
        );
        continue;
      }
      if (toModule === '') {
        problems.push(
          `${where}: imports packages/core/src/index.ts from inside core — import the module's index.ts`,
        );
        continue;
      }
      if (/\.test\.tsx?$/.test(file)) {
        if (toModule !== 'shared' && relTarget !== 'index.ts')
          problems.push(`${where}: deep import of ${relative(ROOT, target)} — import ${toModule}/index.ts`);
        continue;
      }
      const key = `${fromModule}>${toModule}`;
      if (!edges.has(key)) edges.set(key, []);
      edges.get(key).push(where);
      if (toModule !== 'shared' && relTarget !== 'index.ts') {
        problems.push(
          `${where}: deep import of ${relative(ROOT, target)} — module "${toModule}" is entered only through ${toModule}/index.ts`,
        );
      }
    }
  }
}

// Every module folder has a place in LAYERS and an index.ts.
for (const name of readdirSync(CORE)) {
  if (!statSync(join(CORE, name)).isDirectory()) continue;
  if (!layerOf.has(name))
    problems.push(`packages/core/src/${name}: module not in LAYERS of scripts/check-modules.mjs`);
  try {
    statSync(join(CORE, name, 'index.ts'));
  } catch {
    problems.push(`packages/core/src/${name}: module without an index.ts`);
  }
}

// Cycles between modules (strongly connected components of more than one module).
const graph = new Map();
for (const key of edges.keys()) {
  const [a, b] = key.split('>');
  if (!graph.has(a)) graph.set(a, new Set());
  if (!graph.has(b)) graph.set(b, new Set());
  graph.get(a).add(b);
}
function cycles() {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}
const found = cycles();
/** The shortest path from `from` to `to` inside `scc` (breadth first), as a list of modules. */
function pathWithin(scc, from, to) {
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const v = queue.shift();
    if (v === to) break;
    for (const w of graph.get(v)) {
      if (scc.includes(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  const path = [];
  for (let v = to; v !== null; v = prev.get(v)) path.unshift(v);
  return path;
}
for (const scc of found) {
  // Each import that goes up the layers closes a cycle: show the shortest one through it.
  const upward = [...edges.entries()].filter(([k]) => {
    const [x, y] = k.split('>');
    return scc.includes(x) && scc.includes(y) && !(layerOf.get(y) < layerOf.get(x));
  });
  const lines = upward.map(([k, w]) => {
    const [x, y] = k.split('>');
    const cycle = [x, ...pathWithin(scc, y, x)];
    return `    ${cycle.join(' -> ')}   (closed by ${w[0]}: ${x} -> ${y})`;
  });
  problems.push(`cycle between modules ${scc.join(', ')}:\n${lines.join('\n')}`);
}

// Direction: only to a strictly lower layer.
for (const [key, where] of edges) {
  const [a, b] = key.split('>');
  if (!layerOf.has(a) || !layerOf.has(b)) continue;
  if (layerOf.get(b) >= layerOf.get(a)) {
    problems.push(
      `${where[0]}: "${a}" imports "${b}", which is not below it in LAYERS (scripts/check-modules.mjs)${where.length > 1 ? ` — ${where.length} imports` : ''}`,
    );
  }
}

if (args.includes('--graph')) {
  const rows = [...edges.entries()].sort(([x], [y]) => x.localeCompare(y));
  for (const [k, w] of rows) console.log(`${k.replace('>', ' -> ')}  ${w.length}`);
  console.log(found.length ? `cycles: ${found.map((c) => c.join(' ')).join(' | ')}` : 'cycles: none');
  process.exit(0);
}

if (problems.length > 0) {
  console.error(`check-modules: ${problems.length} problem(s) with the module boundaries of packages/core\n`);
  for (const p of problems) console.error(`  ${p}`);
  console.error('\nThe rules and the allowed direction: docs/architecture.md, "Modules".');
  process.exit(1);
}
console.log(
  `check-modules: ${edges.size} module dependencies, all through index.ts and down the layers; no cycles`,
);
