// A registry may echo what it was sent: the password, the Basic Authorization
// value it makes, the password percent-encoded. Whatever ocikit prints of a
// registry's words (an error answer, a Warning header) shows none of them, in the
// CLI and in an action. A hostile server by necessity: no real registry echoes
// secrets on demand.
import { afterEach, describe, expect, test } from '@jest/globals';
import { type HostileHandler, type HostileServer, json, startHostileServer } from '../harness/hostile-registry.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { runAction } from '../harness/action-runner.js';

const USER = 'echo-user';
// Characters that percent-encoding changes, so the encoded form is a form of its own.
const PASSWORD = 'p@ss/w:rd+Echo9';
const BASIC_VALUE = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const FORMS = [PASSWORD, BASIC_VALUE, encodeURIComponent(PASSWORD)];

const servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** A Basic-auth registry that answers every authorized request with a Warning and an error echoing the credential in all its forms. */
async function echoingRegistry(): Promise<HostileServer> {
  const echoed = `you sent ${PASSWORD}, i.e. Basic ${BASIC_VALUE}, or ${encodeURIComponent(PASSWORD)} in a URL`;
  const server = await startHostileServer(((req, res) => {
    if (req.headers.authorization !== `Basic ${BASIC_VALUE}`) {
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': 'Basic realm="echo"' });
      return true;
    }
    json(res, 400, { errors: [{ code: 'DENIED', message: echoed }] }, { warning: `299 - "${echoed}"` });
    return true;
  }) as HostileHandler);
  servers.push(server);
  return server;
}

function expectRedacted(text: string): void {
  for (const form of FORMS) expect(text).not.toContain(form);
  expect(text).toContain('you sent ***, i.e. Basic ***, or *** in a URL');
}

describe('a registry that echoes the credential', () => {
  test('the CLI prints its warning and its error with every form of the password as ***', async () => {
    const registry = await echoingRegistry();
    const result = await ocikit(['manifest', 'get', `${registry.host}/app:v1`, '-u', USER, '--password-stdin'], { input: PASSWORD });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: .*you sent \*\*\*/);
    expect(result.stderr).toMatch(/error: .*\n.*registry said: DENIED: you sent \*\*\*/);
    expectRedacted(result.stderr + result.stdout);
  });

  test('an action does the same in its log, annotations and summary', async () => {
    const registry = await echoingRegistry();
    const result = await runAction('pull', { inputs: { reference: `${registry.host}/app:v1`, username: USER, password: PASSWORD, path: 'out' } });
    expect(result.code).toBe(1);
    // The runner is told every form to mask (its own last line of defence)...
    const masked = result.commands.filter((c) => c.command === 'add-mask').map((c) => c.value);
    expect(masked).toEqual(expect.arrayContaining(FORMS));
    // ...and nothing else the step printed carries one.
    const printed = (result.stdout + result.stderr).split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expectRedacted(printed.join('\n') + result.summary);
  });
});
