import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

/** The composer's own modules each one imports, type-only imports included. */
function composerImports(): Map<string, string[]> {
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter(
    (file) => /\.tsx?$/.test(file) && !/\.test\.ts$/.test(file),
  );
  const modules = new Set(files.map((file) => file.replace(/\.tsx?$/, '')));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(path.join(dir, file), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    const imported = source.statements
      .filter(ts.isImportDeclaration)
      .map((statement) => (statement.moduleSpecifier as ts.StringLiteral).text)
      .filter((specifier) => specifier.startsWith('./'))
      .map((specifier) => specifier.slice(2))
      .filter((name) => modules.has(name));
    graph.set(file.replace(/\.tsx?$/, ''), imported);
  }
  return graph;
}

/** An import path that comes back to where it started, or undefined when there is none. */
function cycleIn(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (trail.includes(name)) return [...trail.slice(trail.indexOf(name)), name];
    if (done.has(name)) return undefined;
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next, [...trail, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of graph.keys()) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

it('keeps the composer’s modules importing each other as a tree, never in a circle', () => {
  const graph = composerImports();
  expect(graph.get('Composer')).toContain('NoteForm');
  expect(cycleIn(graph)).toBeUndefined();
});
