// Type-checks every ```ts block in README.md and docs/*.md, so a doc snippet that no longer compiles
// fails the test command. Imports are hoisted; the rest runs inside an async function, with the few
// free names snippets use declared below.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.tmp', 'doc-snippets');
const AMBIENT = `
declare const urls: string[];
declare const paths: string[];
declare const records: Array<{ url: string; id: number }>;
`;

async function sources(): Promise<string[]> {
  const docs = (await readdir(path.join(root, 'docs'))).filter((name) => name.endsWith('.md'));
  return ['README.md', ...docs.map((name) => path.join('docs', name))];
}

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/** Split a snippet into its import statements (one or many lines each, as a formatter writes them) and the rest. */
function split(code: string): { imports: string[]; body: string[] } {
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of code.split('\n')) {
    if (!inImport && /^import\s/.test(line)) inImport = true;
    (inImport ? imports : body).push(line);
    // An import ends with its module specifier: `from '…';` or a side-effect `import '…';`.
    if (inImport && /(from\s+|^import\s+)['"][^'"]+['"];?\s*$/.test(line)) inImport = false;
  }
  return { imports, body };
}

function toModule(code: string): string {
  const { imports, body } = split(code);
  return `${imports.join('\n')}\n${AMBIENT}\nexport async function snippet(): Promise<void> {\n${body.join('\n')}\n}\n`;
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const files: string[] = [];
for (const source of await sources()) {
  const found = snippets(await readFile(path.join(root, source), 'utf8'));
  for (const [i, code] of found.entries()) {
    const name = `${source.replace(/[/.]/g, '_')}_${i}.ts`;
    await writeFile(path.join(out, name), toModule(code));
    files.push(name);
  }
}
await writeFile(
  path.join(out, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
    include: ['*.ts'],
  }),
);
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', out], {
    stdio: 'inherit',
  });
  console.log(`doc snippets: ${files.length} passed, 0 failed`);
} catch {
  console.error(
    'doc snippets: a code block in the docs does not compile (see above; files in .tmp/doc-snippets)',
  );
  process.exitCode = 1;
}
