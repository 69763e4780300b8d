import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

// Reads the production builds (`wxt build`, `wxt build -b firefox`), no browser needed.
const BUILDS = [
  { dir: '.output/chrome-mv3', toolbarButtonKey: 'action' },
  { dir: '.output/firefox-mv2', toolbarButtonKey: 'browser_action' },
] as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type IconSet = Record<string, string>;

interface Manifest {
  icons?: IconSet;
  action?: { default_icon?: IconSet | string };
  browser_action?: { default_icon?: IconSet | string };
}

async function readManifest(buildDir: string): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(buildDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Width and height from a PNG's IHDR chunk, which the format puts first, right after the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } | 'not a PNG' {
  const isPng =
    bytes.length >= 24 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.toString('latin1', 12, 16) === 'IHDR';
  if (!isPng) return 'not a PNG';
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const { dir, toolbarButtonKey } of BUILDS) {
  test(`every icon the ${dir} manifest declares is a PNG of its declared size`, async () => {
    const manifest = await readManifest(dir);
    const extensionIcons = manifest.icons ?? {};
    const buttonIcons = manifest[toolbarButtonKey]?.default_icon ?? {};
    // A single path says no size, so the browser would scale one picture for every use.
    expect(typeof buttonIcons, `${toolbarButtonKey}.default_icon`).toBe('object');
    expect(Object.keys(extensionIcons), 'icons').not.toHaveLength(0);
    expect(Object.keys(buttonIcons), `${toolbarButtonKey}.default_icon`).not.toHaveLength(0);

    const declared = [
      ...Object.entries(extensionIcons).map(([size, file]) => ({ key: 'icons', size, file })),
      ...Object.entries(buttonIcons).map(([size, file]) => ({
        key: `${toolbarButtonKey}.default_icon`,
        size,
        file,
      })),
    ];
    for (const { key, size, file } of declared) {
      const bytes = await readFile(path.join(dir, file)).catch(() => null);
      expect(bytes, `${key}["${size}"]: ${file} is in the build`).not.toBeNull();
      expect(pngSize(bytes!), `${key}["${size}"]: ${file}`).toEqual({
        width: Number(size),
        height: Number(size),
      });
    }
  });
}

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
}

/**
 * Preact's renderer supports `dangerouslySetInnerHTML` (`dom.innerHTML = props.__html`), so
 * every bundle with Preact in it carries that assignment. Our code never passes the prop
 * (DESIGN.md: text only), so this warning is about code we ship but never run.
 */
async function isPreactInnerHtmlBranch(buildDir: string, warning: LintMessage): Promise<boolean> {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file || !warning.line) return false;
  const source = await readFile(path.join(buildDir, warning.file), 'utf8');
  const line = source.split('\n')[warning.line - 1] ?? '';
  const flagged = line.slice((warning.column ?? 1) - 1);
  return /^[\w$]+\.innerHTML\s*=\s*[\w$]+\.__html\b/.test(flagged);
}

test('web-ext lint finds no error in the Firefox package and no warning from our code', async () => {
  // The linter parses every script of the package: ~15 s here, more on a busy machine.
  test.setTimeout(120_000);
  const dir = '.output/firefox-mv2';
  const webExt = path.resolve('node_modules/.bin/web-ext');
  // web-ext exits non-zero when the linter finds errors; the report on stdout says which.
  const { stdout } = await promisify(execFile)(
    webExt,
    ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'],
    { env: { ...process.env, NO_UPDATE_NOTIFIER: '1' }, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as LintReport;

  const describeMessage = ({ code, file, line, column, message }: LintMessage) =>
    `${code} ${file ?? ''}:${line ?? ''}:${column ?? ''} ${message}`;
  expect(report.errors.map(describeMessage)).toEqual([]);
  const ours: string[] = [];
  for (const warning of report.warnings) {
    if (!(await isPreactInnerHtmlBranch(dir, warning))) ours.push(describeMessage(warning));
  }
  expect(ours).toEqual([]);
});
