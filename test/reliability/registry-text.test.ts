// Text from a registry is data: an error answer, an artifact type or an annotation
// never ends a log line to start one of its own (a forged `::error::` or
// `::add-mask::` workflow command), never reaches a terminal as an escape sequence
// or opens a GitLab log section, and never breaks out of a job summary's table or
// diagram. A hostile server by necessity: no real registry sends such text on demand.
import { afterEach, describe, expect, test } from '@jest/globals';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import { type ImageIndex, type ImageManifest, describeManifest, encodeManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { printable } from '../../packages/core/src/util/printable.js';
import { type HostileHandler, type HostileServer, json, send, startHostileServer } from '../harness/hostile-registry.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { runAction } from '../harness/action-runner.js';

const servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function server(handler: HostileHandler): Promise<HostileServer> {
  const started = await startHostileServer(handler);
  servers.push(started);
  return started;
}

// What an attacker would put in registry text: a forged workflow command on a line
// of its own, a terminal colour, a GitLab section marker, a Unicode line separator.
const FORGED = '\n::error::forged by the registry\n::add-mask::x';
const ANSI = '\u001b[31mred\u001b[0m';
const SECTION = '\u001b[0Ksection_start:1700000000:evil\r\u001b[0K';
const HOSTILE_TEXT = `a${FORGED}${ANSI}${SECTION}\u2028b`;

/** Lines that a runner or a terminal would act on. */
function actionable(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => /^\s*::(error|warning|add-mask|set-output|stop-commands)/.test(line) || /\u001b|\r|\u2028/.test(line));
}

test('printable: controls become visible escapes, other text stays as it is', () => {
  expect(printable(HOSTILE_TEXT)).toBe('a\\n::error::forged by the registry\\n::add-mask::x\\x1b[31mred\\x1b[0m\\x1b[0Ksection_start:1700000000:evil\\r\\x1b[0K\\u2028b');
  expect(printable('plain text, ünïcödé, 日本 and tabs\tok')).toBe('plain text, ünïcödé, 日本 and tabs\\tok');
  expect(printable('\u009b31m')).toBe('\\x9b31m'); // a C1 CSI, which some terminals act on too
});

describe('a registry error answer', () => {
  test('reaches the CLI log escaped: no forged line, no escape sequence', async () => {
    const hostile = await server((_req, res) => {
      json(res, 400, { errors: [{ code: 'DENIED', message: HOSTILE_TEXT }] });
      return true;
    });
    const result = await ocikit(['manifest', 'get', `${hostile.host}/app:v1`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('registry said: DENIED: a\\n::error::forged by the registry');
    expect(actionable(result.stderr)).toEqual([]);
  });

  test('reaches an action log escaped: the runner sees one error, ocikit\'s own', async () => {
    const hostile = await server((_req, res) => {
      json(res, 400, { errors: [{ code: 'DENIED', message: HOSTILE_TEXT }] });
      return true;
    });
    const result = await runAction('pull', { inputs: { reference: `${hostile.host}/app:v1`, path: 'out' } });
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.value).toContain('a\\n::error::forged by the registry');
    expect(result.commands.filter((c) => c.command === 'add-mask')).toEqual([]);
    expect(actionable(result.stdout.split('\n').filter((line) => !line.startsWith('::error::')).join('\n'))).toEqual([]);
  });
});

describe('an annotation in a referrers list', () => {
  /**
   * A registry with the referrers API whose one referrer has hostile text in an
   * annotation (an artifact type with a control character is not a media type: the
   * listing is refused as malformed before anything prints it).
   */
  async function hostileReferrers(): Promise<HostileServer> {
    const empty = { mediaType: MediaType.Empty, digest: digestOf(Buffer.from('{}')), size: 2 };
    const subject: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: 'application/vnd.test', config: empty, layers: [empty] };
    const subjectBytes = Buffer.from(encodeManifest(subject));
    const subjectDescriptor = describeManifest(subject, subjectBytes);
    const referrer: ImageManifest = { ...subject, artifactType: 'application/vnd.hostile', subject: subjectDescriptor, annotations: { 'org.opencontainers.image.created': HOSTILE_TEXT } };
    const referrerBytes = Buffer.from(encodeManifest(referrer));
    const listing: ImageIndex = {
      schemaVersion: 2,
      mediaType: MediaType.ImageIndex,
      manifests: [{ ...describeManifest(referrer, referrerBytes), artifactType: 'application/vnd.hostile', annotations: referrer.annotations! }],
    };
    return server((req, res) => {
      if (req.path.startsWith('/v2/app/referrers/')) {
        json(res, 200, req.path.includes(subjectDescriptor.digest) ? listing : { ...listing, manifests: [] }, { 'content-type': MediaType.ImageIndex });
        return true;
      }
      if (req.path.startsWith('/v2/app/tags/list')) {
        json(res, 200, { name: 'app', tags: ['v1'] });
        return true;
      }
      if (!req.path.startsWith('/v2/app/manifests/')) return false;
      const headers = { 'content-type': MediaType.ImageManifest, 'docker-content-digest': subjectDescriptor.digest };
      if (req.method === 'HEAD') {
        res.writeHead(200, { ...headers, 'content-length': String(subjectBytes.length) });
        res.end();
      } else send(res, 200, subjectBytes, headers);
      return true;
    });
  }

  test("discover: the CLI's Mermaid diagram shows it as entities, its tree and JSON carry no raw control", async () => {
    const hostile = await hostileReferrers();
    const mermaid = await ocikit(['discover', `${hostile.host}/app:v1`, '-o', 'mermaid']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toContain('a#10;::error::forged by the registry#10;::add-mask::x#27;#91;31mred');
    expect(mermaid.stdout.trimEnd().split('\n').at(-1)).toBe('```');
    for (const format of ['tree', 'json']) {
      const result = await ocikit(['discover', `${hostile.host}/app:v1`, '-o', format]);
      expect(result.code).toBe(0);
      expect(actionable(result.stdout + result.stderr)).toEqual([]);
    }
  });

  test('the discover action: its log holds no forged command, its summary table and diagram stay whole', async () => {
    const hostile = await hostileReferrers();
    const result = await runAction('discover', { inputs: { reference: `${hostile.host}/app:v1` } });
    expect(result.code).toBe(0);
    expect(result.commands.filter((c) => ['error', 'add-mask'].includes(c.command))).toEqual([]);
    expect(actionable(result.stdout)).toEqual([]);
    // No line break of the registry's survives into the summary: a blank line would end its HTML table.
    expect(result.summary).not.toContain('forged by the registry\n');
    expect(result.summary).not.toMatch(/\u001b|\u2028/);
    expect(result.summary).toContain('a&#10;::error::forged by the registry');
    expect(result.summary).toContain('a#10;::error::forged by the registry');
  });
});
