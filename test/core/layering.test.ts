// Core is layered: its folders form no circle of imports (each can be read, tested
// and changed knowing only the ones below it), and neither do its files. The order of
// the folders is ../shared/DESIGN.md's table "Inside core"; this test holds that no
// circle exists, whatever the order. Imports are read from the sources as text: every
// relative `import … from`, `export … from` and `import()` with a literal path.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve('packages/core/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** file (relative to src) -> the files it imports (relative to src). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), [...new Set(targets)]);
  }
  return graph;
}

/** The circles of a graph: its strongly connected components of more than one node, or a node importing itself. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return found;
}

/** A file's folder under src ('' for the files at the top: index.ts, errors.ts, version.ts). */
const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

function folderGraph(files: Map<string, string[]>): Map<string, string[]> {
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    // index.ts re-exports everything: it is the top, not a folder peers may import.
    for (const target of targets) if (folderOf(target) !== from && file !== 'index.ts') edges.add(folderOf(target));
  }
  return new Map([...graph].map(([folder, edges]) => [folder, [...edges]]));
}

describe("core's layering", () => {
  const files = importGraph();

  it('reads the imports it checks', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get('copy/copy-graph.ts')).toEqual(expect.arrayContaining(['referrers/copy-referrers.ts', 'graph/copy-manifest-graph.ts']));
  });

  it('has no circle of imports among its files', () => {
    expect(circles(files)).toEqual([]);
  });

  it('has no circle of imports among its folders', () => {
    expect(circles(folderGraph(files))).toEqual([]);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const withCircle = new Map(files);
    withCircle.set('oci/digest.ts', [...(files.get('oci/digest.ts') ?? []), 'copy/copy-graph.ts']);
    expect(circles(folderGraph(withCircle)).flat()).toEqual(expect.arrayContaining(['copy', 'oci']));
    expect(circles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts']]);
  });
});
