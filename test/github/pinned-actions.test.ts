// Every `uses:` a user may copy (examples, this repository's own workflows, the
// README and docs) is either this repository's action or a third-party action pinned
// by commit SHA with its version in a comment: a tag can be moved under a workflow (one
// was force-pushed in a 2026 supply-chain compromise), a commit cannot. The actions
// users meet most are at their current majors.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** The current major of the third-party actions the examples use (December 2026). */
const CURRENT_MAJOR: Record<string, number> = {
  'actions/checkout': 7,
  'actions/setup-node': 7,
  'actions/setup-go': 7,
  'actions/attest-build-provenance': 4,
  'docker/login-action': 4,
  'docker/build-push-action': 7,
  'docker/setup-buildx-action': 4,
  'github/codeql-action': 4,
};

function filesUnder(dir: string, pattern: RegExp): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => join(abs, name));
}

const FILES = [
  ...filesUnder('examples', /\.ya?ml$/),
  ...filesUnder('.github/workflows', /\.ya?ml$/),
  ...filesUnder('docs', /\.md$/),
  join(ROOT, 'README.md'),
];

interface Use {
  where: string;
  line: string;
}

function usesIn(file: string): Use[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ where: `${relative(ROOT, file)}:${i + 1}`, line: line.trim() }))
    .filter(({ line }) => /^(- )?uses:\s/.test(line));
}

/** Why a `uses:` line is not acceptable, or undefined. */
function problem(line: string): string | undefined {
  const m = /^(?:- )?uses:\s+(\S+?)(?:@(\S+))?(?:\s+#\s*(\S+))?$/.exec(line);
  if (!m) return 'not a uses: line this test can read';
  const [, action, ref, comment] = m;
  if (action!.startsWith('./') || action!.startsWith('docker://')) return undefined;
  if (action === 'ocikit/ocikit' || action!.startsWith('ocikit/ocikit/')) return undefined;
  if (!ref || !/^[0-9a-f]{40}$/.test(ref)) return `${action} is not pinned by commit SHA (got @${ref ?? 'nothing'})`;
  if (!comment || !/^v?\d+\.\d+\.\d+$/.test(comment)) return `${action}@${ref.slice(0, 7)} has no "# vX.Y.Z" comment naming its version`;
  const repo = action!.split('/').slice(0, 2).join('/');
  const major = Number(/^v?(\d+)/.exec(comment)![1]);
  if (CURRENT_MAJOR[repo] !== undefined && major < CURRENT_MAJOR[repo]!) return `${repo} ${comment} is behind its current major v${CURRENT_MAJOR[repo]}`;
  return undefined;
}

describe('uses: in examples, workflows and docs', () => {
  it('finds them (examples, CI, README and docs all have some)', () => {
    const where = FILES.flatMap(usesIn).map((u) => u.where.split(/[/:]/)[0]);
    expect(new Set(where)).toEqual(new Set(['examples', '.github', 'docs', 'README.md']));
  });

  it('are this repository or pinned by SHA with the version in a comment, at current majors', () => {
    const bad = FILES.flatMap(usesIn).flatMap(({ where, line }) => {
      const why = problem(line);
      return why ? [`${where}: ${why}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it.each([
    ['uses: docker/login-action@v4', /not pinned by commit SHA/],
    ['uses: docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121', /no "# vX.Y.Z" comment/],
    ['- uses: docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121 # v3.7.0', /behind its current major v4/],
    ['uses: aquasecurity/trivy-action@0.33.1', /not pinned/],
  ])('refuses %s', (line, why) => {
    expect(problem(line)).toMatch(why);
  });
});
