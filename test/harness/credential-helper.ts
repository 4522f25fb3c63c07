// A real Docker credential helper for tests: an executable `docker-credential-<name>`
// that speaks the docker-credential-helpers protocol (get/store/erase/list on
// stdin/stdout, "credentials not found" on a miss) and keeps its secrets in a JSON
// file the test can read. Put `binDir` first on PATH to use it.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { makeTempDir } from './temp.js';

export interface HelperEntry {
  ServerURL: string;
  Username: string;
  Secret: string;
}

export interface InstalledCredentialHelper {
  /** The name for credsStore / credHelpers. */
  name: string;
  binDir: string;
  /** binDir first, then the test process's PATH. */
  path: string;
  /** What the helper holds, by ServerURL. */
  stored(): Promise<Record<string, HelperEntry>>;
  /** Replaces what the helper holds. */
  seed(entries: Record<string, HelperEntry>): Promise<void>;
  /** Every call so far: the action and the server address it was given. */
  calls(): Promise<Array<{ action: string; serverURL: string }>>;
}

const SCRIPT = (storePath: string, logPath: string) => `#!${process.execPath}
const fs = require('node:fs');
const STORE = ${JSON.stringify(storePath)};
const LOG = ${JSON.stringify(logPath)};
const action = process.argv[2];
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const store = fs.existsSync(STORE) ? JSON.parse(fs.readFileSync(STORE, 'utf8')) : {};
  const notFound = () => { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); };
  if (action === 'store') {
    const entry = JSON.parse(input);
    fs.appendFileSync(LOG, JSON.stringify({ action, serverURL: entry.ServerURL }) + '\\n');
    store[entry.ServerURL] = entry;
    fs.writeFileSync(STORE, JSON.stringify(store));
    return;
  }
  const serverURL = input.trim();
  fs.appendFileSync(LOG, JSON.stringify({ action, serverURL }) + '\\n');
  if (action === 'get') {
    if (!store[serverURL]) notFound();
    process.stdout.write(JSON.stringify(store[serverURL]));
  } else if (action === 'erase') {
    if (!store[serverURL]) notFound();
    delete store[serverURL];
    fs.writeFileSync(STORE, JSON.stringify(store));
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.values(store).map((e) => [e.ServerURL, e.Username]))));
  } else {
    process.stdout.write('unknown credential helper action ' + action + '\\n');
    process.exit(1);
  }
});
`;

export async function installCredentialHelper(name = 'ocikittest'): Promise<InstalledCredentialHelper> {
  const binDir = makeTempDir('ocikit-cred-helper-');
  const storePath = join(binDir, 'store.json');
  const logPath = join(binDir, 'calls.jsonl');
  const program = join(binDir, `docker-credential-${name}`);
  await writeFile(program, SCRIPT(storePath, logPath));
  await chmod(program, 0o755);
  await writeFile(logPath, '');
  return {
    name,
    binDir,
    path: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
    stored: async () => {
      try {
        return JSON.parse(await readFile(storePath, 'utf8')) as Record<string, HelperEntry>;
      } catch {
        return {};
      }
    },
    seed: (entries) => writeFile(storePath, JSON.stringify(entries)),
    calls: async () =>
      (await readFile(logPath, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { action: string; serverURL: string }),
  };
}

/** A helper that fails the way a locked keychain does: exit 1 with its reason on stdout. */
export async function installFailingCredentialHelper(name: string, reason: string): Promise<{ name: string; path: string }> {
  const binDir = makeTempDir('ocikit-cred-helper-');
  const program = join(binDir, `docker-credential-${name}`);
  await writeFile(program, `#!/bin/sh\ncat >/dev/null\necho ${JSON.stringify(reason)}\nexit 1\n`);
  await chmod(program, 0o755);
  return { name, path: `${binDir}${delimiter}${process.env.PATH ?? ''}` };
}
