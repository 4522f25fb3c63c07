export const id = 742;
export const ids = [742];
export const modules = {

/***/ 32808:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  D: () => (/* binding */ dockerConfigCredentials),
  FV: () => (/* binding */ givenCredential),
  Gq: () => (/* binding */ givenCredentialRegistries)
});

// UNUSED EXPORTS: credentialChain, firstCredential

// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/credentials/registry-host.js
var registry_host = __webpack_require__(74839);
;// CONCATENATED MODULE: ./packages/core/dist/credentials/auth-entries.js
/**
 * The parts of a Docker config that belong to one registry: its `auths` entries
 * (under any spelling of its host), its helper, and the edits `login`/`logout` make.
 */


/** Fields of an `auths` entry that hold a secret (and the username that goes with it). */
const SECRET_FIELDS = (/* unused pure expression or super */ null && (['auth', 'username', 'password', 'identitytoken', 'registrytoken']));
/** The `auths` entries for a registry: Docker's own key first, then other spellings in file order. */
function authEntriesFor(config, registry) {
    const host = (0,registry_host/* canonicalRegistryHost */.M7)(registry);
    const preferred = (0,registry_host/* dockerServerAddress */.Q6)(host);
    const matches = Object.entries(config.auths ?? {})
        .filter(([key]) => (0,registry_host/* canonicalRegistryHost */.M7)(key) === host)
        .map(([key, entry]) => ({ key, entry }));
    return [...matches.filter((m) => m.key === preferred), ...matches.filter((m) => m.key !== preferred)];
}
/** `credHelpers[host]`, matched by canonical host as `auths` keys are. */
function hostCredentialHelper(config, registry) {
    const host = (0,registry_host/* canonicalRegistryHost */.M7)(registry);
    const helpers = Object.entries(config.credHelpers ?? {});
    return (helpers.find(([key]) => key === host) ?? helpers.find(([key]) => (0,registry_host/* canonicalRegistryHost */.M7)(key) === host))?.[1] || undefined;
}
/** The helper that holds this registry's secret, if the config names one. */
function credentialHelperFor(config, registry) {
    return hostCredentialHelper(config, registry) ?? (config.credsStore || undefined);
}
/** The addresses a helper may know this registry by: Docker's, then the `auths` keys Docker left for it. */
function serverAddressesFor(config, registry) {
    return [...new Set([(0,registry_host/* dockerServerAddress */.Q6)(registry), ...authEntriesFor(config, registry).map((m) => m.key)])];
}
/**
 * The credential an entry holds, or undefined for an empty one (Docker writes `{}`
 * when the secret went to a helper). `where` names the entry in errors; the
 * secret itself never appears in one.
 */
function credentialFromAuthEntry(entry, where) {
    let username = typeof entry.username === 'string' ? entry.username : '';
    let password = typeof entry.password === 'string' ? entry.password : '';
    if (typeof entry.auth === 'string' && entry.auth !== '') {
        const decoded = decodeAuth(entry.auth);
        if (!decoded) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${where}: "auth" is not base64 of user:password`, {
                hint: 'log in again (ocikit login or docker login) to rewrite it',
            });
        }
        ({ username, password } = decoded);
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
        return { identityToken: entry.identitytoken, ...(username ? { username } : {}) };
    }
    if (!username && !password)
        return undefined;
    if (!username || !password) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${where} has a ${username ? 'username without a password' : 'password without a username'}`, {
            hint: 'log in again (ocikit login or docker login) to rewrite it',
        });
    }
    return { username, password };
}
/** Docker's `auth` field for a credential. */
function encodeAuth(credential) {
    return Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64');
}
/**
 * Stores `auth` under Docker's key for the registry, keeping the entry's other
 * fields (e.g. `email`) and dropping stale secrets under other spellings.
 */
function setAuthEntry(config, registry, credential) {
    removeAuthSecrets(config, registry);
    const key = dockerServerAddress(registry);
    const auths = (config.auths ??= {});
    auths[key] = { ...auths[key], auth: encodeAuth(credential) };
}
/**
 * Strips secret fields from every entry of the registry (an entry left empty goes);
 * true when the config changed. For a login whose secret went to a helper: an old
 * plain-text entry must not outlive it, nor shadow it (`auths` is read before `credsStore`).
 */
function removeAuthSecrets(config, registry) {
    let changed = false;
    for (const { key, entry } of authEntriesFor(config, registry)) {
        for (const field of SECRET_FIELDS) {
            if (field in entry) {
                delete entry[field];
                changed = true;
            }
        }
        if (Object.keys(entry).length === 0 && key !== dockerServerAddress(registry)) {
            delete config.auths[key];
            changed = true;
        }
    }
    return changed;
}
/** Removes every entry of the registry, as `docker logout` does; says whether one held a secret. */
function deleteAuthEntries(config, registry) {
    let changed = false;
    let hadSecret = false;
    for (const { key, entry } of authEntriesFor(config, registry)) {
        hadSecret ||= SECRET_FIELDS.some((field) => typeof entry[field] === 'string' && entry[field] !== '');
        delete config.auths[key];
        changed = true;
    }
    return { changed, hadSecret };
}
function decodeAuth(auth) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(auth.trim()))
        return undefined;
    const text = Buffer.from(auth.trim(), 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0)
        return undefined;
    return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
//# sourceMappingURL=auth-entries.js.map
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./packages/core/dist/credentials/credential-helper.js
/**
 * Docker credential helpers (`docker-credential-<name> get|store|erase`), the
 * protocol of github.com/docker/docker-credential-helpers: the server address or
 * a JSON `{ServerURL, Username, Secret}` on stdin, JSON or an error text on stdout.
 */


/** What helpers answer when they hold nothing for the address (docker-credential-helpers' errCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i;
/** Docker's marker for "Secret is an identity (refresh) token". */
const IDENTITY_TOKEN_USERNAME = '<token>';
/** A helper may prompt (a keychain unlock); one that never answers must not hang a CI job forever. */
const HELPER_TIMEOUT_MS = 60_000;
const OUTPUT_LIMIT = 1024 * 1024;
function credentialHelperProgram(helper) {
    return `docker-credential-${helper}`;
}
/** The credential the helper holds for the address; undefined when it holds none. */
async function credentialHelperGet(helper, serverAddress, options = {}) {
    const result = await runHelper(helper, 'get', serverAddress, options);
    if (result.code !== 0) {
        if (NOT_FOUND.test(result.message))
            return undefined;
        throw helperFailed(helper, 'get', serverAddress, result.message);
    }
    let answer;
    try {
        answer = JSON.parse(result.stdout);
    }
    catch {
        // The output may be a secret in a format we do not know: never repeat it.
        throw new errors/* OcikitError */.Gu('UNAUTHORIZED', `${credentialHelperProgram(helper)} get answered for ${serverAddress} with something that is not JSON`, {
            hint: `check the helper with: echo ${serverAddress} | ${credentialHelperProgram(helper)} get`,
        });
    }
    const username = typeof answer?.Username === 'string' ? answer.Username : '';
    const secret = typeof answer?.Secret === 'string' ? answer.Secret : '';
    if (secret === '')
        return undefined;
    if (username === IDENTITY_TOKEN_USERNAME)
        return { identityToken: secret };
    if (username === '') {
        throw new errors/* OcikitError */.Gu('UNAUTHORIZED', `${credentialHelperProgram(helper)} get answered for ${serverAddress} with a secret but no username`);
    }
    return { username, password: secret };
}
async function credentialHelperStore(helper, serverAddress, credential, options = {}) {
    const input = JSON.stringify({ ServerURL: serverAddress, Username: credential.username, Secret: credential.password });
    const result = await runHelper(helper, 'store', input, options);
    if (result.code !== 0)
        throw helperFailed(helper, 'store', serverAddress, result.message.split(credential.password).join('***'));
}
/** Erases what the helper holds for the address; false when it held nothing. */
async function credentialHelperErase(helper, serverAddress, options = {}) {
    const result = await runHelper(helper, 'erase', serverAddress, options);
    if (result.code === 0)
        return true;
    if (NOT_FOUND.test(result.message))
        return false;
    throw helperFailed(helper, 'erase', serverAddress, result.message);
}
function runHelper(helper, action, input, options) {
    // The name becomes part of a command: a `/` would run any path the config names.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) {
        return Promise.reject(new errors/* OcikitError */.Gu('INVALID_INPUT', `the credential helper name "${helper.slice(0, 100)}" is not valid`, {
            hint: 'credsStore and credHelpers name a helper, e.g. "pass" for docker-credential-pass',
        }));
    }
    const program = credentialHelperProgram(helper);
    const timeoutMs = options.timeoutMs ?? HELPER_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
        // spawn looks the program up on env.PATH when an env is given.
        const child = (0,external_node_child_process_.spawn)(program, [action], { env: { ...(options.env ?? process.env) }, stdio: ['pipe', 'pipe', 'pipe'] });
        const stdout = [];
        const stderr = [];
        let size = 0;
        const collect = (into) => (chunk) => {
            size += chunk.length;
            if (size <= OUTPUT_LIMIT)
                into.push(chunk);
        };
        child.stdout.on('data', collect(stdout));
        child.stderr.on('data', collect(stderr));
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, timeoutMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(error.code === 'ENOENT'
                ? new errors/* OcikitError */.Gu('INVALID_INPUT', `the credential helper ${program} is not installed (not found on PATH)`, {
                    hint: `install ${program}, or remove "${helper}" from credsStore / credHelpers in the registry config`,
                    cause: error,
                })
                : new errors/* OcikitError */.Gu('UNAUTHORIZED', `could not run the credential helper ${program}: ${error.code ?? error.message}`, { cause: error }));
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            const out = Buffer.concat(stdout).toString('utf8').trim();
            const err = Buffer.concat(stderr).toString('utf8').trim();
            if (timedOut) {
                reject(new errors/* OcikitError */.Gu('UNAUTHORIZED', `the credential helper ${program} ${action} did not answer within ${timeoutMs / 1000} s`, {
                    hint: 'a helper that waits for a prompt or an unlocked keychain cannot run unattended in CI',
                }));
                return;
            }
            // On failure stdout carries the helper's error text, never a credential.
            resolve({ code: code ?? (signal ? 128 : 1), stdout: out, message: [err, code === 0 ? '' : out].filter(Boolean).join('\n') || `exited with ${signal ?? `code ${code}`}` });
        });
        child.stdin.on('error', () => { }); // a helper that exits without reading; its exit code says more
        child.stdin.end(input);
    });
}
function helperFailed(helper, action, serverAddress, message) {
    const program = credentialHelperProgram(helper);
    // The helper's own words go in the message: `detail` is shown as the registry's answer.
    const said = message.replace(/\s+/g, ' ').slice(0, 300);
    return new errors/* OcikitError */.Gu('UNAUTHORIZED', `the credential helper ${program} failed to ${action} the credential for ${serverAddress}: ${said}`, {
        hint: `check that ${program} works (echo ${serverAddress} | ${program} get), or remove "${helper}" from credsStore / credHelpers in the registry config`,
    });
}
//# sourceMappingURL=credential-helper.js.map
// EXTERNAL MODULE: ./packages/core/dist/credentials/docker-config.js
var docker_config = __webpack_require__(46274);
;// CONCATENATED MODULE: ./packages/core/dist/credentials/credential-chain.js
/**
 * Where a registry credential comes from, first match wins: what the run was given
 * (CLI -u/-p, an action's inputs), the environment (OCIKIT_USERNAME /
 * OCIKIT_PASSWORD), then Docker's config.json: `credHelpers[host]`, `auths[host]`,
 * `credsStore`. Every front end builds its provider here, so they agree.
 */





/**
 * The lookup chain of every front end: given, environment, Docker config and its
 * helpers. A given credential goes to the registries in `givenFor` only (every
 * registry when it is absent, for a run that talks to one); any other registry
 * gets its Docker config login, or none: never a password given for another.
 */
function credentialChain(lookup = {}, givenFor) {
    const given = givenCredential(lookup, lookup.env);
    if (!given)
        return dockerConfigCredentials(lookup);
    if (givenFor === undefined)
        return async () => given;
    const hosts = new Set(givenFor.map(canonicalRegistryHost));
    const fromConfig = dockerConfigCredentials(lookup);
    return async (registry) => (hosts.has(canonicalRegistryHost(registry)) ? given : fromConfig(registry));
}
/**
 * The registries a credential given to a run that reads some references and
 * writes one is for: the written one's (a source on the same registry shares
 * it), or the sources' when nothing is written to a registry. A copy from Docker
 * Hub to a private registry with `-u`/`-p` must not send the private registry's
 * password to Docker Hub's token service.
 */
function givenCredentialRegistries(written, read) {
    if (written?.kind === 'registry')
        return [written.registry];
    return read.flatMap((reference) => (reference.kind === 'registry' ? [reference.registry] : []));
}
/**
 * The credential given for this run: each half from the explicit value, else from
 * OCIKIT_USERNAME / OCIKIT_PASSWORD (so `-u bot` with OCIKIT_PASSWORD set works).
 * Checked here, so a half-given credential fails before any request. Empty values
 * count as absent (CI systems pass unset inputs as '').
 */
function givenCredential(given = {}, env = process.env) {
    const username = given.username || env.OCIKIT_USERNAME || '';
    const password = given.password || env.OCIKIT_PASSWORD || '';
    if (password && !username) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'a password was given without a username', {
            hint: 'give the username too (-u <username>, or OCIKIT_USERNAME)',
        });
    }
    if (username && !password) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `a username (${username}) was given without a password`, {
            hint: `give the password or token too (${(0,errors/* optionRef */.$j)('password-stdin')}, or OCIKIT_PASSWORD)`,
        });
    }
    return username ? { username, password } : undefined;
}
/** The first credential any provider has. */
function firstCredential(...providers) {
    return async (registry) => {
        for (const provider of providers) {
            const credential = await provider(registry);
            if (credential)
                return credential;
        }
        return undefined;
    };
}
/**
 * Credentials from Docker's config.json (see dockerConfigPath for which file) and
 * the helpers it names. The file is read once, when a registry first asks.
 */
function dockerConfigCredentials(location = {}) {
    const path = (0,docker_config/* dockerConfigPath */.Q1)(location);
    const helperOptions = location.env ? { env: location.env } : {};
    let loaded;
    return async (registry) => {
        const config = await (loaded ??= (0,docker_config/* readDockerConfig */.TO)(path));
        const host = (0,registry_host/* canonicalRegistryHost */.M7)(registry);
        // A helper named for this host is the only place its secret may be.
        const hostHelper = hostCredentialHelper(config, host);
        if (hostHelper)
            return fromHelper(hostHelper, serverAddressesFor(config, host), helperOptions);
        for (const { key, entry } of authEntriesFor(config, host)) {
            const credential = credentialFromAuthEntry(entry, `auths["${key}"] in ${path}`);
            if (credential)
                return credential;
        }
        if (config.credsStore)
            return fromHelper(config.credsStore, serverAddressesFor(config, host), helperOptions);
        return undefined;
    };
}
async function fromHelper(helper, addresses, options) {
    for (const address of addresses) {
        const credential = await credentialHelperGet(helper, address, options);
        if (credential)
            return credential;
    }
    return undefined;
}
//# sourceMappingURL=credential-chain.js.map

/***/ }),

/***/ 46274:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q1: () => (/* binding */ dockerConfigPath),
/* harmony export */   TO: () => (/* binding */ readDockerConfig)
/* harmony export */ });
/* unused harmony exports parseDockerConfig, writeDockerConfig */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71403);
/**
 * Docker's `config.json` (also podman's `auth.json`): where it is, reading it, and
 * writing it back with every field we do not know kept as it was.
 */





/** `--registry-config`, else `REGISTRY_AUTH_FILE`, else `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
function dockerConfigPath(location = {}) {
    const env = location.env ?? process.env;
    if (location.registryConfig)
        return location.registryConfig;
    if (env.REGISTRY_AUTH_FILE)
        return env.REGISTRY_AUTH_FILE;
    if (env.DOCKER_CONFIG)
        return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.DOCKER_CONFIG, 'config.json');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.docker', 'config.json');
}
/** The file's contents; a file that does not exist is an empty config (`login` creates it). */
async function readDockerConfig(path) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return {};
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `cannot read the registry config ${path}`, {
            detail: error.code ?? String(error),
            cause: error,
        });
    }
    return parseDockerConfig(text, path);
}
/**
 * A config's text, checked as readDockerConfig checks a file's; `source` names it in
 * errors (a path, or a variable that holds the JSON), which never quote the text.
 */
function parseDockerConfig(text, source) {
    if (text.trim() === '')
        return {};
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        // V8's message quotes the text around the fault, which may be a password: keep only where.
        const where = /at position \d+(?: \(line \d+ column \d+\))?/.exec(String(error.message))?.[0];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `the registry config ${source} is not valid JSON${where ? ` (${where})` : ''}`, {
            hint: `fix or remove the file, or point ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .optionRef */ .$j)('registry-config')} at another one`,
        });
    }
    return checkShape(parsed, source);
}
/**
 * Writes the config by temp file and rename, mode 0600 (it may hold passwords), in
 * a directory created 0700. A symlinked config.json is followed, as Docker does, so
 * the link survives.
 */
async function writeDockerConfig(path, config) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    let target = path;
    try {
        target = await realpath(path);
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    // Tabs, as Docker writes it, so a diff of the file after `ocikit login` stays small.
    await writeFileAtomic(target, `${JSON.stringify(config, null, '\t')}\n`, 0o600);
}
function checkShape(parsed, path) {
    const problem = (what) => new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `the registry config ${path} is not a Docker config file: ${what}`, {
        hint: 'it should look like {"auths": {"<host>": {"auth": "<base64 user:password>"}}}',
    });
    if (!isObject(parsed))
        throw problem('the top level is not an object');
    const { auths, credHelpers, credsStore } = parsed;
    if (auths !== undefined && auths !== null) {
        if (!isObject(auths))
            throw problem('"auths" is not an object');
        for (const [key, entry] of Object.entries(auths)) {
            if (!isObject(entry))
                throw problem(`auths["${key}"] is not an object`);
        }
    }
    if (credHelpers !== undefined && credHelpers !== null) {
        if (!isObject(credHelpers) || Object.values(credHelpers).some((v) => typeof v !== 'string')) {
            throw problem('"credHelpers" is not an object of helper names');
        }
    }
    if (credsStore !== undefined && typeof credsStore !== 'string')
        throw problem('"credsStore" is not a helper name');
    return parsed;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
//# sourceMappingURL=docker-config.js.map

/***/ }),

/***/ 74839:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M7: () => (/* binding */ canonicalRegistryHost),
/* harmony export */   Q6: () => (/* binding */ dockerServerAddress)
/* harmony export */ });
/* unused harmony exports DOCKER_HUB_SERVER_ADDRESS, parseRegistryHost */
/**
 * The names a registry goes by in Docker's config.json. `auths` keys may be bare
 * hosts (`ghcr.io`) or URLs (`https://ghcr.io`, `http://host:5000/v2/`), and Docker
 * Hub has four spellings; all of them are compared by canonical host.
 */


/** The key Docker writes for Docker Hub, and the ServerURL it gives credential helpers for it. */
const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';
const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io']);
/** `https://Index.Docker.io/v1/`, `registry-1.docker.io` → `docker.io`; `http://host:5000/v2/` → `host:5000`. */
function canonicalRegistryHost(keyOrUrl) {
    let host = keyOrUrl.trim();
    const scheme = host.indexOf('://');
    if (scheme >= 0)
        host = host.slice(scheme + 3);
    const slash = host.indexOf('/');
    if (slash >= 0)
        host = host.slice(0, slash);
    host = host.toLowerCase();
    return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}
/** The address Docker stores a login under (and asks helpers for): the host, or Docker Hub's v1 URL. */
function dockerServerAddress(registry) {
    const host = canonicalRegistryHost(registry);
    return host === DOCKER_HUB ? DOCKER_HUB_SERVER_ADDRESS : host;
}
/**
 * A registry host as a person gives it to `login`/`logout` (`ghcr.io`,
 * `https://ghcr.io/`, `127.0.0.1:5000`, `index.docker.io`), canonical, or an
 * INVALID_INPUT error. A name that references would read as a Docker Hub
 * organisation (`myregistry`) is refused: a login under it could never be used.
 */
function parseRegistryHost(input) {
    const host = canonicalRegistryHost(input);
    let parsed;
    try {
        parsed = parseRegistryReference(`${host}/ocikit-login`).registry;
    }
    catch {
        parsed = undefined;
    }
    if (host === '' || parsed !== host) {
        throw new OcikitError('INVALID_INPUT', `"${input.slice(0, 100)}" is not a registry host`, {
            hint: 'give host[:port] as in a reference: a name with a dot (ghcr.io), a port (myhost:5000) or localhost',
        });
    }
    return host;
}
//# sourceMappingURL=registry-host.js.map

/***/ }),

/***/ 71403:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $j: () => (/* binding */ optionRef),
/* harmony export */   $k: () => (/* binding */ inFrontEndWords),
/* harmony export */   CI: () => (/* binding */ isOcikitError),
/* harmony export */   Gu: () => (/* binding */ OcikitError)
/* harmony export */ });
/* unused harmony export CLI_WORDS */
class OcikitError extends Error {
    name = 'OcikitError';
    code;
    detail;
    hint;
    status;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.code = code;
        this.detail = options.detail;
        this.hint = options.hint;
        this.status = options.status;
    }
    /**
     * Message, detail and hint as the lines a log shows. The detail is "what the
     * registry said" only when a registry answered (an HTTP status); a local failure's
     * evidence (a digest mismatch, a refused connection) is just detail.
     */
    describe(words = CLI_WORDS) {
        const lines = [inFrontEndWords(this.message, words)];
        if (this.detail)
            lines.push(`  ${this.status === undefined ? 'detail' : 'registry said'}: ${this.detail}`);
        if (this.hint)
            lines.push(`  hint: ${inFrontEndWords(this.hint, words)}`);
        return lines.join('\n');
    }
}
/** The CLI's words: the flag itself, `--name` (`--no-overwrite` as written). */
const CLI_WORDS = { option: (name) => `--${name}` };
const OPTION_REF = /\{\{option:([a-z0-9-]+)\}\}/g;
/** An option named in a message or hint, for each front end to say in its own words. */
function optionRef(name) {
    return `{{option:${name}}}`;
}
/** Text with every optionRef in the front end's words. */
function inFrontEndWords(text, words = CLI_WORDS) {
    return text.replace(OPTION_REF, (_, name) => words.option(name));
}
function isOcikitError(error, code) {
    return error instanceof OcikitError && (code === undefined || error.code === code);
}
//# sourceMappingURL=errors.js.map

/***/ }),

/***/ 43901:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ tempPathFor),
/* harmony export */   FT: () => (/* binding */ keepForConsumer),
/* harmony export */   Zf: () => (/* binding */ writeFileAtomic),
/* harmony export */   Zs: () => (/* binding */ writeStreamAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);





/** A sibling path for a temp file: same directory, so the final rename is atomic. */
function tempPathFor(path) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(path)}.ocikit-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
}
/** Writes bytes to `path` by temp file and rename: readers see the old file or the new, never half. */
async function writeFileAtomic(path, bytes, mode) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), { recursive: true });
    const temp = tempPathFor(path);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(temp, bytes, mode === undefined ? {} : { mode });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true });
        throw error;
    }
}
/**
 * How much a file write stream takes in before it says "wait". With the default
 * (16 KiB) each 64 KiB chunk of a download is its own write() in the thread pool;
 * with 1 MiB the chunks that arrive during one write go down together in one
 * writev(), which cut a 1 GiB pull's CPU time by a quarter.
 */
const WRITE_BATCH_BYTES = 1024 * 1024;
/**
 * Streams `source` into `path` by temp file and rename. If the stream errors
 * (a digest mismatch included) the temp file is removed and `path` is untouched.
 */
async function writeStreamAtomic(path, source, mode) {
    // A small stream may end, and fail its digest check, while the directory is made:
    // its error waits for the pipeline (which reads it from the stream) instead of crashing the process.
    source.on('error', keepForConsumer);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), { recursive: true });
    const temp = tempPathFor(path);
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(source, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(temp, { highWaterMark: WRITE_BATCH_BYTES, ...(mode === undefined ? {} : { mode }) }));
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true });
        throw error;
    }
}
/**
 * An 'error' listener for a stream that is handed over before its consumer is
 * attached: Node would otherwise throw the error as unhandled. The consumer
 * (a pipeline) still receives it: a destroyed stream keeps its error.
 */
function keepForConsumer() { }
//# sourceMappingURL=atomic-write.js.map

/***/ }),

/***/ 98034:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ Annotation)
/* harmony export */ });
const Annotation = {
    Title: 'org.opencontainers.image.title',
    Created: 'org.opencontainers.image.created',
    RefName: 'org.opencontainers.image.ref.name',
    Source: 'org.opencontainers.image.source',
    Revision: 'org.opencontainers.image.revision',
    /** oras: the layer is a tar+gzip of a directory that pull unpacks. */
    OrasUnpack: 'io.deis.oras.content.unpack',
    /** oras: digest of the directory's uncompressed tar. */
    OrasContentDigest: 'io.deis.oras.content.digest',
};
//# sourceMappingURL=annotations.js.map

/***/ }),

/***/ 8649:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   QC: () => (/* binding */ createDigester),
/* harmony export */   RV: () => (/* binding */ verifyBytes),
/* harmony export */   SC: () => (/* binding */ VerifyingStream),
/* harmony export */   Xi: () => (/* binding */ DigestingStream),
/* harmony export */   m: () => (/* binding */ parseDigest),
/* harmony export */   ol: () => (/* binding */ digestOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);



const ALGORITHMS = {
    sha256: { node: 'sha256', hexLength: 64 },
    sha512: { node: 'sha512', hexLength: 128 },
};
function parseDigest(value) {
    const colon = value.indexOf(':');
    const algorithm = value.slice(0, colon);
    const hex = value.slice(colon + 1);
    const known = ALGORITHMS[algorithm];
    if (colon < 0 || !known) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_REFERENCE', `"${value}" is not a digest: expected sha256:<64 hex> or sha512:<128 hex>`);
    }
    if (hex.length !== known.hexLength || !/^[a-f0-9]+$/.test(hex)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_REFERENCE', `"${value}" is not a valid ${algorithm} digest: expected ${known.hexLength} lowercase hex characters`);
    }
    return { algorithm: algorithm, hex };
}
function isDigest(value) {
    try {
        parseDigest(value);
        return true;
    }
    catch {
        return false;
    }
}
function createDigester(algorithm = 'sha256') {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(ALGORITHMS[algorithm].node);
}
function digestOf(bytes, algorithm = 'sha256') {
    return `${algorithm}:${createDigester(algorithm).update(bytes).digest('hex')}`;
}
/** Throws unless `bytes` hash to `expected` (what every manifest read goes through). */
function verifyBytes(bytes, expected, what) {
    const { algorithm } = parseDigest(expected);
    const actual = digestOf(bytes, algorithm);
    if (actual !== expected) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('DIGEST_MISMATCH', `${what}: content does not match its digest`, {
            detail: `expected ${expected}, got ${actual}`,
            hint: 'the registry or store returned other bytes than were asked for; retry, and report it if it persists',
        });
    }
}
/**
 * A pass-through stream that hashes and counts what flows through it. It errors at
 * the end (so a consumer never renames a temp file into place) when the bytes do
 * not match the expected digest and size.
 */
class VerifyingStream extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    expected;
    what;
    hash;
    count = 0;
    /**
     * Called with the running byte count as bytes pass: a reader that shows
     * progress needs no counting stream of its own after this one.
     */
    onBytes;
    constructor(expected, what) {
        super();
        this.expected = expected;
        this.what = what;
        this.hash = createDigester(parseDigest(expected.digest).algorithm);
    }
    _transform(chunk, _encoding, callback) {
        this.count += chunk.length;
        if (this.count > this.expected.size) {
            callback(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('DIGEST_MISMATCH', `${this.what}: more bytes than its descriptor's size`, {
                detail: `expected ${this.expected.size} bytes, got at least ${this.count}`,
            }));
            return;
        }
        this.hash.update(chunk);
        this.onBytes?.(this.count);
        callback(null, chunk);
    }
    _flush(callback) {
        const { algorithm } = parseDigest(this.expected.digest);
        const actual = `${algorithm}:${this.hash.digest('hex')}`;
        if (this.count !== this.expected.size) {
            callback(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('DIGEST_MISMATCH', `${this.what}: size does not match its descriptor`, {
                detail: `expected ${this.expected.size} bytes, got ${this.count}`,
                hint: 'the transfer was cut short or the content changed; retry',
            }));
        }
        else if (actual !== this.expected.digest) {
            callback(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('DIGEST_MISMATCH', `${this.what}: content does not match its digest`, {
                detail: `expected ${this.expected.digest}, got ${actual}`,
                hint: 'the registry or store returned other bytes than were asked for; retry, and report it if it persists',
            }));
        }
        else {
            callback();
        }
    }
}
/** Hashes and counts a stream it does not own the end of (for sources of unknown digest). */
class DigestingStream extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    algorithm;
    hash;
    size = 0;
    digest;
    constructor(algorithm = 'sha256') {
        super();
        this.algorithm = algorithm;
        this.hash = createDigester(algorithm);
    }
    _transform(chunk, _encoding, callback) {
        this.size += chunk.length;
        this.hash.update(chunk);
        callback(null, chunk);
    }
    _flush(callback) {
        this.digest = `${this.algorithm}:${this.hash.digest('hex')}`;
        callback();
    }
}
//# sourceMappingURL=digest.js.map

/***/ }),

/***/ 24075:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ describeManifest),
/* harmony export */   Gb: () => (/* binding */ encodeManifest),
/* harmony export */   JO: () => (/* binding */ EMPTY_JSON),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   ZJ: () => (/* binding */ MAX_MANIFEST_BYTES),
/* harmony export */   gi: () => (/* binding */ EMPTY_DESCRIPTOR),
/* harmony export */   ir: () => (/* binding */ successors),
/* harmony export */   nw: () => (/* binding */ isIndex),
/* harmony export */   sA: () => (/* binding */ validateDescriptor)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8649);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87536);



/** Manifests are small; anything larger is refused before it is buffered (distribution-spec). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** The OCI 1.1 empty descriptor: `{}` as config or layer of an artifact. */
const EMPTY_JSON = new TextEncoder().encode('{}');
const EMPTY_DESCRIPTOR = Object.freeze({
    mediaType: _media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.Empty,
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
    data: 'e30=',
});
function isIndex(manifest) {
    return _media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .INDEX_MEDIA_TYPES */ .kA.includes(manifest.mediaType);
}
/** Canonical bytes: compact JSON in the field order we build with. */
function encodeManifest(manifest) {
    return new TextEncoder().encode(JSON.stringify(manifest));
}
function describeManifest(manifest, bytes) {
    const descriptor = { mediaType: manifest.mediaType, digest: (0,_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .digestOf */ .ol)(bytes), size: bytes.length };
    if (manifest.artifactType)
        descriptor.artifactType = manifest.artifactType;
    return descriptor;
}
function fail(what, problem) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_MANIFEST', `${what} is not a valid OCI manifest: ${problem}`, {
        hint: 'the content is not what its media type claims; check what pushed it',
    });
}
function checkAnnotations(value, where, what) {
    if (value === undefined)
        return;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail(what, `${where}.annotations must be an object`);
    for (const [key, v] of Object.entries(value)) {
        if (typeof v !== 'string')
            fail(what, `${where}.annotations["${key}"] must be a string`);
    }
}
function validateDescriptor(value, where, what) {
    if (typeof value !== 'object' || value === null)
        fail(what, `${where} must be an object`);
    const d = value;
    if (typeof d.mediaType !== 'string' || !(0,_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidMediaType */ .Hw)(d.mediaType))
        fail(what, `${where}.mediaType is missing or malformed`);
    if (typeof d.digest !== 'string' || !(0,_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigest */ .Bc)(d.digest))
        fail(what, `${where}.digest "${String(d.digest)}" is not a valid digest`);
    if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0)
        fail(what, `${where}.size must be a non-negative integer`);
    if (d.data !== undefined) {
        if (typeof d.data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(d.data))
            fail(what, `${where}.data must be base64`);
    }
    if (d.urls !== undefined && (!Array.isArray(d.urls) || d.urls.some((u) => typeof u !== 'string'))) {
        fail(what, `${where}.urls must be an array of strings`);
    }
    if (d.artifactType !== undefined && (typeof d.artifactType !== 'string' || !(0,_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidMediaType */ .Hw)(d.artifactType))) {
        fail(what, `${where}.artifactType is malformed`);
    }
    if (d.platform !== undefined) {
        const p = d.platform;
        if (typeof p !== 'object' || p === null || typeof p.os !== 'string' || typeof p.architecture !== 'string') {
            fail(what, `${where}.platform needs string os and architecture`);
        }
    }
    checkAnnotations(d.annotations, where, what);
    return d;
}
/**
 * Parses and validates manifest bytes. `expectedMediaType` is what the registry
 * or descriptor said it is; a document that says otherwise is refused (the image
 * spec's defence against type confusion).
 */
function parseManifest(bytes, what, expectedMediaType) {
    if (bytes.length > MAX_MANIFEST_BYTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('SIZE_LIMIT', `${what} is ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte manifest limit`);
    }
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (error) {
        fail(what, `not UTF-8 JSON (${error.message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail(what, 'not a JSON object');
    const m = value;
    if (m.schemaVersion !== 2)
        fail(what, 'schemaVersion must be 2');
    let mediaType = m.mediaType;
    if (mediaType === undefined) {
        // mediaType is optional in OCI; infer it from the shape, but never against what was announced.
        mediaType = expectedMediaType ?? (Array.isArray(m.manifests) ? _media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.ImageIndex : _media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.ImageManifest);
        m.mediaType = mediaType;
    }
    if (typeof mediaType !== 'string' || !(0,_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .isManifestMediaType */ .CM)(mediaType))
        fail(what, `unsupported mediaType "${String(mediaType)}"`);
    if (expectedMediaType && (0,_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .isManifestMediaType */ .CM)(expectedMediaType) && expectedMediaType !== mediaType) {
        fail(what, `it says mediaType "${mediaType}" but was served as "${expectedMediaType}"`);
    }
    if (m.artifactType !== undefined && (typeof m.artifactType !== 'string' || !(0,_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidMediaType */ .Hw)(m.artifactType))) {
        fail(what, 'artifactType is malformed');
    }
    checkAnnotations(m.annotations, 'manifest', what);
    if (m.subject !== undefined)
        validateDescriptor(m.subject, 'subject', what);
    if (_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .INDEX_MEDIA_TYPES */ .kA.includes(mediaType)) {
        if (!Array.isArray(m.manifests))
            fail(what, 'an index needs a manifests array');
        if ('layers' in m || 'config' in m)
            fail(what, 'an index must not have config or layers');
        m.manifests.forEach((d, i) => validateDescriptor(d, `manifests[${i}]`, what));
    }
    else {
        validateDescriptor(m.config, 'config', what);
        if (!Array.isArray(m.layers))
            fail(what, 'a manifest needs a layers array');
        if ('manifests' in m)
            fail(what, 'an image manifest must not have manifests');
        m.layers.forEach((d, i) => validateDescriptor(d, `layers[${i}]`, what));
    }
    return m;
}
/** Every descriptor a manifest points to that a copy must carry (config and layers, or children). */
function successors(manifest) {
    return isIndex(manifest) ? manifest.manifests : [manifest.config, ...manifest.layers];
}
//# sourceMappingURL=manifest.js.map

/***/ }),

/***/ 87536:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ isIndexMediaType),
/* harmony export */   $T: () => (/* binding */ MANIFEST_MEDIA_TYPES),
/* harmony export */   CM: () => (/* binding */ isManifestMediaType),
/* harmony export */   Hw: () => (/* binding */ isValidMediaType),
/* harmony export */   kA: () => (/* binding */ INDEX_MEDIA_TYPES),
/* harmony export */   zu: () => (/* binding */ MediaType)
/* harmony export */ });
const MediaType = {
    ImageManifest: 'application/vnd.oci.image.manifest.v1+json',
    ImageIndex: 'application/vnd.oci.image.index.v1+json',
    ImageConfig: 'application/vnd.oci.image.config.v1+json',
    Layer: 'application/vnd.oci.image.layer.v1.tar',
    LayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    LayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    Empty: 'application/vnd.oci.empty.v1+json',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json',
    DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    /** What a file layer is when its pusher names no type (oras does the same). */
    DefaultFile: 'application/vnd.oci.image.layer.v1.tar',
    OctetStream: 'application/octet-stream',
};
const MANIFEST_MEDIA_TYPES = [
    MediaType.ImageManifest,
    MediaType.ImageIndex,
    MediaType.DockerManifest,
    MediaType.DockerManifestList,
];
const INDEX_MEDIA_TYPES = [MediaType.ImageIndex, MediaType.DockerManifestList];
function isManifestMediaType(mediaType) {
    return MANIFEST_MEDIA_TYPES.includes(mediaType);
}
function isIndexMediaType(mediaType) {
    return INDEX_MEDIA_TYPES.includes(mediaType);
}
/** RFC 6838 type/subtype with optional +suffix and parameters, as the image spec requires. */
const MEDIA_TYPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
function isValidMediaType(value) {
    return MEDIA_TYPE_PATTERN.test(value);
}
//# sourceMappingURL=media-types.js.map

/***/ }),

/***/ 39273:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kh: () => (/* binding */ storedOutcome),
/* harmony export */   QC: () => (/* binding */ displayName)
/* harmony export */ });
/* unused harmony export silentProgress */
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87536);
/* harmony import */ var _util_printable_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69172);


/** The outcome that says a store now holds what was stored into it. */
function storedOutcome(kind) {
    return kind === 'write' ? 'written' : 'uploaded';
}
const silentProgress = {};
/** Configs whose media type says so; any other blob without a title is shown by its digest. */
const CONFIG_MEDIA_TYPES = new Set([
    _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.Empty,
    _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.ImageConfig,
    _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.DockerConfig,
    'application/vnd.cncf.helm.config.v1+json',
    // What oras writes when it is given no config type.
    'application/vnd.unknown.config.v1+json',
]);
/**
 * The name a person recognises a blob by: its file name, `config` for a config,
 * else a short digest.
 */
function displayName(descriptor) {
    const title = descriptor.annotations?.['org.opencontainers.image.title'];
    if (title !== undefined)
        return (0,_util_printable_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g)(title);
    return CONFIG_MEDIA_TYPES.has(descriptor.mediaType) ? 'config' : descriptor.digest.slice(0, 19);
}
//# sourceMappingURL=progress.js.map

/***/ }),

/***/ 37473:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ checkTag),
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   YP: () => (/* binding */ pushTags),
/* harmony export */   ct: () => (/* binding */ pinnedReference),
/* harmony export */   d$: () => (/* binding */ extraTag),
/* harmony export */   d3: () => (/* binding */ referenceSelector),
/* harmony export */   dU: () => (/* binding */ registryEndpointHost),
/* harmony export */   eU: () => (/* binding */ withSelector),
/* harmony export */   jW: () => (/* binding */ isLoopbackRegistry),
/* harmony export */   qq: () => (/* binding */ parseRegistryReference)
/* harmony export */ });
/* unused harmony export tagProblem */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8649);
/**
 * Image references: `[host[:port]/]repository[:tag][@digest]` under the docker /
 * OCI distribution grammar, and `oci-layout:<path>[:tag][@digest]` for an image
 * layout on disk.
 *
 * Registry references follow Docker's normalisation so that `ubuntu`,
 * `docker.io/ubuntu` and `index.docker.io/library/ubuntu` are one repository
 * (credentials, caches and logs key on the canonical form): a first path
 * component is a registry only if it contains `.` or `:` or is `localhost`. Where
 * docker would read a registry with no repository (`127.0.0.1:5000`,
 * `localhost:5000`, `ghcr.io`) as a Docker Hub image, this refuses it: nobody means
 * to push to `library/127.0.0.1` on Docker Hub. `oci://` (Helm's way to write a
 * registry reference) is accepted and dropped; `http://` and `https://` are refused
 * with what to write instead.
 *
 * Layout paths are free text, so the selector is found from the end: the last
 * `@` after the last path separator starts a digest, then the last `:` after
 * the last separator starts a tag. `/` and `\` both count as separators so that
 * Windows paths (`C:\out`) do not grow a tag. A final segment that really
 * contains `:` or `@` can be written with a trailing `/.` (`oci-layout:./a:b/.`).
 */



const LAYOUT_PREFIX = 'oci-layout:';
const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io']);
const NAME_MAX = 255;
const TAG_MAX = 128;
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const COMPONENT_RULE = 'components match [a-z0-9]+ separated by ., _, __ or -';
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]*$/;
const HOSTNAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const DIGEST_HINT = 'a digest is sha256:<64 lowercase hex> or sha512:<128 lowercase hex>';
function parseReference(input) {
    const subject = `invalid reference ${show(input)}`;
    if (input.trim() === '')
        fail(subject, { reason: 'the reference is empty' });
    if (input.trim() !== input) {
        fail(subject, { reason: 'has leading or trailing whitespace', hint: 'trim the value (a stray newline from a file or variable?)' });
    }
    if (input.startsWith(LAYOUT_PREFIX))
        return parseLayout(input, subject);
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase();
    if (scheme === 'oci')
        return parseRegistry(input.slice('oci://'.length), subject);
    if (scheme === 'http' || scheme === 'https') {
        fail(subject, {
            reason: `a reference has no ${scheme}:// in front`,
            hint: `write ${show(input.slice(scheme.length + 3))}${scheme === 'http' ? ` and add ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .optionRef */ .$j)('plain-http')} (loopback registries use HTTP by themselves)` : ''}`,
        });
    }
    return parseRegistry(input, subject);
}
function parseRegistryReference(input) {
    const ref = parseReference(input);
    if (ref.kind !== 'registry') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_REFERENCE', `invalid reference ${show(input)}: expected a registry reference, not an OCI layout`, {
            hint: 'this needs host/repository[:tag][@digest]',
        });
    }
    return ref;
}
function parseRegistry(input, subject) {
    if (/\s/.test(input))
        fail(subject, { reason: 'contains whitespace' });
    const { rest, tag, digest } = splitSelector(input, false);
    // Docker's rule for telling `host/repo` from `org/repo`.
    let registry = DOCKER_HUB;
    let repository = rest;
    const slash = rest.indexOf('/');
    const first = rest.slice(0, slash);
    if (slash < 0 && ((rest.includes('.') && HOSTNAME.test(rest)) || rest === 'localhost')) {
        fail(subject, {
            reason: `it names a registry (${show(input.replace(/@.*$/, ''))}) and no repository`,
            hint: `write registry/repository[:tag], e.g. ${show(`${input.replace(/@.*$/, '')}/app:v1`)}`,
        });
    }
    if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
        fail(subject, registryProblem(first));
        registry = first.toLowerCase();
        if (DOCKER_HUB_ALIASES.has(registry))
            registry = DOCKER_HUB;
        repository = rest.slice(slash + 1);
        if (repository === '')
            fail(subject, { reason: `repository is missing after registry ${show(first)}` });
    }
    // Checked as written, before `library/` is added, so the message shows what the user typed.
    fail(subject, repositoryProblem(repository));
    if (registry === DOCKER_HUB && !repository.includes('/'))
        repository = `library/${repository}`;
    const name = `${registry}/${repository}`;
    if (name.length > NAME_MAX) {
        fail(subject, { reason: `name ${show(name)} is ${name.length} characters, longer than ${NAME_MAX}` });
    }
    fail(subject, selectorProblem(tag, digest));
    return { kind: 'registry', registry, repository, ...defined(tag, digest) };
}
function parseLayout(input, subject) {
    const { rest: path, tag, digest } = splitSelector(input.slice(LAYOUT_PREFIX.length), true);
    if (path === '')
        fail(subject, { reason: 'the layout path is empty', hint: 'write oci-layout:<dir>[:tag|@digest]' });
    fail(subject, selectorProblem(tag, digest));
    return { kind: 'oci-layout', path, ...defined(tag, digest) };
}
/**
 * Splits off `@digest`, then `:tag`. Registry names cannot contain `@`, so the
 * first one starts the digest (a later `@` then fails digest validation). In a
 * layout path only an `@` after the last separator can, since digests have no `/`.
 */
function splitSelector(value, isPath) {
    const lastSeparator = (s) => Math.max(s.lastIndexOf('/'), isPath ? s.lastIndexOf('\\') : -1);
    let rest = value;
    let tag;
    let digest;
    const at = isPath ? rest.lastIndexOf('@') : rest.indexOf('@');
    if (at > (isPath ? lastSeparator(rest) : -1)) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
    }
    // A `:` before the last `/` belongs to a registry port (or a layout directory).
    const colon = rest.lastIndexOf(':');
    if (colon > lastSeparator(rest)) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    return { rest, ...defined(tag, digest) };
}
function registryProblem(registry) {
    let host = registry;
    let port;
    if (registry.startsWith('[')) {
        const close = registry.indexOf(']');
        const after = registry.slice(close + 1);
        host = registry.slice(1, close);
        if (close < 0 || (after !== '' && !after.startsWith(':')) || !/^[0-9a-f:.]+$/i.test(host) || !(0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(host)) {
            return { reason: `registry ${show(registry)} is not a valid [IPv6]:port` };
        }
        if (after !== '')
            port = after.slice(1);
    }
    else {
        const colon = registry.indexOf(':');
        if (colon >= 0) {
            host = registry.slice(0, colon);
            port = registry.slice(colon + 1);
        }
        if (!HOSTNAME.test(host)) {
            const ipv6 = registry.split(':').length > 2;
            return {
                reason: `registry ${show(registry)} is not a valid host[:port]`,
                ...(ipv6 ? { hint: 'write IPv6 addresses in brackets, e.g. [::1]:5000' } : {}),
            };
        }
    }
    if (port !== undefined && !(/^[0-9]{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
        return { reason: `registry ${show(registry)} has an invalid port ${show(port)} (expected 1-65535)` };
    }
    return undefined;
}
function repositoryProblem(repository) {
    if (repository === '')
        return { reason: 'repository is empty' };
    if (/[A-Z]/.test(repository)) {
        return { reason: `repository ${show(repository)} must be lowercase (${COMPONENT_RULE})`, hint: 'repository names must be lowercase' };
    }
    for (const component of repository.split('/')) {
        if (component === '')
            return { reason: `repository ${show(repository)} has an empty path component` };
        if (!COMPONENT.test(component)) {
            return { reason: `repository ${show(repository)} has an invalid component ${show(component)} (${COMPONENT_RULE})` };
        }
    }
    return undefined;
}
/** Why a tag is not one the distribution spec allows (also a layout's ref name), or undefined. */
function tagProblem(tag) {
    if (tag.length > TAG_MAX)
        return `tag ${show(tag)} is longer than ${TAG_MAX} characters`;
    if (!TAG.test(tag))
        return `tag ${show(tag)} is not valid (it starts with a letter, digit or _ and contains only letters, digits, _, . and -)`;
    return undefined;
}
/** Throws INVALID_REFERENCE unless `tag` is a valid tag. */
function checkTag(tag) {
    const reason = tag === '' ? 'tag is empty' : tagProblem(tag);
    if (reason)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_REFERENCE', reason, { hint: 'a tag is up to 128 letters, digits, "_", "." and "-", and does not start with "." or "-"' });
}
function selectorProblem(tag, digest) {
    if (tag !== undefined) {
        if (tag === '')
            return { reason: 'tag is empty after ":"' };
        if (tag.includes(',')) {
            return { reason: `${show(tag)} is several tags; a reference names one`, hint: `give the first in the reference and the others with -t (the tags input): -t ${tag.split(',').slice(1).join(' -t ')}` };
        }
        const reason = tagProblem(tag);
        if (reason)
            return { reason };
    }
    if (digest !== undefined) {
        if (digest === '')
            return { reason: 'digest is empty after "@"', hint: DIGEST_HINT };
        try {
            (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDigest */ .m)(digest);
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu))
                throw error;
            return { reason: `digest ${error.message}`, hint: DIGEST_HINT };
        }
    }
    return undefined;
}
function formatReference(ref) {
    const base = ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `${LAYOUT_PREFIX}${ref.path}`;
    return `${base}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}
/**
 * `registry/repo:tag@digest`: the tag people read, the digest that pins it (what
 * every verb reports as the reference it pushed or pulled). No tag: `repo@digest`.
 */
function pinnedReference(ref, tag, digest) {
    return formatReference(withSelector(ref, { ...(tag ? { tag } : {}), digest }));
}
/** Docker Hub's name is not where its API lives. */
function registryEndpointHost(registry) {
    return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}
const LOOPBACK = new node_net__WEBPACK_IMPORTED_MODULE_0__.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
/**
 * Literal loopback only (callers relax TLS for these). Names that merely resolve
 * to loopback, such as `*.localhost`, do not count: DNS could say otherwise.
 */
function isLoopbackRegistry(registry) {
    const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : (registry.split(':')[0] ?? '');
    if (host.toLowerCase() === 'localhost')
        return true;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(host))
        return LOOPBACK.check(host, 'ipv4');
    return (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(host) && LOOPBACK.check(host, 'ipv6');
}
/** The tag or digest to resolve: digest if present, else tag, else 'latest'. */
function referenceSelector(ref) {
    return ref.digest ?? ref.tag ?? 'latest';
}
/**
 * The tags a push to `ref` gives its manifest: the reference's tag, 'latest' when it names
 * neither tag nor digest (none for a digest: the manifest is addressed by it), then `extra`,
 * each checked before anything is sent (see extraTag), without repeats.
 */
function pushTags(ref, extra = []) {
    return [...new Set([...(ref.tag ? [ref.tag] : ref.digest ? [] : ['latest']), ...extra.map((given) => extraTag(ref, given))])];
}
/**
 * One more tag for `ref`, as given to -t or a tags input: a bare tag, or a whole
 * reference to the same repository (what docker/build-push-action users paste),
 * whose tag it then is. Anything else is refused before a request is made.
 */
function extraTag(ref, given) {
    if (!/[/:@]/.test(given)) {
        checkTag(given);
        return given;
    }
    const refused = (why) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `the extra tag ${show(given)} ${why}`, {
            hint: `give bare tags (v1.2.3, latest): they go to ${formatReference(withSelector(ref, {}))}`,
        });
    };
    let named;
    try {
        named = parseReference(given);
    }
    catch {
        return refused('is neither a tag nor a reference');
    }
    const same = formatReference(withSelector(named, {})) === formatReference(withSelector(ref, {}));
    if (!same)
        return refused(`names another repository (${formatReference(withSelector(named, {}))})`);
    if (named.digest !== undefined || named.tag === undefined)
        return refused('names no tag');
    return named.tag;
}
/** The same reference with its tag and digest replaced by exactly these (absent means removed). */
function withSelector(ref, selector) {
    fail(`invalid selector for ${show(formatReference(ref))}`, selectorProblem(selector.tag, selector.digest));
    const next = { ...ref };
    delete next.tag;
    delete next.digest;
    return { ...next, ...defined(selector.tag, selector.digest) };
}
/** Omits absent fields, so references compare equal however they were built. */
function defined(tag, digest) {
    return { ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}
function fail(subject, problem) {
    if (problem) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_REFERENCE', `${subject}: ${problem.reason}`, problem.hint === undefined ? {} : { hint: problem.hint });
    }
}
/** Quotes (escaping control characters) and shortens what a message repeats back. */
function show(value) {
    return JSON.stringify(value.length > 100 ? `${value.slice(0, 80)}…` : value);
}
//# sourceMappingURL=reference.js.map

/***/ }),

/***/ 31386:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ay: () => (/* binding */ subjectDescriptor),
/* harmony export */   BP: () => (/* binding */ sortNewestFirst),
/* harmony export */   CT: () => (/* binding */ createdAt),
/* harmony export */   Gn: () => (/* binding */ listsConfigTypeAsArtifactType),
/* harmony export */   Ul: () => (/* binding */ filterByArtifactType),
/* harmony export */   X9: () => (/* binding */ referrersIndex),
/* harmony export */   a_: () => (/* binding */ parseReferrersList),
/* harmony export */   xh: () => (/* binding */ referrerDescriptor)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _oci_annotations_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98034);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24075);
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87536);




/**
 * The descriptor by which a referrers list names a referrer (distribution-spec
 * 1.1, "Listing Referrers" and "Pushing Manifests with Subject"): media type,
 * digest and size; `artifactType` from the manifest, else (image manifests only)
 * its config's media type; and every annotation of the manifest.
 */
function referrerDescriptor(descriptor, manifest) {
    const artifactType = manifest.artifactType || ((0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .isIndex */ .nw)(manifest) ? undefined : manifest.config.mediaType);
    return {
        mediaType: descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
        ...(artifactType ? { artifactType } : {}),
        ...(manifest.annotations && Object.keys(manifest.annotations).length > 0 ? { annotations: { ...manifest.annotations } } : {}),
    };
}
/** A referrers list as an OCI image index (what the API answers and the tag schema stores). */
function referrersIndex(manifests) {
    return { schemaVersion: 2, mediaType: _oci_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.ImageIndex, manifests };
}
/**
 * Reads a referrers list (an API page or the tag schema's index): an OCI image
 * index, bounded and validated like any manifest. Entries that are not
 * manifests or indexes are dropped: a referrer is always one of those.
 */
function parseReferrersList(bytes, what) {
    const manifest = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .Ng)(bytes, what);
    if (!(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .isIndex */ .nw)(manifest)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_MANIFEST', `${what} is a ${manifest.mediaType}, not an image index of referrers`);
    }
    return manifest.manifests.filter((d) => (0,_oci_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isManifestMediaType */ .CM)(d.mediaType));
}
/**
 * Whether a referrers API entry names the empty media type as the artifact
 * type: the type of the manifest's config, listed where the manifest's own
 * artifactType belongs (go-containerregistry's registry does this). No
 * referrer is of that type: the image spec has a manifest whose config is the
 * empty descriptor set artifactType, and that is the value to list.
 */
function listsConfigTypeAsArtifactType(descriptor) {
    return descriptor.artifactType === _oci_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.Empty;
}
/** Only the descriptors of that artifact type (all of them when none is asked for). */
function filterByArtifactType(manifests, artifactType) {
    return artifactType === undefined ? manifests : manifests.filter((d) => d.artifactType === artifactType);
}
/** `org.opencontainers.image.created` as milliseconds, or undefined when absent or not a date. */
function createdAt(descriptor) {
    const value = descriptor.annotations?.[_oci_annotations_js__WEBPACK_IMPORTED_MODULE_3__/* .Annotation */ .Y.Created];
    if (value === undefined)
        return undefined;
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
}
/**
 * Newest first by `org.opencontainers.image.created`; referrers without it come
 * last, in the order they were listed. Stable, so equal times keep list order.
 */
function sortNewestFirst(manifests) {
    return manifests
        .map((descriptor, index) => ({ descriptor, index, time: createdAt(descriptor) }))
        .sort((a, b) => {
        if (a.time !== undefined && b.time !== undefined && a.time !== b.time)
            return b.time - a.time;
        if ((a.time === undefined) !== (b.time === undefined))
            return a.time === undefined ? 1 : -1;
        return a.index - b.index;
    })
        .map((entry) => entry.descriptor);
}
/** Subject descriptors carry identity only: what the image spec requires of `subject`. */
function subjectDescriptor(descriptor) {
    return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}
//# sourceMappingURL=referrer-descriptor.js.map

/***/ }),

/***/ 16056:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ referrersTag),
/* harmony export */   u: () => (/* binding */ parseLegacyReferrerTag)
/* harmony export */ });
/** Characters a tag may hold (distribution-spec `<reference>` tags); any other becomes `-`. */
const NOT_TAG_CHARACTER = /[^a-zA-Z0-9._-]/g;
/**
 * The tag under which a registry without the referrers API keeps the referrers
 * index of `digest` (distribution-spec 1.1, "Referrers Tag Schema"): the
 * algorithm truncated to 32 characters, `-`, the encoded part truncated to 64,
 * with every character a tag may not hold replaced by `-`.
 * `sha256:abc…` → `sha256-abc…`; a sha512 digest keeps its first 64 hex digits.
 */
function referrersTag(digest) {
    const colon = digest.indexOf(':');
    const algorithm = colon < 0 ? digest : digest.slice(0, colon);
    const encoded = colon < 0 ? '' : digest.slice(colon + 1);
    return `${algorithm.slice(0, 32)}-${encoded.slice(0, 64)}`.replace(NOT_TAG_CHARACTER, '-');
}
const LEGACY_SUFFIXES = { sig: 'signature', att: 'attestation', sbom: 'sbom' };
const LEGACY_TAG = /^(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})\.(sig|att|sbom)$/;
/** A cosign `sha256-<hex>.sig|.att|.sbom` tag, read back; undefined for any other tag. */
function parseLegacyReferrerTag(tag) {
    const match = LEGACY_TAG.exec(tag);
    if (!match)
        return undefined;
    const [, algorithm, hex, suffix] = match;
    if ((algorithm === 'sha256') !== (hex.length === 64))
        return undefined;
    return { tag, subjectDigest: `${algorithm}:${hex}`, kind: LEGACY_SUFFIXES[suffix] };
}
//# sourceMappingURL=referrers-tag.js.map

/***/ }),

/***/ 58162:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kz: () => (/* binding */ REFERRERS_MODES),
/* harmony export */   vf: () => (/* binding */ RemoteReferrers)
/* harmony export */ });
/* unused harmony export parseReferrersMode */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(71403);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(8649);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24075);
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87536);
/* harmony import */ var _registry_manifest_accept_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(73692);
/* harmony import */ var _registry_read_bounded_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(68218);
/* harmony import */ var _registry_page_walk_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(78795);
/* harmony import */ var _registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(75974);
/* harmony import */ var _registry_scope_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(47648);
/* harmony import */ var _util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(49307);
/* harmony import */ var _referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31386);
/* harmony import */ var _referrers_tag_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(16056);













const REFERRERS_MODES = ['auto', 'api', 'tag'];
function parseReferrersMode(value) {
    if (REFERRERS_MODES.includes(value))
        return value;
    throw new OcikitError('INVALID_INPUT', `"${value}" is not a referrers mode`, {
        hint: 'use auto (detect), api (the OCI 1.1 referrers API) or tag (the sha256-<hex> tag schema)',
    });
}
const REFERRERS_PAGE_LIMIT = _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MANIFEST_BYTES */ .ZJ;
/** What one subject's referrers list may make ocikit hold (a registry whose pages never end must not). */
const REFERRERS_LIMITS = { pages: 1000, bytes: 64 * 1024 * 1024, entries: 100_000 };
const DEFAULT_MAX_ATTEMPTS = 30;
const UPDATE_BUDGET_MS = 5 * 60_000;
/** Statuses with which a registry without the API answers the referrers path (besides the 404 of the spec). */
const NO_API_STATUSES = new Set([400, 404, 405, 406, 501, 301, 302, 303, 307, 308]);
/**
 * The referrers of a remote repository: listed from the OCI 1.1 referrers API
 * where the registry has it, else from the index under the `sha256-<hex>` tag
 * (distribution-spec 1.1, "Unavailable Referrers API"), which this also
 * maintains when manifests with a subject are pushed or deleted.
 *
 * The tag schema is a read-modify-write of one manifest that concurrent CI
 * jobs race on. Every update is confirmed: after writing, the index is read
 * back once the write has settled, and written again (bounded) until every
 * referrer this process added is in it and every one it removed is not.
 * Where the registry sends an `ETag`, the write carries `If-Match`, so a
 * registry that honours it refuses a stale write outright (412). Updates for
 * one subject from this process are batched into one write.
 */
class RemoteReferrers {
    repository;
    options;
    /** What the registry is known to do; undefined until a request tells. */
    apiAvailable;
    queues = new Map();
    outcomes = new Map();
    warned = new Set();
    constructor(repository, options = {}) {
        this.repository = repository;
        this.options = options;
        if (options.referrersMode === 'api')
            this.apiAvailable = true;
        if (options.referrersMode === 'tag')
            this.apiAvailable = false;
    }
    get mode() {
        return this.options.referrersMode ?? 'auto';
    }
    get repo() {
        return this.repository.reference.repository;
    }
    /** How the referrer with this digest was listed by a push or delete of this process. */
    outcome(digest) {
        return this.outcomes.get(digest);
    }
    async list(subject, query = {}) {
        if (this.mode !== 'tag' && this.apiAvailable !== false) {
            const listed = await this.listViaApi(subject, query);
            if (Array.isArray(listed))
                return { manifests: listed, via: 'api' };
            if (listed === 'no-repository') {
                // No repository, no referrers; whether the API is there stays open for when the repository is.
                if (this.mode === 'api')
                    return { manifests: [], via: 'api' };
            }
            else {
                if (this.mode === 'api')
                    throw this.noApi(subject);
                this.apiAvailable = false;
            }
        }
        const index = await this.readTagIndex(subject);
        const manifests = index.state === 'index' ? index.manifests.filter((d) => (0,_oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isManifestMediaType */ .CM)(d.mediaType)) : [];
        return { manifests: (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .filterByArtifactType */ .Ul)(manifests, query.artifactType), via: 'tag' };
    }
    /**
     * After a manifest was stored: record it as a referrer of its subject where
     * the registry does not. `ociSubject` is the push response's `OCI-Subject`.
     */
    async afterPush(descriptor, manifest, ociSubject) {
        const subject = manifest.subject;
        if (!subject)
            return undefined;
        let update;
        if (this.mode === 'api') {
            if (!ociSubject)
                this.warnOnce('no-oci-subject', `${this.repository.name} did not confirm the subject of ${descriptor.digest} (no OCI-Subject header); with ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .optionRef */ .$j)('referrers-mode')} api no sha256-<hex> tag is written`);
            update = { via: 'api' };
        }
        else if (this.mode === 'auto' && ociSubject && (await this.probeApi(subject))) {
            update = { via: 'api' };
        }
        else {
            if (this.mode === 'auto' && ociSubject) {
                this.warnOnce('oci-subject-without-api', `${this.repository.name} answered OCI-Subject but has no referrers API; keeping the ${(0,_referrers_tag_js__WEBPACK_IMPORTED_MODULE_5__/* .referrersTag */ .L)(subject.digest)} tag index too`);
            }
            update = await this.enqueue(subject, { add: (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .referrerDescriptor */ .xh)(descriptor, manifest) });
        }
        this.outcomes.set(descriptor.digest, update);
        return update;
    }
    /** After a manifest with a subject was deleted: take it out of the tag schema's index where that is what lists it. */
    async afterDelete(descriptor, manifest) {
        const subject = manifest.subject;
        if (!subject || this.mode === 'api')
            return undefined;
        if (this.mode === 'auto' && (await this.probeApi(subject))) {
            // The registry has dropped it from its API answer. One that sent no OCI-Subject on the push
            // (go-containerregistry's) had clients keep the tag index as well: the entry goes from there too.
            const index = await this.readTagIndex(subject);
            if (index.state !== 'index' || !index.manifests.some((d) => d.digest === descriptor.digest))
                return { via: 'api' };
        }
        const update = await this.enqueue(subject, { remove: descriptor.digest });
        this.outcomes.set(descriptor.digest, update);
        return update;
    }
    /**
     * A registry that refuses a manifest as MANIFEST_INVALID because of its
     * artifactType (GitLab keeps an allow-list) is told apart here, so the error
     * says what to change rather than "manifest invalid".
     */
    explainRefusal(error, manifest) {
        if (!manifest || error.status !== 400 || !error.detail?.includes('MANIFEST_INVALID'))
            return error;
        const type = manifest.artifactType ?? ((0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndex */ .nw)(manifest) ? undefined : manifest.config.mediaType);
        const standard = [_oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageConfig, _oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.DockerConfig];
        if (!type || standard.includes(type))
            return error;
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu('UNSUPPORTED', `${this.repository.name} refused the manifest as invalid (MANIFEST_INVALID): the registry does not accept the artifact type "${type}"`, {
            detail: error.detail,
            hint: `some registries (GitLab among them) accept only artifact types on an allow-list; use one it accepts (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .optionRef */ .$j)('artifact-type')}, or the file's media type), ` +
                'ask its operator to allow this one, or push to a registry that takes any (GHCR, Docker Hub, Harbor, zot)',
            status: 400,
            cause: error,
        });
    }
    // --- The referrers API -------------------------------------------------------
    /** Whether the registry really answers the referrers API (it may send OCI-Subject and still lack it). */
    async probeApi(subject) {
        if (this.apiAvailable !== undefined)
            return this.apiAvailable;
        const answer = await this.listViaApi(subject, {});
        if (answer === 'no-repository')
            return false;
        this.apiAvailable = answer !== 'no-api';
        return this.apiAvailable;
    }
    /** Every page of `GET /v2/<name>/referrers/<digest>`, or why there is no list. */
    async listViaApi(subject, query) {
        const search = query.artifactType === undefined ? '' : `?${new URLSearchParams({ artifactType: query.artifactType })}`;
        const what = `referrers of ${this.repository.name}@${subject.digest}`;
        const pages = new _registry_page_walk_js__WEBPACK_IMPORTED_MODULE_6__/* .PageWalk */ .n(`listing ${what}`, this.repository.client.baseUrl, REFERRERS_LIMITS);
        const manifests = [];
        let filtered = true;
        let url = pages.first(`/v2/${this.repo}/referrers/${subject.digest}${search}`);
        for (let page = 0; url; page++) {
            const response = await this.repository.client.send({
                method: 'GET',
                url,
                headers: { accept: _oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex },
                scope: (0,_registry_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryScope */ .F7)(this.repo, 'pull'),
                idempotent: true,
                ...(query.signal ? { signal: query.signal } : {}),
            });
            if (response.status !== 200) {
                if (page === 0 && response.status === 404) {
                    const answer = await (0,_registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__/* .registryAnswer */ .U)(response.status, response.body);
                    return answer.split('; ').some((e) => e.startsWith('NAME_UNKNOWN:')) ? 'no-repository' : 'no-api';
                }
                if (page === 0 && NO_API_STATUSES.has(response.status)) {
                    await response.body.resume();
                    return 'no-api';
                }
                throw await (0,_registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__/* .registryError */ .e)(`listing ${what}`, response.status, response.body);
            }
            const bytes = await (0,_registry_read_bounded_js__WEBPACK_IMPORTED_MODULE_9__/* .readBounded */ .C)(response.body, REFERRERS_PAGE_LIMIT, what).catch((error) => {
                if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .isOcikitError */ .CI)(error, 'SIZE_LIMIT'))
                    throw error;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu('SIZE_LIMIT', error.message, {
                    hint: `the registry answered with more than a page may hold instead of pages (distribution-spec: Link rel="next"); list them from the tag schema with ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .optionRef */ .$j)('referrers-mode')} tag, or ask its operator`,
                    cause: error,
                });
            });
            let entries;
            try {
                entries = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .parseReferrersList */ .a_)(bytes, what);
            }
            catch (error) {
                // A 200 that is no image index (a web page behind a catch-all route): no API here.
                if (page === 0 && (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .isOcikitError */ .CI)(error, 'INVALID_MANIFEST') && this.mode === 'auto')
                    return 'no-api';
                throw error;
            }
            pages.add(bytes.length, entries.length);
            for (const entry of entries)
                manifests.push(entry);
            const applied = (header(response, 'oci-filters-applied') ?? '').split(',').map((f) => f.trim());
            if (!applied.includes('artifactType'))
                filtered = false;
            url = pages.next(response);
        }
        const typed = await this.withOwnArtifactTypes(manifests, query.signal);
        // A registry that did not apply the filter says so by leaving out OCI-Filters-Applied: filter here.
        return filtered ? typed : (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .filterByArtifactType */ .Ul)(typed, query.artifactType);
    }
    /**
     * The entries a registry listed with its config's media type for the
     * artifact type (go-containerregistry's lists the empty type for every
     * artifact), with the type and annotations read from the manifests
     * themselves; the others as listed.
     */
    async withOwnArtifactTypes(manifests, signal) {
        if (!manifests.some(_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .listsConfigTypeAsArtifactType */ .Gn))
            return manifests;
        return (0,_util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_10__/* .mapConcurrent */ ._)(manifests, 8, async (listed) => {
            if (!(0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .listsConfigTypeAsArtifactType */ .Gn)(listed))
                return listed;
            const what = `manifest ${this.repository.name}@${listed.digest}`;
            const response = await this.repository.client.send({
                method: 'GET',
                url: `/v2/${this.repo}/manifests/${listed.digest}`,
                headers: { accept: _registry_manifest_accept_js__WEBPACK_IMPORTED_MODULE_11__/* .MANIFEST_ACCEPT */ .d },
                scope: (0,_registry_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryScope */ .F7)(this.repo, 'pull'),
                idempotent: true,
                ...(signal ? { signal } : {}),
            });
            if (response.status === 404) {
                await response.body.resume();
                return listed; // deleted since it was listed: nothing better to say of it
            }
            if (response.status !== 200)
                throw await (0,_registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__/* .registryError */ .e)(`reading the referrer ${what} for its artifact type`, response.status, response.body);
            const bytes = await (0,_registry_read_bounded_js__WEBPACK_IMPORTED_MODULE_9__/* .readBounded */ .C)(response.body, _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MANIFEST_BYTES */ .ZJ, what);
            (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_12__/* .verifyBytes */ .RV)(bytes, listed.digest, what);
            return (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .referrerDescriptor */ .xh)(listed, (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(bytes, what, (0,_oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isManifestMediaType */ .CM)(listed.mediaType) ? listed.mediaType : undefined));
        });
    }
    noApi(subject) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu('UNSUPPORTED', `${this.repository.name} has no referrers API (GET /v2/${this.repo}/referrers/${subject.digest} is not answered)`, {
            hint: `use ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .optionRef */ .$j)('referrers-mode')} auto or tag (the sha256-<hex> tag schema; oras: --distribution-spec v1.1-referrers-tag)`,
        });
    }
    // --- The tag schema -----------------------------------------------------------
    /** Reads the index under the subject's referrers tag, telling an index from what some registries answer instead. */
    async readTagIndex(subject) {
        const tag = (0,_referrers_tag_js__WEBPACK_IMPORTED_MODULE_5__/* .referrersTag */ .L)(subject.digest);
        const response = await this.repository.client.send({
            method: 'GET',
            url: `/v2/${this.repo}/manifests/${tag}`,
            headers: { accept: _registry_manifest_accept_js__WEBPACK_IMPORTED_MODULE_11__/* .MANIFEST_ACCEPT */ .d },
            scope: (0,_registry_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryScope */ .F7)(this.repo, 'pull'),
            idempotent: true,
        });
        if (response.status === 404) {
            await response.body.resume();
            return { state: 'absent', manifests: [] };
        }
        const what = `referrers index ${this.repository.name}:${tag}`;
        if (response.status !== 200)
            throw await (0,_registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__/* .registryError */ .e)(`reading ${what}`, response.status, response.body);
        const bytes = await (0,_registry_read_bounded_js__WEBPACK_IMPORTED_MODULE_9__/* .readBounded */ .C)(response.body, _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MANIFEST_BYTES */ .ZJ, what);
        const headerDigest = header(response, 'docker-content-digest');
        if (headerDigest && (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_12__/* .isDigest */ .Bc)(headerDigest) && headerDigest.startsWith('sha256:'))
            (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_12__/* .verifyBytes */ .RV)(bytes, headerDigest, what);
        const digest = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_12__/* .digestOf */ .ol)(bytes);
        const etag = header(response, 'etag');
        const mediaType = header(response, 'content-type')?.split(';')[0]?.trim();
        // GitLab answers a sha256-<hex> tag with the manifest of that digest: the subject, not a referrers index.
        if (digest === subject.digest)
            return { state: 'subject', digest, manifests: [] };
        let manifest;
        try {
            manifest = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(bytes, what, mediaType && (0,_oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .isManifestMediaType */ .CM)(mediaType) ? mediaType : undefined);
        }
        catch {
            return { state: 'foreign', digest, ...(mediaType ? { mediaType } : {}), manifests: [] };
        }
        if (!(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndex */ .nw)(manifest) || manifest.mediaType !== _oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex) {
            return { state: 'foreign', digest, mediaType: manifest.mediaType, manifests: [] };
        }
        return { state: 'index', digest, ...(etag ? { etag } : {}), manifests: manifest.manifests };
    }
    /** Queues a change for the subject's index; changes queued while a write runs go into the next one together. */
    enqueue(subject, change) {
        let queue = this.queues.get(subject.digest);
        if (!queue) {
            queue = { pending: [], running: false };
            this.queues.set(subject.digest, queue);
        }
        const promise = new Promise((resolve, reject) => queue.pending.push({ change, resolve, reject }));
        if (!queue.running)
            void this.drain(subject, queue);
        return promise;
    }
    async drain(subject, queue) {
        queue.running = true;
        while (queue.pending.length > 0) {
            const batch = queue.pending.splice(0);
            try {
                const update = await this.updateTagIndex(subject, batch.map((p) => p.change));
                batch.forEach((p) => p.resolve(update));
            }
            catch (error) {
                batch.forEach((p) => p.reject(error));
            }
        }
        queue.running = false;
        this.queues.delete(subject.digest);
    }
    /**
     * The read-modify-write of the subject's referrers index (distribution-spec
     * 1.1, "Pushing Manifests with Subject" and "Deleting Manifests"), confirmed
     * by reading it back, retried until it holds, then the replaced index
     * manifests deleted where the registry allows it.
     */
    async updateTagIndex(subject, changes) {
        const tag = (0,_referrers_tag_js__WEBPACK_IMPORTED_MODULE_5__/* .referrersTag */ .L)(subject.digest);
        const adds = new Map();
        const removes = new Set();
        for (const change of changes) {
            if (change.add) {
                adds.set(change.add.digest, change.add);
                removes.delete(change.add.digest);
            }
            if (change.remove) {
                removes.add(change.remove);
                adds.delete(change.remove);
            }
        }
        const maxAttempts = this.options.referrersMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
        const deadline = Date.now() + UPDATE_BUDGET_MS;
        const replaced = new Set();
        const written = new Set();
        let started = Date.now();
        let current = await this.readTagIndex(subject);
        for (let attempt = 1;; attempt++) {
            if (current.state === 'foreign') {
                const problem = `${this.repository.name}:${tag} holds a ${current.mediaType ?? 'manifest'} (${current.digest}), not a referrers index`;
                if (adds.size === 0) {
                    this.warnOnce(`foreign-${tag}`, `${problem}; left as it is`);
                    return { via: 'tag', tag };
                }
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu('REGISTRY_ERROR', `cannot list ${[...adds.keys()].join(', ')} as a referrer: ${problem}`, {
                    hint: `the referrer itself was pushed; the tag ${tag} is reserved for the referrers index of ${subject.digest}: remove or move what is there, then attach again`,
                });
            }
            if (current.state === 'subject' && written.size > 0) {
                // GitLab answers a sha256-<hex> tag with the manifest of that digest: what was written cannot be read back.
                this.warnOnce(`unverifiable-${tag}`, `${this.repository.name} answers the tag ${tag} with the subject itself rather than the referrers index written there, so the index could not be read back to confirm it`);
                return { via: 'tag', tag, attempts: attempt };
            }
            const base = current.state === 'index' ? current.manifests : [];
            if (holds(base, adds, removes)) {
                const cleanedUp = written.size > 0 ? await this.cleanUp(tag, [...replaced, ...written], current.digest) : [];
                return {
                    via: 'tag',
                    tag,
                    ...(current.state === 'index' && current.digest ? { index: current.digest } : {}),
                    attempts: attempt,
                    ...(cleanedUp.length ? { cleanedUp } : {}),
                };
            }
            if (attempt > maxAttempts || Date.now() > deadline) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu('REGISTRY_ERROR', `could not update the referrers index ${this.repository.name}:${tag}: other writers kept replacing it (${attempt - 1} attempts)`, {
                    hint: 'the referrers themselves were pushed; attach again (ocikit adds what is missing), run fewer attaches to one subject at once, or use a registry with the OCI 1.1 referrers API',
                });
            }
            const next = [...base.filter((d) => !removes.has(d.digest) && !adds.has(d.digest)), ...adds.values()];
            const put = await this.putTagIndex(tag, next, current.state === 'index' ? current.etag : undefined);
            if (put.outcome === 'conflict') {
                // If-Match refused: someone wrote since we read. Read again and redo the change on theirs.
                started = Date.now();
                current = await this.readTagIndex(subject);
                continue;
            }
            if (put.outcome === 'dangling') {
                const missing = await this.missingEntries(next);
                for (const digest of adds.keys()) {
                    if (missing.has(digest))
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu('NOT_FOUND', `${this.repository.name}@${digest} is no longer in the repository; it cannot be listed as a referrer`);
                }
                if (missing.size === 0)
                    throw put.error;
                this.warnOnce(`dangling-${tag}`, `the referrers index ${this.repository.name}:${tag} listed manifests that are gone (${[...missing].join(', ')}); dropped them`);
                current = { ...current, manifests: base.filter((d) => !missing.has(d.digest)) };
                continue;
            }
            written.add(put.digest);
            if (current.state === 'index' && current.digest)
                replaced.add(current.digest);
            // Wait out the window in which a writer that read before our write may still write; then see whether ours stuck.
            const roundTrip = Date.now() - started;
            const settle = this.options.referrersSettleMs ?? Math.min(2000, Math.max(250, 3 * roundTrip));
            if (settle > 0)
                await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(settle + Math.random() * settle * 0.5);
            started = Date.now();
            current = await this.readTagIndex(subject);
        }
    }
    async putTagIndex(tag, manifests, etag) {
        const bytes = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .encodeManifest */ .Gb)((0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_3__/* .referrersIndex */ .X9)(manifests));
        const response = await this.repository.client.send({
            method: 'PUT',
            url: `/v2/${this.repo}/manifests/${tag}`,
            headers: { 'content-type': _oci_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex, ...(etag ? { 'if-match': etag } : {}) },
            body: () => bytes,
            scope: (0,_registry_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryScope */ .F7)(this.repo, 'pull,push'),
            idempotent: true,
        });
        if (response.status === 201 || response.status === 200) {
            await response.body.resume();
            return { outcome: 'written', digest: (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_12__/* .digestOf */ .ol)(bytes) };
        }
        if (response.status === 412) {
            await response.body.resume();
            return { outcome: 'conflict' };
        }
        const answer = await (0,_registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__/* .registryAnswer */ .U)(response.status, response.body);
        const error = new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OcikitError */ .Gu(response.status === 401 ? 'UNAUTHORIZED' : response.status === 403 ? 'DENIED' : 'REGISTRY_ERROR', `writing the referrers index ${this.repository.name}:${tag} failed (HTTP ${response.status})`, {
            detail: answer,
            hint: 'the referrer itself was pushed; the tag schema needs push access to the repository',
            status: response.status,
        });
        // A registry refuses an index that lists a manifest it no longer has (deleted by a tool that left the index):
        // distribution with 400, go-containerregistry's with 404 MANIFEST_UNKNOWN.
        if ((response.status === 400 && /MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN|MANIFEST_UNKNOWN/.test(answer)) || (response.status === 404 && /MANIFEST_UNKNOWN/.test(answer))) {
            return { outcome: 'dangling', error };
        }
        throw error;
    }
    /** The entries of an index whose manifests the repository no longer holds. */
    async missingEntries(manifests) {
        const missing = new Set();
        await (0,_util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_10__/* .mapConcurrent */ ._)(manifests, 8, async (descriptor) => {
            const response = await this.repository.client.send({
                method: 'HEAD',
                url: `/v2/${this.repo}/manifests/${descriptor.digest}`,
                headers: { accept: _registry_manifest_accept_js__WEBPACK_IMPORTED_MODULE_11__/* .MANIFEST_ACCEPT */ .d },
                scope: (0,_registry_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryScope */ .F7)(this.repo, 'pull'),
                idempotent: true,
            });
            await response.body.resume();
            if (response.status === 404)
                missing.add(descriptor.digest);
        });
        return missing;
    }
    /**
     * Deletes index manifests this update replaced (or wrote and saw replaced), so
     * they do not pile up untagged. Never the one the tag names now. A registry
     * that refuses deletes (GHCR) gets a warning, not a failure.
     */
    async cleanUp(tag, digests, keep) {
        const deleted = [];
        for (const digest of new Set(digests)) {
            if (digest === keep)
                continue;
            try {
                const response = await this.repository.client.send({
                    method: 'DELETE',
                    url: `/v2/${this.repo}/manifests/${digest}`,
                    scope: (0,_registry_scope_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryScope */ .F7)(this.repo, 'delete'),
                    idempotent: true,
                });
                if ([200, 202, 204].includes(response.status)) {
                    await response.body.resume();
                    deleted.push(digest);
                    continue;
                }
                if (response.status === 404) {
                    await response.body.resume(); // another writer cleaned it up first
                    continue;
                }
                const answer = await (0,_registry_registry_error_js__WEBPACK_IMPORTED_MODULE_8__/* .registryAnswer */ .U)(response.status, response.body);
                this.warnOnce(`cleanup-${tag}`, `${this.repository.name} did not delete the replaced referrers index ${digest} (HTTP ${response.status}: ${answer}); it stays in the repository, untagged`);
                return deleted;
            }
            catch (error) {
                this.warnOnce(`cleanup-${tag}`, `could not delete the replaced referrers index ${this.repository.name}@${digest}: ${error.message}`);
                return deleted;
            }
        }
        return deleted;
    }
    warnOnce(key, message) {
        if (this.warned.has(key))
            return;
        this.warned.add(key);
        this.options.onWarning?.(message);
    }
}
/** Whether the index already lists every referrer to add and none to remove. */
function holds(manifests, adds, removes) {
    const listed = new Set(manifests.map((d) => d.digest));
    for (const digest of adds.keys())
        if (!listed.has(digest))
            return false;
    for (const digest of removes)
        if (listed.has(digest))
            return false;
    return true;
}
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
//# sourceMappingURL=remote-referrers.js.map

/***/ }),

/***/ 55770:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bo: () => (/* binding */ IDENTITY_TOKEN_USER),
/* harmony export */   DJ: () => (/* binding */ credentialSecrets),
/* harmony export */   G: () => (/* binding */ isBasicCredential),
/* harmony export */   gT: () => (/* binding */ noCredentials)
/* harmony export */ });
/* unused harmony export staticCredentials */
const noCredentials = async () => undefined;
function staticCredentials(credential) {
    return async () => credential;
}
function isBasicCredential(credential) {
    return 'password' in credential;
}
/**
 * Every secret a credential carries, in every form it travels in, so front ends
 * can mask them wherever text is printed: as given, percent-encoded (a URL, a
 * form body) and as the Basic `Authorization` value it makes (a registry that
 * echoes its request headers prints that one).
 */
function credentialSecrets(credential) {
    if (!credential)
        return [];
    const [user, secret] = isBasicCredential(credential) ? [credential.username, credential.password] : [credential.username ?? IDENTITY_TOKEN_USER, credential.identityToken];
    if (secret === '')
        return [];
    return [...new Set([secret, encodeURIComponent(secret), Buffer.from(`${user}:${secret}`).toString('base64')])];
}
/** docker's user name for an identity token sent as a Basic password. */
const IDENTITY_TOKEN_USER = '<token>';
//# sourceMappingURL=credentials.js.map

/***/ }),

/***/ 73692:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ MANIFEST_ACCEPT)
/* harmony export */ });
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87536);

/** Every manifest and index type we read; without an explicit Accept some registries answer 404. */
const MANIFEST_ACCEPT = _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_MEDIA_TYPES */ .$T.join(', ');
//# sourceMappingURL=manifest-accept.js.map

/***/ }),

/***/ 78795:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ PageWalk)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);

/**
 * Walks the `Link: <…>; rel="next"` pages of a list (distribution-spec
 * pagination) within bounds: the next page must be on the registry's own origin
 * (a `Link` elsewhere would send the registry's credentials-scoped request to a
 * stranger, or read a stranger's list as the registry's), no page is read twice,
 * and the pages, bytes and entries held stay under `limits`, each refusal naming
 * the bound it hit.
 */
class PageWalk {
    what;
    origin;
    limits;
    visited = new Set();
    bytes = 0;
    entries = 0;
    constructor(
    /** What is being done, for messages: `listing tags of 127.0.0.1:5000/app`. */
    what, origin, limits) {
        this.what = what;
        this.origin = origin;
        this.limits = limits;
    }
    /** The URL of the first page, made absolute and checked like the others. */
    first(path) {
        return this.check(new URL(path, this.origin).href);
    }
    /** The next page the response links to, or undefined at the end. */
    next(response) {
        const link = headerValue(response, 'link');
        const target = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
        return target ? this.check(new URL(target, response.url).href) : undefined;
    }
    /** Counts a page read; throws once the list outgrows a bound. */
    add(pageBytes, pageEntries) {
        this.bytes += pageBytes;
        this.entries += pageEntries;
        if (this.bytes > this.limits.bytes)
            throw this.limitError(`more than ${this.limits.bytes} bytes`);
        if (this.entries > this.limits.entries)
            throw this.limitError(`more than ${this.limits.entries} entries`);
    }
    check(url) {
        if (new URL(url).origin !== this.origin.origin) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('REGISTRY_ERROR', `${this.what}: the registry's next page is on another host (${new URL(url).origin}); not followed`, {
                hint: 'a registry links only to its own pages; ocikit reads lists only from the registry itself. Report it to the registry operator',
            });
        }
        if (this.visited.has(url) || this.visited.size >= this.limits.pages) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('REGISTRY_ERROR', `${this.what}: the registry's pages do not come to an end`, {
                detail: `page ${this.visited.size + 1} would be ${url}${this.visited.has(url) ? ', which was read already' : ` (the limit is ${this.limits.pages} pages)`}`,
                hint: 'the registry paginates wrongly; report it to its operator',
            });
        }
        this.visited.add(url);
        return url;
    }
    limitError(bound) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('SIZE_LIMIT', `${this.what}: the list has ${bound}; ocikit stopped reading it`, {
            hint: `a list this long is more than ocikit holds in memory; narrow it where the command allows (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('last')}, ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('artifact-type')}) or clean up the repository`,
        });
    }
}
function headerValue(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
//# sourceMappingURL=page-walk.js.map

/***/ }),

/***/ 68218:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ readBounded)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);

/**
 * Reads a response body into memory, refusing to go past `limit` bytes: a
 * hostile or broken server cannot make ocikit buffer an endless body.
 */
async function readBounded(body, limit, what) {
    const chunks = [];
    let total = 0;
    for await (const chunk of body) {
        total += chunk.length;
        if (total > limit) {
            body.destroy();
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('SIZE_LIMIT', `${what} is larger than the ${limit}-byte limit for it`, {
                hint: 'the server sent more than a valid answer can hold; check the registry URL',
            });
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
}
//# sourceMappingURL=read-bounded.js.map

/***/ }),

/***/ 310:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bP: () => (/* binding */ RegistryClient),
  KW: () => (/* binding */ cancelled)
});

// UNUSED EXPORTS: DEFAULT_TIMEOUTS, createDispatcher

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/util/printable.js
var printable = __webpack_require__(69172);
// EXTERNAL MODULE: ./packages/core/dist/version.js
var version = __webpack_require__(32098);
// EXTERNAL MODULE: ./packages/core/dist/registry/credentials.js
var credentials = __webpack_require__(55770);
// EXTERNAL MODULE: ./packages/core/dist/util/text.js
var util_text = __webpack_require__(28432);
;// CONCATENATED MODULE: ./packages/core/dist/registry/deadline.js

/**
 * A deadline for one request and its body, to be joined with the request's
 * signal: undici then ends the request, or its body as it is read, with the
 * reason, so whatever reads it meets this error and not an abort.
 */
function requestDeadline(ms, what) {
    const controller = new AbortController();
    const timer = setTimeout(() => {
        controller.abort(new errors/* OcikitError */.Gu('NETWORK', `${what}: no complete answer within ${Math.round(ms / 1000)} s`, {
            hint: 'the server is stalled or very slow; retry later, or raise the request timeout of this command or step (OCIKIT_REQUEST_TIMEOUT, in seconds)',
        }));
    }, ms);
    // A finished command does not wait for the deadline of a request it no longer reads.
    timer.unref();
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
//# sourceMappingURL=deadline.js.map
// EXTERNAL MODULE: ./packages/core/dist/registry/read-bounded.js
var read_bounded = __webpack_require__(68218);
// EXTERNAL MODULE: ./packages/core/dist/registry/registry-error.js
var registry_error = __webpack_require__(75974);
// EXTERNAL MODULE: ./packages/core/dist/registry/scope.js
var registry_scope = __webpack_require__(47648);
;// CONCATENATED MODULE: ./packages/core/dist/registry/authenticator.js







/** Tokens are renewed this long before they expire (less for short-lived ones, see renewalTime). */
const EXPIRY_MARGIN_MS = 10_000;
/** The distribution spec's default lifetime when a token response names none. */
const DEFAULT_TOKEN_LIFETIME_S = 60;
const TOKEN_RESPONSE_LIMIT = 1024 * 1024;
const CLIENT_ID = 'ocikit';
/**
 * Answers a registry's `WWW-Authenticate` challenges: Basic with the stored
 * credential, Bearer by fetching a token for the request's scope (anonymously,
 * with Basic credentials, or with an identity token's OAuth2 refresh grant).
 * Tokens are cached per scope, serve any request they cover, are fetched once
 * however many requests want them at the same time, and are renewed shortly
 * before they expire, or when the registry answers 401 to one.
 */
class Authenticator {
    options;
    basicHeader;
    bearer;
    tokens = new Map();
    pendingTokens = new Map();
    /** Token services that answered 404/405 to the OAuth2 POST: identity tokens go by GET there. */
    noOAuthRealms = new Set();
    credential;
    /** The token service's refusal of our credentials: not sent again (accounts may lock), reported again. */
    refusal;
    constructor(options) {
        this.options = options;
    }
    /**
     * The `Authorization` value to send with a request for this scope, if any. Once
     * the registry has asked for Bearer tokens, a missing or nearly expired token is
     * fetched here, before the request, so a streamed upload does not go out only
     * to be refused.
     */
    async authorize(scope) {
        if (this.basicHeader)
            return this.basicHeader;
        const cached = this.cachedToken(scope);
        if (cached)
            return cached.authorization;
        if (!this.bearer)
            return undefined;
        return (await this.tokenFor((0,registry_scope/* mergeScopes */.OL)(scope))).authorization;
    }
    /**
     * Prepares credentials for a retry after a 401; false when a retry cannot help
     * (the credential or the token was refused as it stands). Throws when the
     * registry wants credentials we do not have, or the token service refuses.
     */
    async respond(challenges, scope, what, sentAuthorization) {
        const bearer = challenges.find((c) => c.scheme === 'bearer');
        const basic = challenges.find((c) => c.scheme === 'basic');
        if (bearer?.params.realm) {
            this.bearer = { realm: this.checkedRealm(bearer.params.realm), service: bearer.params.service };
            // The registry may want more than we asked for (its challenge names the scope it checks).
            const needed = (0,registry_scope/* mergeScopes */.OL)(scope, bearer.params.scope);
            const sent = [...this.tokens.values()].find((t) => t.authorization === sentAuthorization);
            if (sent) {
                // A token asked for all of this and still short: the token service grants no more.
                if (bearer.params.error === 'insufficient_scope' && (0,registry_scope/* scopeCovers */.pp)(sent.scope, needed))
                    return false;
                this.tokens.delete(sent.scope); // expired, revoked, or too narrow
            }
            // Another request may have fetched a fresh token meanwhile.
            const fresh = this.cachedToken(needed);
            if (fresh && fresh.authorization !== sentAuthorization)
                return true;
            await this.tokenFor(needed);
            return true;
        }
        if (basic) {
            // Credentials the registry refused are not sent again (accounts may lock);
            // a request that went out before we had them is retried with them.
            if (this.basicHeader && sentAuthorization === this.basicHeader)
                return false;
            if (this.basicHeader)
                return true;
            const credential = await this.lookupCredential();
            if (!credential || !(0,credentials/* isBasicCredential */.G)(credential)) {
                throw new errors/* OcikitError */.Gu('UNAUTHORIZED', `${what}: ${this.options.registry} requires a username and password`, {
                    hint: 'provide a username and password or token: the username and password options of this command or step, or a login stored by `ocikit login` / `docker login`',
                    status: 401,
                });
            }
            this.basicHeader = basicAuthorization(credential.username, credential.password);
            return true;
        }
        throw new errors/* OcikitError */.Gu('UNAUTHORIZED', `${what}: ${this.options.registry} asked for an authentication scheme ocikit does not speak`, {
            detail: challenges.map((c) => c.scheme).join(', ') || 'no WWW-Authenticate challenge',
            status: 401,
        });
    }
    /** A cached token still good for `scope`: its own, else any that covers it. Stale ones are dropped. */
    cachedToken(scope) {
        const key = (0,registry_scope/* mergeScopes */.OL)(scope);
        const now = Date.now();
        for (const [cachedScope, token] of this.tokens) {
            if (token.renewAt <= now)
                this.tokens.delete(cachedScope);
        }
        const exact = this.tokens.get(key);
        if (exact)
            return exact;
        for (const token of this.tokens.values()) {
            if ((0,registry_scope/* scopeCovers */.pp)(token.scope, key))
                return token;
        }
        return undefined;
    }
    /** One fetch per scope at a time: concurrent requests wait for the same token. */
    tokenFor(scope) {
        let pending = this.pendingTokens.get(scope);
        if (!pending) {
            for (const [pendingScope, other] of this.pendingTokens) {
                if ((0,registry_scope/* scopeCovers */.pp)(pendingScope, scope))
                    return other;
            }
            pending = this.fetchToken(scope).finally(() => this.pendingTokens.delete(scope));
            this.pendingTokens.set(scope, pending);
        }
        return pending;
    }
    lookupCredential() {
        this.credential ??= this.options.credentials(this.options.registry);
        return this.credential;
    }
    async fetchToken(scope) {
        const { realm, service } = this.bearer;
        const credential = await this.lookupCredential();
        if (credential && this.refusal)
            throw this.refusal;
        const scopes = scope.split(' ').filter(Boolean);
        const secrets = (0,credentials/* credentialSecrets */.DJ)(credential);
        let response;
        let basic;
        if (credential && !(0,credentials/* isBasicCredential */.G)(credential)) {
            if (!this.noOAuthRealms.has(realm.href)) {
                // OAuth2 refresh-token grant, as `docker login` identity tokens require.
                const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: CLIENT_ID });
                if (service)
                    form.set('service', service);
                if (scopes.length)
                    form.set('scope', scopes.join(' '));
                response = await this.requestToken(realm, 'POST', form.toString(), undefined);
                if (response.statusCode === 404 || response.statusCode === 405) {
                    // A token service without OAuth2 grants (docker's fallback): the identity token as a Basic password.
                    await response.body.dump().catch(() => { });
                    this.noOAuthRealms.add(realm.href);
                    response = undefined;
                }
            }
            basic = basicAuthorization(credential.username ?? credentials/* IDENTITY_TOKEN_USER */.Bo, credential.identityToken);
        }
        else if (credential) {
            basic = basicAuthorization(credential.username, credential.password);
        }
        if (!response) {
            const url = new URL(realm);
            if (service)
                url.searchParams.set('service', service);
            for (const each of scopes)
                url.searchParams.append('scope', each);
            response = await this.requestToken(url, 'GET', undefined, basic);
        }
        const what = `getting a token for ${this.options.registry} (${scope || 'no scope'}) from ${realm.origin}`;
        if (response.statusCode !== 200) {
            const answer = (0,util_text/* redactSecrets */.f)(await (0,registry_error/* registryAnswer */.U)(response.statusCode, response.body), secrets);
            const refused = response.statusCode === 401 || response.statusCode === 403;
            const error = new errors/* OcikitError */.Gu(refused ? 'UNAUTHORIZED' : 'REGISTRY_ERROR', `${what} failed (HTTP ${response.statusCode})`, {
                detail: answer,
                hint: credential
                    ? 'the token service refused these credentials; check the username and password or token'
                    : 'the token service refused anonymous access; provide a username and password or token (the username and password options of this command or step, or a login stored by `ocikit login` / `docker login`)',
                status: response.statusCode,
            });
            if (refused && credential)
                this.refusal = error;
            throw error;
        }
        const receivedAt = Date.now();
        const answer = parseTokenAnswer(await (0,read_bounded/* readBounded */.C)(response.body, TOKEN_RESPONSE_LIMIT, 'token response'), what);
        const value = typeof answer.token === 'string' && answer.token ? answer.token : answer.access_token;
        if (typeof value !== 'string' || !value) {
            throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what}: the token service answered without a token`, {
                hint: 'the realm the registry names may not be a token service; check the registry configuration',
            });
        }
        const entry = { scope, authorization: `Bearer ${value}`, renewAt: renewalTime(answer, receivedAt) };
        this.tokens.set(scope, entry);
        return entry;
    }
    async requestToken(url, method, form, basic) {
        const headers = { 'user-agent': this.options.userAgent };
        if (form !== undefined)
            headers['content-type'] = 'application/x-www-form-urlencoded';
        if (basic)
            headers.authorization = basic;
        const deadline = requestDeadline(this.options.requestTimeoutMs, `getting a token for ${this.options.registry} from ${url.origin}`);
        try {
            const response = await this.options.dispatcher.request({ origin: url.origin, path: url.pathname + url.search, method, headers, body: form ?? null, signal: deadline.signal });
            response.body.once('close', deadline.clear);
            return response;
        }
        catch (error) {
            deadline.clear();
            if (error instanceof errors/* OcikitError */.Gu)
                throw error;
            const code = error.code;
            // The cause keeps the network code, so an idempotent request is retried as for the registry itself.
            throw new errors/* OcikitError */.Gu('NETWORK', `getting a token for ${this.options.registry}: could not reach the token service ${url.origin}`, {
                detail: `${code ?? ''} ${error.message ?? String(error)}`.trim(),
                hint: 'the registry sends clients to this address for tokens; check the network, or the registry configuration',
                cause: error,
            });
        }
    }
    checkedRealm(realm) {
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${this.options.registry} named a token realm that is not a URL: "${realm.slice(0, 200)}"`);
        }
        const plainOk = this.options.allowPlainHttpRealm || this.options.isLoopbackHost(url.host);
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainOk)) {
            throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${this.options.registry} asked for credentials to be sent to ${url.origin} without TLS; refused`, {
                hint: `use ${(0,errors/* optionRef */.$j)('plain-http')} only for registries you trust on a private network`,
            });
        }
        return url;
    }
}
function parseTokenAnswer(bytes, what) {
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        if (parsed && typeof parsed === 'object')
            return parsed;
    }
    catch {
        // reported below
    }
    throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what}: the token service answered something that is not a JSON object`, {
        detail: bytes.toString('utf8').slice(0, 200),
    });
}
/**
 * When to stop using a token: `issued_at` + `expires_in` (default 60 s), less a
 * margin of at most a quarter of what is left. An `issued_at` ahead of our clock
 * cannot lengthen a token, and one so far behind that the token would be expired
 * on arrival is the token service's clock, not the token's age, so it is ignored.
 */
function renewalTime(answer, receivedAt) {
    const lifetimeMs = (typeof answer.expires_in === 'number' && Number.isFinite(answer.expires_in) && answer.expires_in > 0
        ? answer.expires_in
        : DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const issued = typeof answer.issued_at === 'string' ? Date.parse(answer.issued_at) : Number.NaN;
    let expiresAt = (Number.isNaN(issued) ? receivedAt : Math.min(issued, receivedAt)) + lifetimeMs;
    if (expiresAt <= receivedAt)
        expiresAt = receivedAt + lifetimeMs;
    return expiresAt - Math.min(EXPIRY_MARGIN_MS, (expiresAt - receivedAt) / 4);
}
function basicAuthorization(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
//# sourceMappingURL=authenticator.js.map
;// CONCATENATED MODULE: ./packages/core/dist/registry/http-exchange.js
/**
 * Query parameters of the distribution API and the token protocol, whose values say
 * what a request is about and are kept. Every other value is replaced: pre-signed
 * object storage URLs carry their credential in the query (`X-Amz-Signature`,
 * `X-Amz-Credential`, `X-Goog-Signature`, Azure's `sig`, CloudFront's `Signature`,
 * Docker Hub's `verify`) and a token may travel as `token=` or `access_token=`;
 * keeping a list of the known-harmless is safer than chasing every vendor's name.
 */
const PLAIN_QUERY_PARAMETERS = new Set(['n', 'last', 'digest', 'mount', 'from', 'artifactType', 'service', 'scope']);
const REDACTED = '***';
/** `url` fit for a log: query values other than the OCI API's own, and any user:password@, replaced by `***`. */
function redactedUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return REDACTED;
    }
    if (parsed.username)
        parsed.username = REDACTED;
    if (parsed.password)
        parsed.password = REDACTED;
    if (!parsed.search)
        return parsed.href;
    // The query as it was written (`sha256:` stays as it was sent), value by value.
    const query = parsed.search
        .slice(1)
        .split('&')
        .map((pair) => {
        const name = pair.split('=', 1)[0];
        return PLAIN_QUERY_PARAMETERS.has(safeDecode(name)) ? pair : `${name}=${REDACTED}`;
    })
        .join('&');
    return `${parsed.origin}${parsed.pathname}?${query}`;
}
/** What a registry client sends its requests through (registry-client.ts's RequestDispatcher). */
function safeDecode(text) {
    try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
    }
    catch {
        return text;
    }
}
/**
 * `dispatcher` with every request reported to `listener` once its answer's headers
 * are in (or it failed). A listener that throws changes nothing about the request.
 */
function observedDispatcher(dispatcher, listener) {
    const report = (exchange) => {
        try {
            listener(exchange);
        }
        catch {
            // a debug log must not break a transfer
        }
    };
    const request = async (options) => {
        const startedAt = Date.now();
        const authorization = headerValue(options.headers, 'authorization')?.split(' ')[0];
        const base = {
            method: options.method,
            url: redactedUrl(new URL(options.path, String(options.origin))),
            ...(authorization ? { authorization } : {}),
        };
        try {
            const response = await dispatcher.request(options);
            const location = response.headers.location;
            report({
                ...base,
                status: response.statusCode,
                ...(response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string'
                    ? { location: redactedUrl(new URL(location, String(options.origin))) }
                    : {}),
                durationMs: Date.now() - startedAt,
            });
            return response;
        }
        catch (error) {
            const code = error.code;
            report({ ...base, durationMs: Date.now() - startedAt, error: typeof code === 'string' ? code : (error?.name ?? 'failed') });
            throw error;
        }
    };
    return { request, close: () => dispatcher.close() };
}
function headerValue(headers, name) {
    if (!headers || Array.isArray(headers) || typeof headers[Symbol.iterator] === 'function')
        return undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
//# sourceMappingURL=http-exchange.js.map
// EXTERNAL MODULE: ./packages/core/dist/registry/retry-policy.js
var retry_policy = __webpack_require__(41121);
;// CONCATENATED MODULE: ./packages/core/dist/registry/www-authenticate.js
/**
 * Parses a `WWW-Authenticate` value into its challenges. Tolerant of what real
 * registries send (unquoted values, odd spacing, several challenges in one
 * header) and never throws: what cannot be parsed is skipped.
 */
function parseWwwAuthenticate(header) {
    if (header === undefined)
        return [];
    const values = Array.isArray(header) ? header : [header];
    return values.flatMap((value) => parseChallenges(new Scanner(value)));
}
class Scanner {
    text;
    position = 0;
    constructor(text) {
        this.text = text;
    }
    get done() {
        this.skip(/[ \t]*/y);
        return this.position >= this.text.length;
    }
    /** Consumes `pattern` (a sticky regex) at the current position, returning the match. */
    skip(pattern) {
        pattern.lastIndex = this.position;
        const match = pattern.exec(this.text);
        if (!match)
            return undefined;
        this.position = pattern.lastIndex;
        return match[0];
    }
    peek(pattern) {
        pattern.lastIndex = this.position;
        return pattern.test(this.text);
    }
}
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const SPACES = /[ \t]*/y;
const COMMAS = /[ \t]*(,[ \t]*)*/y;
const PARAM_START = /[ \t]*[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=(?!=)/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
// Tolerated beyond RFC 7235's token: some registries leave URLs and scopes unquoted.
const UNQUOTED = /[^,\s]*/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/y;
function parseChallenges(scanner) {
    const challenges = [];
    while (!scanner.done) {
        scanner.skip(COMMAS);
        const scheme = scanner.skip(TOKEN);
        if (!scheme)
            break;
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        challenges.push(challenge);
        scanner.skip(SPACES);
        if (!scanner.peek(PARAM_START) && scanner.peek(TOKEN68)) {
            scanner.skip(TOKEN68); // token68 credentials: registries do not use them
            scanner.skip(COMMAS);
            continue;
        }
        // auth-params until the next thing that is not `key=`: that starts a new challenge.
        while (scanner.peek(PARAM_START)) {
            scanner.skip(SPACES);
            const key = scanner.skip(TOKEN).toLowerCase();
            scanner.skip(/[ \t]*=[ \t]*/y);
            const quoted = scanner.skip(QUOTED);
            const value = quoted !== undefined ? quoted.slice(1, -1).replace(/\\(.)/g, '$1') : (scanner.skip(UNQUOTED) ?? '');
            challenge.params[key] = value;
            scanner.skip(COMMAS);
        }
        if (!scanner.done && !scanner.peek(TOKEN))
            break; // garbage: stop rather than loop
    }
    return challenges;
}
//# sourceMappingURL=www-authenticate.js.map
;// CONCATENATED MODULE: ./packages/core/dist/registry/registry-client.js











const DEFAULT_TIMEOUTS = { headersMs: 300_000, bodyMs: 60_000, requestMs: 600_000, minBytesPerSecond: 256 * 1024 };
/** How long a cleanup request (deleting an abandoned upload session) may take. */
const CLEANUP_TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 5;
async function createDispatcher(options = {}) {
    const { Agent } = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 46752, 19));
    return new Agent({
        keepAliveTimeout: 30_000,
        connections: 32,
        connect: { rejectUnauthorized: !options.insecure },
    });
}
/**
 * The client's own Agent, made at its first request: undici is a third of what
 * loading core costs, and a verb that reaches no registry (an OCI layout, --help)
 * never needs it.
 */
function lazyDispatcher(options) {
    let agent;
    return {
        request: async (request) => (await (agent ??= createDispatcher(options))).request(request),
        close: async () => {
            if (agent)
                await (await agent).close();
        },
    };
}
/**
 * One registry host over HTTP: connection reuse, auth challenges, bounded retries,
 * redirects, `Warning` headers. It knows requests, not repositories or manifests.
 */
class RegistryClient {
    options;
    registry;
    baseUrl;
    dispatcher;
    ownsDispatcher;
    auth;
    retry;
    timeouts;
    warned = new Set();
    constructor(options) {
        this.options = options;
        this.registry = options.registry;
        const plain = options.plainHttp || (0,reference/* isLoopbackRegistry */.jW)(options.registry);
        this.baseUrl = new URL(`${plain ? 'http' : 'https'}://${options.endpointHost ?? options.registry}`);
        this.ownsDispatcher = !options.dispatcher;
        const dispatcher = options.dispatcher ?? lazyDispatcher(options);
        this.dispatcher = options.onHttp ? observedDispatcher(dispatcher, options.onHttp) : dispatcher;
        this.retry = { ...retry_policy/* DEFAULT_RETRY_POLICY */.cO, ...options.retry };
        this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
        this.auth = new Authenticator({
            registry: options.registry,
            credentials: options.credentials ?? credentials/* noCredentials */.gT,
            dispatcher: this.dispatcher,
            userAgent: version/* USER_AGENT */._,
            allowPlainHttpRealm: Boolean(options.plainHttp),
            isLoopbackHost: reference/* isLoopbackRegistry */.jW,
            requestTimeoutMs: this.timeouts.requestMs,
        });
    }
    /**
     * Sends a request, answering auth challenges once, retrying idempotent requests
     * on throttling, server errors and dropped connections. The caller consumes or
     * dumps the body of what is returned.
     */
    async send(given) {
        const signal = this.signalFor(given);
        // `signal` stops the request from (re)starting; the transfer under way stops with `lingering` (the grace after it).
        const lingering = signal && given.abortGraceMs ? linger(signal, given.abortGraceMs) : undefined;
        const request = signal ? { ...given, signal: lingering?.signal ?? signal } : given;
        try {
            return await this.sendAttempts(request, signal);
        }
        finally {
            lingering?.dispose();
        }
    }
    async sendAttempts(request, signal) {
        const startedAt = Date.now();
        let authAttempts = 0;
        for (let attempt = 1;; attempt++) {
            let response;
            try {
                signal?.throwIfAborted();
                response = await this.sendFollowingRedirects(request);
            }
            catch (error) {
                if (signal?.aborted)
                    throw cancelled(signal, request, this.registry);
                const delay = request.idempotent && !request.cleanup && (0,retry_policy/* isRetryableError */.$d)(error) ? (0,retry_policy/* nextDelay */.rM)(this.retry, attempt, startedAt) : undefined;
                if (delay === undefined)
                    throw this.networkError(error, request);
                await this.pause(delay, signal, request);
                continue;
            }
            if (response.status === 401 && response.url.origin !== this.baseUrl.origin) {
                // A host the registry sent us to (a blob redirect, an upload Location) refusing
                // us: its challenge is not the registry's, and the registry's login never goes there.
                await dump(response);
                throw new errors/* OcikitError */.Gu('UNAUTHORIZED', `${describeRequest(request, this.registry)}: ${response.url.origin}, where the registry sent this request, refused it (HTTP 401)`, {
                    hint: `ocikit sends ${this.registry}'s credentials only to ${this.baseUrl.origin}; the registry's redirect or upload location must work without them (a pre-signed URL). Report it to the registry operator`,
                    status: 401,
                });
            }
            if (response.status === 401 && authAttempts < 2) {
                // A 401 with a token we sent may be an expiry mid-operation: renew (bounded) and
                // send again, whatever the method: the registry refused before acting on the
                // request, and a streamed body comes again from its factory.
                authAttempts++;
                const challenges = parseWwwAuthenticate(response.headers['www-authenticate']);
                let retry;
                try {
                    retry = await this.auth.respond(challenges, request.scope, describeRequest(request, this.registry), response.sentAuthorization);
                }
                catch (error) {
                    await dump(response);
                    throw error;
                }
                if (retry) {
                    await dump(response);
                    attempt--;
                    continue;
                }
            }
            if ((0,retry_policy/* isRetryableStatus */.PS)(response.status) && request.idempotent) {
                const delay = (0,retry_policy/* nextDelay */.rM)(this.retry, attempt, startedAt, (0,retry_policy/* parseRetryAfter */.mu)(response.headers['retry-after']));
                if (delay !== undefined) {
                    await dump(response);
                    await this.pause(delay, signal, request);
                    continue;
                }
            }
            return response;
        }
    }
    async close() {
        if (this.ownsDispatcher)
            await this.dispatcher.close();
    }
    /** The retry policy this client keeps to (uploads resume under the same bounds). */
    get retryPolicy() {
        return this.retry;
    }
    /** The client's own signal (SIGINT), for work around requests that should stop with them. */
    get signal() {
        return this.options.signal;
    }
    /** Waits `ms` before a retry; `signal` firing ends the wait at once with a CANCELLED error (about `request`, if one). */
    async pause(ms, signal, request) {
        try {
            await (0,promises_.setTimeout)(ms, undefined, signal ? { signal } : undefined);
        }
        catch (error) {
            if (signal?.aborted)
                throw cancelled(signal, request, this.registry);
            throw error;
        }
    }
    /** Waits `ms` (a backoff between recoveries), ending early with a CANCELLED error when `signal` or the client's own fires. */
    async wait(ms, signal) {
        await this.pause(ms, anySignal([signal, this.options.signal]));
    }
    /** The request's own signal joined with the client's; a cleanup ignores the client's and gets a deadline instead. */
    signalFor(request) {
        return anySignal([request.signal, request.cleanup ? AbortSignal.timeout(CLEANUP_TIMEOUT_MS) : this.options.signal]);
    }
    async sendFollowingRedirects(request) {
        let url = new URL(request.url, this.baseUrl);
        for (let hop = 0;; hop++) {
            const headers = { 'user-agent': version/* USER_AGENT */._, ...request.headers };
            // Credentials go only to the registry itself, never to a redirect or upload target elsewhere.
            if (url.origin === this.baseUrl.origin) {
                const authorization = await this.auth.authorize(request.scope);
                if (authorization)
                    headers.authorization = authorization;
            }
            const deadline = this.deadline(request);
            let raw;
            try {
                raw = await this.dispatcher.request({
                    origin: url.origin,
                    path: url.pathname + url.search,
                    method: request.method,
                    headers,
                    body: request.body ? request.body() : null,
                    signal: anySignal([request.signal, deadline.signal]),
                    headersTimeout: this.timeouts.headersMs,
                    bodyTimeout: this.timeouts.bodyMs,
                    // undici closes the connection after every HEAD (for servers that send a body with one);
                    // registries do not, and an `exists` check before each blob would cost a connection each.
                    ...(request.method === 'HEAD' ? { reset: false } : {}),
                });
            }
            catch (error) {
                deadline.clear();
                throw error;
            }
            // The deadline covers the body too, however the caller reads it; it ends with the body.
            raw.body.once('close', deadline.clear);
            const response = { status: raw.statusCode, headers: raw.headers, body: raw.body, url };
            if (headers.authorization)
                response.sentAuthorization = headers.authorization;
            this.reportWarnings(response.headers.warning);
            const location = response.headers.location;
            if (request.followRedirects && [301, 302, 303, 307, 308].includes(response.status) && typeof location === 'string') {
                await dump(response);
                if (hop >= MAX_REDIRECTS) {
                    throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${describeRequest(request, this.registry)}: more than ${MAX_REDIRECTS} redirects`);
                }
                url = new URL(location, url);
                if (url.protocol !== 'https:' && url.protocol !== 'http:') {
                    throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${describeRequest(request, this.registry)}: redirected to an unsupported URL scheme ${url.protocol}`);
                }
                continue;
            }
            return response;
        }
    }
    /** One request's (one hop's) deadline: the client's request timeout, and time for the blob bytes it moves. */
    deadline(request) {
        const bytes = (request.transferBytes ?? 0) + (Number(request.headers?.['content-length']) || 0);
        return requestDeadline(this.timeouts.requestMs + (bytes * 1000) / this.timeouts.minBytesPerSecond, describeRequest(request, this.registry));
    }
    reportWarnings(header) {
        if (!header || !this.options.onWarning)
            return;
        for (const value of Array.isArray(header) ? header : [header]) {
            // distribution-spec: `Warning: 299 - "text"`; only code 299 is meant for users.
            for (const match of value.matchAll(/299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) {
                const text = (0,printable/* printable */.g)(match[1].replace(/\\(.)/g, '$1'));
                if (this.warned.has(text))
                    continue;
                this.warned.add(text);
                this.options.onWarning(`${this.registry}: ${text}`);
            }
        }
    }
    networkError(error, request) {
        if (error instanceof errors/* OcikitError */.Gu || error?.name === 'AbortError')
            return error;
        const code = error.code ?? error.cause?.code;
        return new errors/* OcikitError */.Gu('NETWORK', `${describeRequest(request, this.registry)}: could not reach ${this.baseUrl.origin}`, {
            detail: `${code ?? ''} ${error.message ?? String(error)}`.trim(),
            hint: code === 'ECONNREFUSED'
                ? 'nothing is listening there; check the registry address and port'
                : this.baseUrl.protocol === 'https:' && /SSL|TLS|certificate|EPROTO/i.test(String(error.message))
                    ? `TLS failed: for a registry without TLS use ${(0,errors/* optionRef */.$j)('plain-http')}; for a self-signed certificate use ${(0,errors/* optionRef */.$j)('insecure')}`
                    : 'check the network and the registry address; ocikit retried what was safe to retry',
            cause: error,
        });
    }
}
/**
 * What an aborted signal becomes: its reason when that is already an OcikitError
 * (the CLI aborts with one that says SIGINT), else a CANCELLED error naming the request.
 */
function cancelled(signal, request, registry) {
    if (signal.reason instanceof errors/* OcikitError */.Gu)
        return signal.reason;
    return new errors/* OcikitError */.Gu('CANCELLED', `${request ? `${describeRequest(request, registry)}: ` : ''}cancelled`, {
        detail: signal.reason instanceof Error ? signal.reason.message : undefined,
        cause: signal.reason,
    });
}
function describeRequest(request, registry) {
    const url = typeof request.url === 'string' && request.url.startsWith('/') ? request.url : new URL(request.url).pathname;
    return `${request.method} ${registry}${url.split('?')[0]}`;
}
async function dump(response) {
    try {
        await response.body.dump?.();
    }
    catch {
        // the connection is discarded either way
    }
}
/** One signal that fires when any of `signals` does (undefined when there is none). */
function anySignal(signals) {
    const present = signals.filter((s) => s !== undefined);
    return present.length <= 1 ? present[0] : AbortSignal.any(present);
}
/** `signal`, firing `ms` after it does (with its reason); `dispose` disarms it once the request is done. */
function linger(signal, ms) {
    const controller = new AbortController();
    let timer;
    const arm = () => {
        timer = setTimeout(() => controller.abort(signal.reason), ms);
    };
    if (signal.aborted)
        arm();
    else
        signal.addEventListener('abort', arm, { once: true });
    return {
        signal: controller.signal,
        dispose: () => {
            signal.removeEventListener('abort', arm);
            clearTimeout(timer);
        },
    };
}
//# sourceMappingURL=registry-client.js.map

/***/ }),

/***/ 75974:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ registryAnswer),
/* harmony export */   e: () => (/* binding */ registryError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _util_printable_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69172);
/* harmony import */ var _read_bounded_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(68218);



const ERROR_BODY_LIMIT = 64 * 1024;
/**
 * The registry's own words from an error body (`{"errors":[{code,message,detail}]}`), else its
 * text: bounded, and printable (its control characters escaped), since it is printed as it came.
 */
async function registryAnswer(status, body) {
    return (0,_util_printable_js__WEBPACK_IMPORTED_MODULE_0__/* .printable */ .g)(await answerText(status, body));
}
async function answerText(status, body) {
    let text = '';
    if (body) {
        try {
            text = (await (0,_read_bounded_js__WEBPACK_IMPORTED_MODULE_1__/* .readBounded */ .C)(body, ERROR_BODY_LIMIT, 'error body')).toString('utf8').trim();
        }
        catch {
            text = '';
        }
    }
    try {
        const parsed = JSON.parse(text);
        if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
            return parsed.errors
                .map((e) => {
                const detail = e.detail === undefined || e.detail === null ? '' : `: ${JSON.stringify(e.detail)}`;
                return `${e.code ?? 'UNKNOWN'}: ${e.message ?? ''}${detail}`.slice(0, 500);
            })
                .join('; ');
        }
    }
    catch {
        // not JSON: use the text
    }
    return `HTTP ${status}${text ? ` ${text.slice(0, 300)}` : ''}`;
}
const CODE_BY_STATUS = { 401: 'UNAUTHORIZED', 403: 'DENIED', 404: 'NOT_FOUND' };
const HINT_BY_STATUS = {
    401: 'check the username and password or token (the username and password options of this command or step, or a login stored by `ocikit login` / `docker login`); the token needs read and write access to this repository',
    403: 'the credentials are valid but lack permission for this repository; grant write access (for GHCR, a token with write:packages)',
    404: 'check the registry, repository and tag; `ocikit tags <repo>` lists what is there',
    429: `the registry is throttling requests; retry later or lower ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .optionRef */ .$j)('concurrency')}`,
};
/** An OcikitError for an unexpected registry response: what we tried, what it said, what to try. */
async function registryError(what, status, body) {
    const answer = await registryAnswer(status, body);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu(CODE_BY_STATUS[status] ?? 'REGISTRY_ERROR', `${what} failed (HTTP ${status})`, {
        detail: answer,
        hint: HINT_BY_STATUS[status] ?? (status >= 500 ? 'the registry had an internal error; retry later' : undefined),
        status,
    });
}
//# sourceMappingURL=registry-error.js.map

/***/ }),

/***/ 33114:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ RemoteRepository)
});

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/oci/digest.js
var oci_digest = __webpack_require__(8649);
// EXTERNAL MODULE: ./packages/core/dist/oci/manifest.js
var oci_manifest = __webpack_require__(24075);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/progress/progress.js
var progress = __webpack_require__(39273);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/util/pipe-through.js
var pipe_through = __webpack_require__(73307);
// EXTERNAL MODULE: ./packages/core/dist/registry/registry-error.js
var registry_error = __webpack_require__(75974);
// EXTERNAL MODULE: ./packages/core/dist/registry/retry-policy.js
var retry_policy = __webpack_require__(41121);
;// CONCATENATED MODULE: ./packages/core/dist/registry/resume-budget.js

/** Resumes of one transfer at most, however much progress each brings (a server dribbling bytes). */
const MAX_RESUMES = 1000;
/**
 * How often a transfer that goes on from where it stopped (a download resumed
 * with `Range`, an upload resumed from the bytes its session holds) may do so:
 * the retry policy's `maxAttempts - 1` times in a row without progress, each
 * after the policy's backoff (or the registry's `Retry-After`), within
 * `maxElapsedMs` of the first of them. Getting `minProgress` bytes past where
 * the streak began starts a new one, so a long transfer over a flaky link is
 * not judged by its total of failures; MAX_RESUMES bounds them all.
 */
class ResumeBudget {
    policy;
    minProgress;
    streak = 0;
    streakStartedAt = 0;
    mark = Number.NEGATIVE_INFINITY;
    total = 0;
    constructor(policy, minProgress = 1) {
        this.policy = policy;
        this.minProgress = minProgress;
    }
    /** The wait before going on from `position` after a failure; undefined once the budget is spent. */
    next(position, retryAfterMs) {
        if (position - this.mark >= this.minProgress) {
            this.mark = position;
            this.streak = 0;
            this.streakStartedAt = Date.now();
        }
        this.streak++;
        this.total++;
        return this.total > MAX_RESUMES ? undefined : (0,retry_policy/* nextDelay */.rM)(this.policy, this.streak, this.streakStartedAt, retryAfterMs);
    }
    /** Failures in a row without progress, the last one included (for the error that gives up). */
    get failuresInARow() {
        return this.streak;
    }
}
//# sourceMappingURL=resume-budget.js.map
// EXTERNAL MODULE: ./packages/core/dist/util/interrupt.js
var interrupt = __webpack_require__(71076);
;// CONCATENATED MODULE: ./packages/core/dist/registry/upload-session.js




/** `POST` to open an upload session. */
async function openSession(context, what, signal) {
    const started = await context.client.send({
        method: 'POST',
        url: `/v2/${context.repository}/blobs/uploads/`,
        headers: { 'content-length': '0' },
        scope: context.scope,
        idempotent: true, // an unused session costs the registry nothing
        signal,
    });
    if (started.status !== 202)
        throw await (0,registry_error/* registryError */.e)(`${what}: opening an upload session`, started.status, started.body);
    await started.body.resume();
    return sessionOf(started, what);
}
/** The session a `202` to a `POST` opened. */
function sessionOf(response, what) {
    const minChunk = Number(response.headers['oci-chunk-min-length'] ?? 0) || 0;
    return { location: uploadLocation(response, what), minChunk };
}
/**
 * Deletes an upload session, once and quickly, at its newest `location` (the
 * last answer's: distribution's `_state` there must match the bytes it stored).
 * Never throws: an abandoned session expires on the registry's schedule. After an
 * interruption, what came of it is noted for the interrupt's report, which says
 * which sessions were cancelled and which were not, with the registry's answer.
 * `what`: the blob and repository the session was for.
 */
async function deleteSession(context, location, what) {
    const outcome = cancelSession(context, location, what);
    (0,interrupt/* noteCleanup */.j)(context.client.signal, outcome);
    await outcome;
}
/** The session's `DELETE`, and what came of it in one line. */
async function cancelSession(context, location, what) {
    const session = `the upload session of ${what} (upload ${location.pathname.split('/').pop()})`;
    let response;
    try {
        response = await context.client.send({ method: 'DELETE', url: location, scope: context.scope, idempotent: false, cleanup: true });
    }
    catch (error) {
        // A clean-up ignores the interrupt: CANCELLED here is its own deadline passing.
        const reason = !(error instanceof errors/* OcikitError */.Gu)
            ? String(error)
            : error.code === 'CANCELLED'
                ? 'the registry did not answer in time'
                : `${error.message}${error.detail ? ` (${error.detail})` : ''}`;
        return `could not cancel ${session}: ${reason}; the registry may keep what it received until it expires the session`;
    }
    if (response.status >= 200 && response.status < 300) {
        await response.body.resume();
        return `cancelled ${session}`;
    }
    const answer = await (0,registry_error/* registryAnswer */.U)(response.status, response.body);
    if (response.status === 404 && /BLOB_UPLOAD_UNKNOWN/.test(answer)) {
        return `${session} was gone already: the registry answered HTTP 404 (${answer})`;
    }
    return `could not cancel ${session}: the registry answered HTTP ${response.status} (${answer}); it may keep what it received until it expires the session`;
}
/**
 * One request that carries an upload forward. Not retried by the client (it is
 * not idempotent as such): a dropped connection or a retryable status comes
 * back as a failure for the caller's recovery, anything else as the response.
 */
async function sendUploadStep(context, phase, request, what, signal) {
    let response;
    try {
        response = await context.client.send({ ...request, scope: context.scope, idempotent: false, signal });
    }
    catch (error) {
        if (error instanceof errors/* OcikitError */.Gu && error.code === 'NETWORK')
            return { failure: { kind: 'network', phase, error } };
        throw error;
    }
    if (!(0,retry_policy/* isRetryableStatus */.PS)(response.status))
        return { response };
    const retryAfterMs = (0,retry_policy/* parseRetryAfter */.mu)(response.headers['retry-after']);
    const error = await (0,registry_error/* registryError */.e)(`${what}: ${phase === 'put' ? 'completing the upload' : 'sending bytes'}`, response.status, response.body);
    return { failure: { kind: 'status', phase, error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
}
/**
 * How long a `PATCH` under way may still finish after an interruption. Its answer
 * is the only way to learn the session's new state: distribution signs the byte
 * count into the upload URL (`_state`) and refuses every request, the `DELETE`
 * too, whose count differs from what it stored, so a `PATCH` cut mid-body leaves
 * a session no one can cancel (it expires, a week later by default). Short: the
 * interrupted wait for it, and a CI runner's second signal comes 7.5 s after the first.
 */
const PATCH_ABORT_GRACE_MS = 2_000;
/**
 * `PATCH` of bytes `offset` to `end` (inclusive). The registry may keep only
 * part of them (`held` below `end + 1`: the rest goes next); holding none of
 * them, or more than were sent, is a `content` failure: distribution appends a
 * `PATCH` wherever its `Content-Range` says, so the session's bytes are no
 * longer ours. `onWrongBytes` is what to try then.
 */
async function patchChunk(context, location, range, body, what, onWrongBytes, signal) {
    const { offset, end } = range;
    const sent = await sendUploadStep(context, 'patch', {
        method: 'PATCH',
        url: location,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(end - offset + 1), 'content-range': `${offset}-${end}` },
        body,
        abortGraceMs: PATCH_ABORT_GRACE_MS,
    }, what, signal);
    if ('failure' in sent)
        return sent;
    const { response } = sent;
    if (response.status !== 202) {
        const error = await (0,registry_error/* registryError */.e)(`${what}: sending bytes ${offset}-${end}`, response.status, response.body);
        if (response.status === 404 && /BLOB_UPLOAD_(UNKNOWN|INVALID)/.test(error.detail ?? ''))
            return { failure: { kind: 'lost', phase: 'patch', error } };
        throw error;
    }
    await response.body.resume();
    const next = uploadLocation(response, what);
    const held = heldBytes(response) ?? end + 1;
    if (held > offset && held <= end + 1)
        return { location: next, held };
    const error = new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what}: the registry holds ${held} bytes after a chunk that ended at ${end + 1}`, {
        hint: `the registry mishandled a chunked upload; retry, or ${onWrongBytes}`,
    });
    return { failure: { kind: 'content', phase: 'patch', error } };
}
/**
 * How many bytes the session holds, from a `GET` on it; undefined when that
 * cannot be told (no answer, the session is gone, or it answers `0-0`, which
 * distribution says for 0 bytes and for 1 alike).
 */
async function sessionStatus(context, location, what, signal) {
    let response;
    try {
        response = await context.client.send({ method: 'GET', url: location, scope: context.scope, idempotent: true, signal });
    }
    catch (error) {
        if (error instanceof errors/* OcikitError */.Gu && error.code === 'NETWORK')
            return undefined;
        throw error;
    }
    await response.body.resume();
    // 404 BLOB_UPLOAD_UNKNOWN: distribution cancels a session whose stored size no longer matches its state (a PATCH cut mid-body).
    if (response.status !== 204 && response.status !== 200)
        return undefined;
    const bytes = heldBytes(response);
    if (bytes === undefined)
        return undefined;
    return { bytes, location: response.headers.location ? uploadLocation(response, what) : location };
}
/** The closing `PUT ?digest=` of a session, checking the digest the registry reports. */
async function finishUpload(context, location, descriptor, body, contentLength, what, signal) {
    const response = await context.client.send({
        method: 'PUT',
        url: digestUrl(location, descriptor),
        headers: { 'content-type': 'application/octet-stream', 'content-length': contentLength },
        body,
        scope: context.scope,
        idempotent: false,
        signal,
    });
    if (response.status !== 201)
        throw await (0,registry_error/* registryError */.e)(`${what}: completing the upload`, response.status, response.body);
    await response.body.resume();
    checkReportedDigest(response, descriptor, what);
}
/**
 * The byte count a `Range: 0-<last>` header reports (distribution sends it
 * without `bytes=`). `0-0` is undefined: distribution says it for an empty
 * session and for one byte alike.
 */
function heldBytes(response) {
    const value = response.headers.range;
    const range = Array.isArray(value) ? value[0] : value;
    const match = range?.match(/^\s*(?:bytes=)?0-(\d+)\s*$/);
    const last = match ? Number(match[1]) : 0;
    return last > 0 ? last + 1 : undefined;
}
/** The session URL with `digest=` appended by hand: URLSearchParams would re-encode the session's own query. */
function digestUrl(location, descriptor) {
    return `${location.href}${location.search ? '&' : '?'}digest=${encodeURIComponent(descriptor.digest)}`;
}
function checkReportedDigest(response, descriptor, what) {
    const reported = response.headers['docker-content-digest'];
    if (typeof reported === 'string' && reported !== descriptor.digest) {
        throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `${what}: the registry stored a different digest`, {
            detail: `sent ${descriptor.digest}, registry says ${reported}`,
        });
    }
}
function uploadLocation(response, what) {
    const location = response.headers.location;
    if (typeof location !== 'string' || !location) {
        throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what}: the registry answered without an upload Location`);
    }
    return new URL(location, response.url);
}
/** The error an upload gives up with: the last failure's, with how many came in a row. */
function gaveUp(failure, attempts, what) {
    const { error } = failure;
    return new errors/* OcikitError */.Gu(error.code, error.message, {
        detail: `${error.detail ? `${error.detail}; ` : ''}gave up after ${attempts} attempts in a row without progress`,
        hint: error.hint ?? `${what} kept failing; check the network and the registry, then run again`,
        ...(error.status === undefined ? {} : { status: error.status }),
        cause: error,
    });
}
/** A failure in a few words, for the warning that says the upload goes on. */
function failureReason(failure) {
    const { error } = failure;
    if (failure.kind === 'status')
        return `HTTP ${error.status ?? '?'}`;
    if (failure.kind === 'content')
        return error.detail?.split(';')[0] ?? error.message;
    if (failure.kind === 'lost')
        return 'the registry no longer knew the upload session';
    const detail = error.detail ?? '';
    return /TIMEOUT/.test(detail) ? 'the registry stalled' : 'the connection dropped';
}
//# sourceMappingURL=upload-session.js.map
;// CONCATENATED MODULE: ./packages/core/dist/registry/blob-upload.js






/**
 * Asks the registry to link a blob it holds into this repository without
 * sending it: `from` another repository of the same registry, or anywhere
 * (`from` undefined: OCI 1.1 anonymous mount). 201 means mounted. A registry
 * that cannot mount answers 202 with an upload session instead (distribution
 * does for a blob it does not have); that session is returned for the upload.
 */
async function mountBlob(context, descriptor, from, signal) {
    const what = `mounting ${descriptor.digest} into ${context.client.registry}/${context.repository}${from ? ` from ${from}` : ''}`;
    // Digests and repository names hold only characters a query may carry as they are.
    const query = `mount=${descriptor.digest}${from === undefined ? '' : `&from=${from}`}`;
    const response = await context.client.send({
        method: 'POST',
        url: `/v2/${context.repository}/blobs/uploads/?${query}`,
        headers: { 'content-length': '0' },
        scope: context.scope,
        idempotent: true, // a second mount of the same blob is harmless, and so is an unused session
        signal,
    });
    if (response.status === 201) {
        await response.body.resume();
        checkReportedDigest(response, descriptor, what);
        return 'mounted';
    }
    if (response.status !== 202)
        throw await (0,registry_error/* registryError */.e)(what, response.status, response.body);
    await response.body.resume();
    return sessionOf(response, what);
}
/**
 * Uploads one blob: `POST` to open a session (unless `session` is one already
 * open), then either one streamed `PUT` or streamed `PATCH` chunks closed by a
 * `PUT`. Checks the digest the registry reports against the one we computed.
 *
 * A failure on the way (dropped connection, stall, 5xx, 429) does not start the
 * blob over: the session's status (`GET` on it, `Range: 0-<last>`) says how much
 * the registry kept, and only the rest is sent (registries append a `PATCH`
 * wherever its `Content-Range` says, so the offset is always the registry's). A
 * session that is gone (distribution cancels one whose stored size no longer
 * matches its state, as after a `PATCH` cut mid-body) and a single `PUT` that
 * dropped start a new session from byte 0, re-reading `source`. Recoveries are
 * bounded like retries: `maxAttempts` in a row without progress, within
 * `maxElapsedMs`. On a final failure or an interruption the session is deleted.
 */
async function uploadBlob(context, source, options, session) {
    await new ResumableUpload(context, source, options, session).run();
}
class ResumableUpload {
    context;
    source;
    options;
    session;
    /** Bytes the registry holds in the current session (as it reported, or as we sent when it did not say). */
    offset = 0;
    what;
    counter;
    budget;
    contentRestarts = 0;
    constructor(context, source, options, session) {
        this.context = context;
        this.source = source;
        this.options = options;
        this.session = session;
        const { descriptor } = source;
        this.what = `uploading ${descriptor.digest} to ${context.client.registry}/${context.repository}`;
        this.counter = new ProgressCounter(descriptor, options.progress);
        this.budget = new ResumeBudget(context.client.retryPolicy);
    }
    async run() {
        try {
            for (;;) {
                const failure = await this.attempt();
                if (failure === undefined)
                    return;
                if ((await this.recover(failure)) === 'landed')
                    return;
            }
        }
        catch (error) {
            // Interrupted or given up: the registry need not keep what we sent.
            if (this.session)
                await deleteSession(this.context, this.session.location, this.sessionFor);
            this.session = undefined;
            throw error;
        }
    }
    get descriptor() {
        return this.source.descriptor;
    }
    /** What the session is for, as a report of its clean-up names it. */
    get sessionFor() {
        return `${this.descriptor.digest} to ${this.context.client.registry}/${this.context.repository}`;
    }
    get signal() {
        return this.options.signal;
    }
    /** Bytes per PATCH in `session`, or undefined when the blob goes up in one PUT (no --chunk-size). */
    chunkSize(session) {
        return this.options.chunkSize === undefined ? undefined : Math.max(this.options.chunkSize, session.minChunk, 1);
    }
    /** Sends what the session still lacks and closes it; a failure to recover from is returned, anything else thrown. */
    async attempt() {
        const session = (this.session ??= await openSession(this.context, this.what, this.signal));
        const { size } = this.descriptor;
        const chunkSize = this.chunkSize(session);
        if (chunkSize === undefined || size <= chunkSize) {
            // One PUT with every byte: nothing of it stays in the session if it fails.
            this.offset = 0;
            return this.finish(() => requestBody(this.source.open(), this.counter.tap(0)), size);
        }
        while (this.offset < size) {
            const offset = this.offset;
            const end = Math.min(size, offset + chunkSize) - 1;
            const body = () => requestBody(this.source.open(offset, end), this.counter.tap(offset));
            const receipt = await patchChunk(this.context, session.location, { offset, end }, body, this.what, `leave out ${(0,errors/* optionRef */.$j)('chunk-size')} to send each blob in one request`, this.signal);
            if ('failure' in receipt)
                return receipt.failure;
            session.location = receipt.location;
            this.offset = receipt.held; // all of the chunk, or the part the registry kept: the rest goes next
        }
        return this.finish(() => null, 0);
    }
    /** The closing `PUT ?digest=` (with the whole body for a single-request upload). */
    async finish(body, length) {
        const location = this.session.location;
        const sent = await sendUploadStep(this.context, 'put', {
            method: 'PUT',
            url: digestUrl(location, this.descriptor),
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
            body,
        }, this.what, this.signal);
        if ('failure' in sent)
            return sent.failure;
        const { response } = sent;
        if (response.status === 201) {
            this.session = undefined; // completed: nothing left to delete
            await response.body.resume();
            checkReportedDigest(response, this.descriptor, this.what);
            return undefined;
        }
        const error = await (0,registry_error/* registryError */.e)(`${this.what}: completing the upload`, response.status, response.body);
        // The session's bytes hash to something else: one of our PATCHes went astray. Once, start over.
        if (response.status === 400 && /DIGEST_INVALID/.test(error.detail ?? '') && this.contentRestarts === 0) {
            this.contentRestarts++;
            return { kind: 'content', phase: 'put', error };
        }
        throw error;
    }
    /** After a failure: waits (bounded), then finds out where the upload stands and sets up the next attempt. */
    async recover(failure) {
        const delay = this.budget.next(this.offset, failure.retryAfterMs);
        if (delay === undefined)
            throw gaveUp(failure, this.budget.failuresInARow, this.what);
        await this.context.client.wait(delay, this.signal);
        const reason = failureReason(failure);
        // A closing PUT whose answer was lost may have stored the blob.
        if (failure.kind !== 'content' && failure.phase === 'put' && (await this.blobExists())) {
            this.session = undefined;
            this.options.onRecovery?.({ digest: this.descriptor.digest, action: 'landed', offset: this.descriptor.size, reason });
            return 'landed';
        }
        const chunkSize = this.session && this.chunkSize(this.session);
        const chunked = chunkSize !== undefined && this.descriptor.size > chunkSize;
        const status = failure.kind === 'content' || failure.kind === 'lost' || !chunked || !this.session ? undefined : await sessionStatus(this.context, this.session.location, this.what, this.signal);
        if (status === undefined || status.bytes > this.descriptor.size) {
            await this.restart();
        }
        else {
            this.session.location = status.location;
            this.offset = status.bytes;
        }
        const action = this.session ? 'resume' : 'restart';
        this.options.onRecovery?.({ digest: this.descriptor.digest, action, offset: this.offset, reason });
        this.options.progress?.warning?.(`${this.what}: ${reason}; ${action === 'resume' ? `resuming at byte ${this.offset} of ${this.descriptor.size}` : 'starting the upload over'}`);
        return 'again';
    }
    /** Drops the session (best effort) so the next attempt opens a new one from byte 0. */
    async restart() {
        if (this.session)
            await deleteSession(this.context, this.session.location, this.sessionFor);
        this.session = undefined;
        this.offset = 0;
    }
    async blobExists() {
        try {
            const response = await this.context.client.send({
                method: 'HEAD',
                url: `/v2/${this.context.repository}/blobs/${this.descriptor.digest}`,
                scope: this.context.scope,
                idempotent: true,
                signal: this.signal,
            });
            await response.body.resume();
            return response.status === 200 && Number(response.headers['content-length'] ?? this.descriptor.size) === this.descriptor.size;
        }
        catch (error) {
            if (error instanceof errors/* OcikitError */.Gu && error.code === 'NETWORK')
                return false;
            throw error;
        }
    }
}
/**
 * The body of one attempt: a fresh read of the source. An attempt cut short (the
 * registry answered 401 before it had all the bytes; undici then drops the body)
 * closes its read of the source too, which `pipe` alone would leave open.
 */
function requestBody(source, tap) {
    const body = (0,pipe_through/* pipeThrough */.W)(source, tap);
    body.once('close', () => source.destroy());
    return body;
}
/** Counts bytes as they leave for the registry, for progress events. */
class ProgressCounter {
    descriptor;
    progress;
    sent = 0;
    constructor(descriptor, progress) {
        this.descriptor = descriptor;
        this.progress = progress;
    }
    /** A tap for the bytes from `offset` on: a retried request counts again from where its bytes start. */
    tap(offset) {
        const base = offset;
        let local = 0;
        return new external_node_stream_.Transform({
            transform: (chunk, _encoding, callback) => {
                local += chunk.length;
                this.sent = base + local;
                this.progress?.bytes?.(this.descriptor, this.sent);
                callback(null, chunk);
            },
        });
    }
}
//# sourceMappingURL=blob-upload.js.map
;// CONCATENATED MODULE: ./packages/core/dist/registry/stream-upload.js





/** `PATCH` size when the repository sets none: big enough for few requests, small enough to keep two in memory. */
const DEFAULT_STREAM_CHUNK_SIZE = 8 * 1024 * 1024;
/**
 * Uploads a stream whose digest is known only at its end: `POST` opens a
 * session, the bytes go up in `PATCH` chunks as they are produced (one chunk
 * filling while the one before is on the wire, so memory stays at two chunks),
 * and the closing `PUT ?digest=` is left to `commit`: until then the registry
 * holds an unfinished upload that no one can pull, and `abort` deletes it.
 *
 * A chunk that fails on the way (dropped connection, 5xx) is not sent blindly
 * again: the session's status says how many bytes the registry kept, and the
 * rest of the chunk goes from there (the chunk is still in memory). Failures
 * are bounded as a resumed file upload's are (ResumeBudget). Bytes before the
 * chunk are gone, so a session that lost them cannot be resumed; the first
 * chunk can always start over in a new session.
 */
async function stageStreamUpload(context, stream, options) {
    const target = `${context.client.registry}/${context.repository}`;
    const what = `uploading a ${options.mediaType} blob to ${target}`;
    const { signal } = options;
    const session = await openSession(context, what, signal);
    let location = session.location;
    const chunkSize = Math.max(options.chunkSize ?? DEFAULT_STREAM_CHUNK_SIZE, session.minChunk, 1);
    const budget = new ResumeBudget(context.client.retryPolicy);
    // Sent even after an interruption (a cleanup request ignores the client's signal), at
    // the newest location: `location` follows every answered PATCH.
    const abortSession = (blob = `a ${options.mediaType} blob`) => deleteSession(context, location, `${blob} to ${target}`);
    /** Sends `parts` (one chunk) as the bytes from `offset` on, resuming from the registry's count if a send fails. */
    const sendChunk = async (parts, offset) => {
        const end = offset + parts.reduce((sum, part) => sum + part.length, 0) - 1;
        let from = offset;
        while (from <= end) {
            const body = skip(parts, from - offset);
            const receipt = await patchChunk(context, location, { offset: from, end }, () => external_node_stream_.Readable.from(body), what, `pass ${(0,errors/* optionRef */.$j)('temp-dir')} to upload each blob in one request`, signal);
            if (!('failure' in receipt)) {
                location = receipt.location;
                from = receipt.held; // all of the chunk, or the part the registry kept: the rest goes next
                continue;
            }
            const { failure } = receipt;
            if (failure.kind === 'content')
                throw failure.error;
            const delay = budget.next(from, failure.retryAfterMs);
            if (delay === undefined)
                throw gaveUp(failure, budget.failuresInARow, what);
            await context.client.wait(delay, signal);
            // Ask the session how much arrived before going on from there.
            const held = await sessionStatus(context, location, what, signal);
            if (held && held.bytes >= offset && held.bytes <= end + 1) {
                location = held.location;
                from = held.bytes;
            }
            else if (offset === 0) {
                // The whole upload so far is this chunk: a new session takes it from byte 0.
                await abortSession();
                location = (await openSession(context, what, signal)).location;
                from = 0;
            }
            else {
                throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what}: the upload cannot be resumed after a failed chunk`, {
                    detail: `the chunk was bytes ${offset}-${end}; ${held ? `the registry holds ${held.bytes}` : 'the session is gone or does not say what it holds'}; the failure: ${failure.error.message}`,
                    hint: 'this upload is produced as it streams and cannot be replayed into a new session; run the command again',
                });
            }
        }
    };
    // The stream's own buffers are cut into chunks as views, not copied: one chunk
    // on the wire while the next one gathers, so memory stays at about two chunks.
    const digester = (0,oci_digest/* createDigester */.QC)('sha256');
    let size = 0;
    let sent = 0;
    let gathered = [];
    let gatheredBytes = 0;
    let inFlight;
    const dispatch = async (parts, length) => {
        await inFlight;
        inFlight = sendChunk(parts, sent);
        inFlight.catch(() => { }); // awaited later; a failure must not go unhandled meanwhile
        sent += length;
    };
    try {
        for await (const piece of stream) {
            digester.update(piece);
            size += piece.length;
            gathered.push(piece);
            gatheredBytes += piece.length;
            while (gatheredBytes >= chunkSize) {
                const [chunk, rest] = split(gathered, chunkSize);
                gathered = rest;
                gatheredBytes -= chunkSize;
                await dispatch(chunk, chunkSize);
            }
        }
        if (gatheredBytes > 0)
            await dispatch(gathered, gatheredBytes);
        gathered = [];
        await inFlight;
    }
    catch (error) {
        stream.destroy();
        await inFlight?.catch(() => { });
        await abortSession();
        throw error;
    }
    const descriptor = { mediaType: options.mediaType, digest: `sha256:${digester.digest('hex')}`, size };
    let state = 'staged';
    return {
        descriptor,
        async commit() {
            if (state !== 'staged')
                throw new Error(`the upload of ${descriptor.digest} was ${state} already`);
            state = 'committed';
            await finishUpload(context, location, descriptor, () => null, '0', `uploading ${descriptor.digest} to ${target}`, signal);
            return 'uploaded';
        },
        async abort() {
            if (state !== 'staged')
                return;
            state = 'aborted';
            await abortSession(descriptor.digest);
        },
    };
}
/** The first `length` bytes of `parts` and the rest, as views of the same memory. */
function split(parts, length) {
    const head = [];
    let remaining = length;
    let i = 0;
    for (; i < parts.length && remaining > 0; i++) {
        const part = parts[i];
        if (part.length <= remaining) {
            head.push(part);
            remaining -= part.length;
        }
        else {
            head.push(part.subarray(0, remaining));
            return [head, [part.subarray(remaining), ...parts.slice(i + 1)]];
        }
    }
    return [head, parts.slice(i)];
}
/** `parts` without their first `count` bytes. */
function skip(parts, count) {
    return count === 0 ? parts : split(parts, count)[1];
}
//# sourceMappingURL=stream-upload.js.map
// EXTERNAL MODULE: ./packages/core/dist/registry/manifest-accept.js
var manifest_accept = __webpack_require__(73692);
// EXTERNAL MODULE: ./packages/core/dist/registry/page-walk.js
var page_walk = __webpack_require__(78795);
// EXTERNAL MODULE: ./packages/core/dist/registry/read-bounded.js
var read_bounded = __webpack_require__(68218);
// EXTERNAL MODULE: ./packages/core/dist/registry/registry-client.js + 4 modules
var registry_client = __webpack_require__(310);
// EXTERNAL MODULE: ./packages/core/dist/registry/scope.js
var registry_scope = __webpack_require__(47648);
;// CONCATENATED MODULE: ./packages/core/dist/registry/remote-repository.js



















/**
 * What a tag list may make ocikit hold: a registry whose `Link`s never end must not
 * hold a CI job forever, nor fill its memory. One page may be all of it (distribution
 * 2.8 ignores `n` and sends every tag at once), so a page is bounded by the total.
 */
const TAG_LIST_LIMITS = { pages: 10_000, bytes: 64 * 1024 * 1024, entries: 1_000_000 };
/** A repository on a registry, spoken to over the OCI distribution API. */
class RemoteRepository {
    reference;
    options;
    name;
    storing = 'upload';
    client;
    ownsClient;
    pullScope;
    pushScope;
    /** Referrers: the OCI 1.1 API where the registry has it, the sha256-<hex> tag schema where not. */
    referrersSupport;
    /** Whether the registry takes several tags in one manifest PUT; undefined until a push finds out. */
    tagsInOnePut;
    constructor(reference, options = {}) {
        this.reference = reference;
        this.options = options;
        this.name = `${reference.registry}/${reference.repository}`;
        this.ownsClient = !options.client;
        this.client =
            options.client ??
                new registry_client/* RegistryClient */.bP({ ...options, registry: reference.registry, endpointHost: (0,reference_reference/* registryEndpointHost */.dU)(reference.registry) });
        this.pullScope = (0,registry_scope/* repositoryScope */.F7)(reference.repository, 'pull');
        this.pushScope = (0,registry_scope/* repositoryScope */.F7)(reference.repository, 'pull,push');
        this.referrersSupport = new remote_referrers/* RemoteReferrers */.vf(this, options);
    }
    get repository() {
        return this.reference.repository;
    }
    async resolve(reference) {
        const response = await this.client.send({
            method: 'HEAD',
            url: `/v2/${this.repository}/manifests/${reference}`,
            headers: { accept: manifest_accept/* MANIFEST_ACCEPT */.d },
            scope: this.pullScope,
            idempotent: true,
        });
        await response.body.resume();
        if (response.status === 404)
            throw this.notFound(reference);
        if (response.status !== 200)
            throw await (0,registry_error/* registryError */.e)(`resolving ${this.name}:${reference}`, response.status, undefined);
        const digest = header(response, 'docker-content-digest');
        const mediaType = contentType(response);
        const size = Number(header(response, 'content-length'));
        // Some registries omit the digest or type on HEAD: read the manifest itself then.
        if (!digest || !(0,oci_digest/* isDigest */.Bc)(digest) || !mediaType || !Number.isSafeInteger(size)) {
            return (await this.fetchManifest(reference)).descriptor;
        }
        if ((0,oci_digest/* isDigest */.Bc)(reference) && reference !== digest) {
            throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `${this.name}@${reference}: the registry answered for another digest`, { detail: digest });
        }
        return { mediaType, digest: digest, size };
    }
    async exists(descriptor) {
        const kind = (0,media_types/* isManifestMediaType */.CM)(descriptor.mediaType) ? 'manifests' : 'blobs';
        const response = await this.client.send({
            method: 'HEAD',
            url: `/v2/${this.repository}/${kind}/${descriptor.digest}`,
            headers: kind === 'manifests' ? { accept: manifest_accept/* MANIFEST_ACCEPT */.d } : {},
            scope: this.pullScope,
            idempotent: true,
        });
        await response.body.resume();
        if (response.status === 200)
            return true;
        if (response.status === 404)
            return false;
        throw await (0,registry_error/* registryError */.e)(`checking for ${descriptor.digest} in ${this.name}`, response.status, undefined);
    }
    /**
     * The blob's bytes, verified against its digest and size as they flow. A body
     * that breaks off or stalls part-way is resumed where it stopped with
     * `Range: bytes=<received>-` (a registry that answers the whole blob instead
     * has the bytes already received skipped), bounded like retries; the digest is
     * still checked over the whole blob.
     */
    async fetchBlob(descriptor, options = {}) {
        const verifier = new oci_digest/* VerifyingStream */.SC(descriptor, `blob ${descriptor.digest} from ${this.name}`);
        const inline = inlineData(descriptor);
        if (inline)
            return external_node_stream_.Readable.from([inline]).pipe(verifier);
        const what = `downloading ${(0,progress/* displayName */.QC)(descriptor)} (${descriptor.digest}) from ${this.name}`;
        const request = (offset) => this.client.send({
            method: 'GET',
            url: `/v2/${this.repository}/blobs/${descriptor.digest}`,
            ...(offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {}),
            scope: this.pullScope,
            idempotent: true,
            followRedirects: true,
            transferBytes: descriptor.size - offset,
            signal: options.signal,
        });
        const response = await request(0);
        if (response.status !== 200)
            throw await (0,registry_error/* registryError */.e)(what, response.status, response.body);
        const current = { response };
        const body = external_node_stream_.Readable.from(resumingBody(current, descriptor.size, request, this.client, what, options.signal), { objectMode: false });
        body.once('error', (error) => verifier.destroy(error));
        // A reader that stops early destroys the verifier; `pipe` would leave the connection held.
        verifier.once('close', () => {
            body.destroy();
            current.response.body.destroy();
        });
        return body.pipe(verifier);
    }
    async fetchManifest(reference) {
        const selector = typeof reference === 'string' ? reference : reference.digest;
        if (typeof reference !== 'string') {
            if (reference.size > oci_manifest/* MAX_MANIFEST_BYTES */.ZJ) {
                throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `manifest ${reference.digest} in ${this.name} is ${reference.size} bytes, over the 4 MiB limit`);
            }
            const inline = inlineData(reference);
            if (inline) {
                (0,oci_digest/* verifyBytes */.RV)(inline, reference.digest, `manifest ${reference.digest}`);
                (0,oci_manifest/* parseManifest */.Ng)(inline, `manifest ${reference.digest}`, reference.mediaType);
                return { descriptor: reference, bytes: inline };
            }
        }
        const response = await this.client.send({
            method: 'GET',
            url: `/v2/${this.repository}/manifests/${selector}`,
            headers: { accept: manifest_accept/* MANIFEST_ACCEPT */.d },
            scope: this.pullScope,
            idempotent: true,
        });
        if (response.status === 404) {
            await response.body.resume();
            throw this.notFound(selector);
        }
        if (response.status !== 200)
            throw await (0,registry_error/* registryError */.e)(`reading manifest ${this.name}:${selector}`, response.status, response.body);
        const declared = Number(header(response, 'content-length'));
        if (declared > oci_manifest/* MAX_MANIFEST_BYTES */.ZJ) {
            response.body.destroy();
            throw new errors/* OcikitError */.Gu('SIZE_LIMIT', `manifest ${this.name}:${selector} is ${declared} bytes, over the 4 MiB limit`);
        }
        const bytes = await (0,read_bounded/* readBounded */.C)(response.body, oci_manifest/* MAX_MANIFEST_BYTES */.ZJ, `manifest ${this.name}:${selector}`);
        const what = `manifest ${this.name}:${selector}`;
        const headerDigest = header(response, 'docker-content-digest');
        const expected = (0,oci_digest/* isDigest */.Bc)(selector) ? selector : headerDigest && (0,oci_digest/* isDigest */.Bc)(headerDigest) ? headerDigest : undefined;
        if (expected)
            (0,oci_digest/* verifyBytes */.RV)(bytes, expected, what);
        const digest = expected ?? (0,oci_digest/* digestOf */.ol)(bytes);
        const mediaType = contentType(response);
        const manifest = (0,oci_manifest/* parseManifest */.Ng)(bytes, what, mediaType);
        const descriptor = { mediaType: manifest.mediaType, digest: digest, size: bytes.length };
        if (typeof reference !== 'string' && reference.mediaType !== manifest.mediaType) {
            throw new errors/* OcikitError */.Gu('INVALID_MANIFEST', `${what} is a ${manifest.mediaType}, but was referenced as ${reference.mediaType}`);
        }
        return { descriptor: typeof reference === 'string' ? descriptor : reference, bytes };
    }
    async pushBlob(source, options = {}) {
        const { descriptor } = source;
        options.progress?.start?.(descriptor, (0,progress/* displayName */.QC)(descriptor), this.storing);
        if (await this.exists(descriptor)) {
            options.progress?.done?.(descriptor, 'skipped');
            return 'skipped';
        }
        let session;
        const from = this.mountSource(options);
        if (from) {
            // One token must cover reading the source repository and writing this one.
            const scope = from.repository === undefined ? this.pushScope : (0,registry_scope/* mergeScopes */.OL)((0,registry_scope/* repositoryScope */.F7)(from.repository, 'pull'), this.pushScope);
            const mounted = await mountBlob({ client: this.client, repository: this.repository, scope }, descriptor, from.repository, options.signal);
            if (mounted === 'mounted') {
                options.progress?.done?.(descriptor, 'mounted');
                return 'mounted';
            }
            session = mounted; // the registry could not mount: upload into the session it opened instead
        }
        await uploadBlob({ client: this.client, repository: this.repository, scope: this.pushScope }, source, {
            chunkSize: this.options.chunkSize,
            progress: options.progress,
            signal: options.signal,
            ...(this.options.onUploadRecovery ? { onRecovery: this.options.onUploadRecovery } : {}),
        }, session);
        options.progress?.done?.(descriptor, 'uploaded');
        return 'uploaded';
    }
    /**
     * Where a mount can take the blob from: another repository of this registry
     * (the same host, so the same blob store), or anywhere when an anonymous
     * mount was asked for. Undefined: no mount, upload.
     */
    mountSource(options) {
        const from = options.mountFrom;
        if (from instanceof RemoteRepository &&
            from.client.baseUrl.origin === this.client.baseUrl.origin &&
            from.reference.registry === this.reference.registry &&
            from.repository !== this.repository) {
            return { repository: from.repository };
        }
        return options.anonymousMount ? { repository: undefined } : undefined;
    }
    /** A stream of unknown digest up in `PATCH` chunks; the closing `PUT` waits for `commit` (stream-upload.ts). */
    stageBlobStream(stream, options) {
        const context = { client: this.client, repository: this.repository, scope: this.pushScope };
        return stageStreamUpload(context, stream, { ...options, ...(this.options.chunkSize ? { chunkSize: this.options.chunkSize } : {}) });
    }
    async pushManifest(descriptor, bytes, tag) {
        await this.putManifest(descriptor, bytes, tag);
    }
    /**
     * One manifest under several tags. Where the registry takes them in one `PUT`
     * (`?tag=a&tag=b`, distribution-spec 1.1+: it confirms each in an `OCI-Tag`
     * header), one request; a tag it did not confirm, and every tag on a registry
     * that ignores or refuses the query (learnt once per repository), by a `PUT` each.
     */
    async pushManifestTags(descriptor, bytes, tags) {
        let left = [...new Set(tags)];
        if (left.length > 1 && this.tagsInOnePut !== false) {
            const confirmed = await this.putManifest(descriptor, bytes, undefined, left).catch((error) => {
                // A registry that does not know the query may refuse it: the tags go one by one, which
                // repeats any refusal that was not about the query.
                if (error instanceof errors/* OcikitError */.Gu && error.status !== undefined && error.status >= 400 && error.status < 500)
                    return new Set();
                throw error;
            });
            this.tagsInOnePut = confirmed.size > 0;
            left = left.filter((tag) => !confirmed.has(tag));
        }
        for (const tag of left)
            await this.putManifest(descriptor, bytes, tag);
    }
    /** PUT by `tag` (or by digest, with `queryTags` in the query); returns the tags the registry confirmed (`OCI-Tag`). */
    async putManifest(descriptor, bytes, tag, queryTags = []) {
        (0,oci_digest/* verifyBytes */.RV)(bytes, descriptor.digest, `manifest ${descriptor.digest}`);
        const manifest = parsedOrUndefined(bytes, descriptor);
        const selector = tag ?? descriptor.digest;
        const query = queryTags.length > 0 ? `?${queryTags.map((t) => `tag=${encodeURIComponent(t)}`).join('&')}` : '';
        let response;
        for (let attempt = 1;; attempt++) {
            response = await this.client.send({
                method: 'PUT',
                url: `/v2/${this.repository}/manifests/${selector}${query}`,
                // The registry refuses a Content-Type other than the manifest's own mediaType.
                headers: { 'content-type': descriptor.mediaType },
                body: () => bytes,
                scope: this.pushScope,
                idempotent: true,
            });
            if (response.status === 201)
                break;
            const error = await (0,registry_error/* registryError */.e)(`pushing manifest ${this.name}:${selector}`, response.status, response.body);
            // distribution rewrites a blob's link file in place when two uploads of it end together (concurrent
            // attaches all push the empty config): a manifest checked in that instant is refused. Ask again.
            if (response.status === 400 && attempt < 3 && /MANIFEST_BLOB_UNKNOWN/.test(error.detail ?? '')) {
                await (0,promises_.setTimeout)(300 * attempt);
                continue;
            }
            throw this.referrersSupport.explainRefusal(error, manifest);
        }
        await response.body.resume();
        const reported = header(response, 'docker-content-digest');
        if (reported && reported.startsWith(`${(0,oci_digest/* parseDigest */.m)(descriptor.digest).algorithm}:`) && reported !== descriptor.digest) {
            throw new errors/* OcikitError */.Gu('DIGEST_MISMATCH', `pushing manifest ${this.name}:${selector}: the registry stored a different digest`, {
                detail: `sent ${descriptor.digest}, registry says ${reported}`,
            });
        }
        // A manifest with a subject is a referrer: list it where the registry does not (the sha256-<hex> tag schema).
        if (manifest?.subject)
            await this.referrersSupport.afterPush(descriptor, manifest, header(response, 'oci-subject'));
        const confirmed = [response.headers['oci-tag'] ?? []].flat().flatMap((value) => value.split(',').map((t) => t.trim()));
        return new Set(confirmed.filter((t) => queryTags.includes(t)));
    }
    /** The referrers of `subject`: from the referrers API, else the `sha256-<hex>` tag schema. */
    referrers(subject, query) {
        return this.referrersSupport.list(subject, query);
    }
    /** How a referrer this repository pushed or deleted was (un)listed: by the registry's API or in the tag schema's index. */
    referrersOutcome(digest) {
        return this.referrersSupport.outcome(digest);
    }
    async tag(descriptor, tag) {
        // The distribution API has no tag operation: tagging is a PUT of the same bytes.
        const { bytes } = await this.fetchManifest(descriptor);
        await this.pushManifest(descriptor, bytes, tag);
    }
    /**
     * Every tag, following `Link: <...>; rel="next"` pages until the registry
     * sends no more. `last` is also applied here, because registries that ignore
     * it (distribution 2.8) answer with the whole list.
     */
    async tags(options = {}) {
        const query = new URLSearchParams();
        if (options.n !== undefined)
            query.set('n', String(options.n));
        if (options.last !== undefined)
            query.set('last', options.last);
        const tags = [];
        const what = `the tag list of ${this.name}`;
        const pages = new page_walk/* PageWalk */.n(`listing tags of ${this.name}`, this.client.baseUrl, TAG_LIST_LIMITS);
        for (let url = pages.first(`/v2/${this.repository}/tags/list${query.size ? `?${query}` : ''}`); url;) {
            const response = await this.client.send({ method: 'GET', url, scope: this.pullScope, idempotent: true });
            if (response.status === 404) {
                await response.body.resume();
                // A repository with no tags (or none yet) is an empty list, not an error.
                return [];
            }
            if (response.status !== 200)
                throw await (0,registry_error/* registryError */.e)(`listing tags of ${this.name}`, response.status, response.body);
            const bytes = await (0,read_bounded/* readBounded */.C)(response.body, TAG_LIST_LIMITS.bytes, what);
            const page = parseTagList(bytes, what);
            pages.add(bytes.length, page.length);
            // One by one: a spread of a page of ~100k tags overflows the call stack.
            for (const tag of page)
                tags.push(tag);
            url = pages.next(response);
        }
        const last = options.last;
        return last === undefined ? tags : tags.filter((tag) => tag > last);
    }
    /**
     * Deletes a manifest by digest. The distribution API refuses a DELETE by tag,
     * so callers resolve tags first; deleting the manifest removes its tags too.
     */
    async deleteManifest(descriptor) {
        // A referrer leaves the tag schema's index with it: read its subject before it is gone.
        const mayHaveSubject = descriptor.mediaType === media_types/* MediaType */.zu.ImageManifest || descriptor.mediaType === media_types/* MediaType */.zu.ImageIndex;
        const referrer = this.referrersSupport.mode !== 'api' && mayHaveSubject ? await this.subjectOf(descriptor) : undefined;
        const response = await this.client.send({
            method: 'DELETE',
            url: `/v2/${this.repository}/manifests/${descriptor.digest}`,
            scope: (0,registry_scope/* repositoryScope */.F7)(this.repository, 'delete'),
            idempotent: true,
        });
        const what = `deleting manifest ${this.name}@${descriptor.digest}`;
        if (response.status === 202 || response.status === 200 || response.status === 204) {
            await response.body.resume();
            if (referrer)
                await this.referrersSupport.afterDelete(descriptor, referrer);
            return;
        }
        if (response.status === 404) {
            await response.body.resume();
            throw this.notFound(descriptor.digest);
        }
        const error = await (0,registry_error/* registryError */.e)(what, response.status, response.body);
        if (response.status === 405) {
            throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${what}: the registry does not allow deleting`, {
                ...(error.detail ? { detail: error.detail } : {}),
                hint: 'deletes are switched off on this registry (distribution: storage.delete.enabled); ask its operator',
                status: 405,
            });
        }
        throw error;
    }
    async close() {
        if (this.ownsClient)
            await this.client.close();
    }
    /** The manifest, when it has a subject; undefined for anything else or when it cannot be read. */
    async subjectOf(descriptor) {
        try {
            const { bytes } = await this.fetchManifest(descriptor);
            const manifest = parsedOrUndefined(bytes, descriptor);
            return manifest?.subject ? manifest : undefined;
        }
        catch (error) {
            if (error instanceof errors/* OcikitError */.Gu && error.code === 'NOT_FOUND')
                return undefined;
            throw error;
        }
    }
    notFound(selector) {
        return new errors/* OcikitError */.Gu('NOT_FOUND', `${this.name}:${selector} not found`.replace(':sha', '@sha'), {
            hint: 'check the repository and tag; `ocikit tags <repo>` lists what is there',
            status: 404,
        });
    }
}
/** Bytes that must arrive since the last failure for a download to count as progressing (else its retries run out). */
const RESUME_PROGRESS_BYTES = 1024 * 1024;
/**
 * A blob's body across resumed requests: the bytes of `first`, and when it
 * breaks off (a dropped connection, a stall past the body timeout) those of a
 * `Range` request from where it stopped. Consecutive resumes that bring less
 * than RESUME_PROGRESS_BYTES are bounded by the client's retry policy (ResumeBudget).
 */
async function* resumingBody(current, size, request, client, what, signal) {
    let { response } = current;
    let received = 0;
    let skip = 0; // bytes of a whole-blob answer to a Range request that arrived before
    const budget = new ResumeBudget(client.retryPolicy, RESUME_PROGRESS_BYTES);
    for (;;) {
        try {
            for await (const piece of response.body) {
                let chunk = piece;
                if (skip > 0) {
                    const dropped = Math.min(skip, chunk.length);
                    skip -= dropped;
                    chunk = chunk.subarray(dropped);
                    if (chunk.length === 0)
                        continue;
                }
                received += chunk.length;
                yield chunk;
            }
            return; // the verifier judges what arrived
        }
        catch (error) {
            response.body.destroy();
            if (error instanceof errors/* OcikitError */.Gu || signal?.aborted || client.signal?.aborted || !(0,retry_policy/* isRetryableError */.$d)(error) || received >= size) {
                if (signal?.aborted)
                    throw (0,registry_client/* cancelled */.KW)(signal, undefined, what);
                if (client.signal?.aborted)
                    throw (0,registry_client/* cancelled */.KW)(client.signal, undefined, what);
                throw bodyError(error, what);
            }
            const delay = budget.next(received);
            if (delay === undefined)
                throw bodyError(error, what, budget.failuresInARow);
            await client.wait(delay, signal);
            response = current.response = await request(received);
            const range = parseContentRange(response);
            if (response.status === 206 && range?.start === received && (range.size === undefined || range.size === size)) {
                skip = 0;
            }
            else if (response.status === 200) {
                skip = received; // no Range support here: the whole blob again, minus what we have
            }
            else {
                const refused = response.status === 206
                    ? new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what}: the registry answered a resumed download with another range`, {
                        detail: `asked for bytes ${received}- of ${size}, got ${header(response, 'content-range') ?? 'no Content-Range'}`,
                    })
                    : await (0,registry_error/* registryError */.e)(`${what} (resuming at byte ${received})`, response.status, response.body);
                response.body.destroy();
                throw refused;
            }
        }
    }
}
/** `Content-Range: bytes <start>-<end>/<size|*>` of a 206. */
function parseContentRange(response) {
    const match = header(response, 'content-range')?.match(/^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/);
    if (!match)
        return undefined;
    return { start: Number(match[1]), end: Number(match[2]), size: match[3] === '*' ? undefined : Number(match[3]) };
}
/** A body that broke off mid-transfer (undici: "other side closed"), as an error that names the download. */
function bodyError(error, what, attempts) {
    if (error instanceof errors/* OcikitError */.Gu || error.name === 'AbortError')
        return error;
    const code = error.code;
    const stalled = code === 'UND_ERR_BODY_TIMEOUT';
    return new errors/* OcikitError */.Gu('NETWORK', `${what}: ${stalled ? 'the registry stopped sending' : 'the connection broke off'} before the whole blob arrived`, {
        detail: `${code ?? ''} ${error.message}`.trim() + (attempts ? `; gave up after ${attempts} attempts in a row without progress` : ''),
        hint: 'the network or the registry cut the download short; retry',
        cause: error,
    });
}
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function contentType(response) {
    return header(response, 'content-type')?.split(';')[0]?.trim() || undefined;
}
/** The manifest parsed, or undefined when it is not one ocikit reads (stored as given all the same). */
function parsedOrUndefined(bytes, descriptor) {
    try {
        return (0,oci_manifest/* parseManifest */.Ng)(bytes, `manifest ${descriptor.digest}`, descriptor.mediaType);
    }
    catch {
        return undefined;
    }
}
function inlineData(descriptor) {
    return descriptor.data === undefined ? undefined : Buffer.from(descriptor.data, 'base64');
}
/** A tag list page, `{"name": ..., "tags": [...]}`, checked before its tags are trusted. */
function parseTagList(bytes, what) {
    let body;
    try {
        body = JSON.parse(bytes.toString('utf8'));
    }
    catch (error) {
        throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what} is not JSON`, { detail: error.message });
    }
    const tags = body?.tags;
    if (tags === undefined || tags === null)
        return []; // distribution sends null for a repository without tags
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
        throw new errors/* OcikitError */.Gu('REGISTRY_ERROR', `${what} is not {"tags": [strings]}`, { detail: bytes.toString('utf8').slice(0, 200) });
    }
    return tags;
}
//# sourceMappingURL=remote-repository.js.map

/***/ }),

/***/ 41121:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ isRetryableError),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   rM: () => (/* binding */ nextDelay)
/* harmony export */ });
const DEFAULT_RETRY_POLICY = {
    maxAttempts: 5,
    baseDelayMs: 250,
    maxDelayMs: 20_000,
    maxElapsedMs: 120_000,
};
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_ERROR_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CLOSED',
]);
function isRetryableStatus(status) {
    return RETRYABLE_STATUS.has(status);
}
function isRetryableError(error) {
    let current = error;
    for (let depth = 0; current && depth < 5; depth++) {
        const code = current.code;
        if (typeof code === 'string' && RETRYABLE_ERROR_CODES.has(code))
            return true;
        current = current.cause;
    }
    return false;
}
/** Milliseconds from a `Retry-After` header (seconds or an HTTP date), if any. */
function parseRetryAfter(value, now = Date.now()) {
    const text = Array.isArray(value) ? value[0] : value;
    if (!text)
        return undefined;
    if (/^\d+$/.test(text.trim()))
        return Number(text.trim()) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** The wait before attempt `attempt + 1` (attempt counts from 1), or undefined to give up. */
function nextDelay(policy, attempt, startedAt, retryAfterMs, random = Math.random) {
    if (attempt >= policy.maxAttempts)
        return undefined;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // The registry's own Retry-After is honoured in full (retrying sooner only earns another
    // 429); maxDelayMs caps our backoff, maxElapsedMs bounds both.
    const delay = retryAfterMs !== undefined ? retryAfterMs : Math.round(random() * backoff);
    if (Date.now() + delay - startedAt > policy.maxElapsedMs)
        return undefined;
    return delay;
}
//# sourceMappingURL=retry-policy.js.map

/***/ }),

/***/ 47648:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F7: () => (/* binding */ repositoryScope),
/* harmony export */   OL: () => (/* binding */ mergeScopes),
/* harmony export */   pp: () => (/* binding */ scopeCovers)
/* harmony export */ });
/**
 * Token scopes (`repository:org/app:pull,push`), merged so one token covers what
 * a whole operation needs (distribution-spec token scope grammar).
 */
function repositoryScope(repository, actions) {
    return `repository:${repository}:${actions}`;
}
/** Union of scope strings (space-separated lists allowed), actions merged per resource, sorted. */
function mergeScopes(...scopes) {
    const byResource = actionsByResource(...scopes);
    return [...byResource.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([resource, actions]) => (actions.size ? `${resource}:${[...actions].sort().join(',')}` : resource))
        .join(' ');
}
/**
 * Whether a token asked for `granted` can serve a request needing `needed`: every
 * resource of `needed` with all its actions (`*` stands for every action).
 */
function scopeCovers(granted, needed) {
    const have = actionsByResource(granted);
    for (const [resource, actions] of actionsByResource(needed)) {
        const held = have.get(resource);
        if (!held)
            return false;
        if (held.has('*'))
            continue;
        for (const action of actions)
            if (!held.has(action))
                return false;
    }
    return true;
}
/** `type:name:actions` scopes (space-separated lists allowed) as resource (`type:name`) → actions. */
function actionsByResource(...scopes) {
    const byResource = new Map();
    for (const list of scopes) {
        for (const scope of (list ?? '').split(' ')) {
            if (!scope)
                continue;
            const lastColon = scope.lastIndexOf(':');
            const resource = lastColon > 0 ? scope.slice(0, lastColon) : scope;
            const actions = lastColon > 0 ? scope.slice(lastColon + 1).split(',') : [];
            const set = byResource.get(resource) ?? new Set();
            actions.filter(Boolean).forEach((a) => set.add(a));
            byResource.set(resource, set);
        }
    }
    return byResource;
}
//# sourceMappingURL=scope.js.map

/***/ }),

/***/ 71076:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ noteCleanup),
/* harmony export */   p: () => (/* binding */ interruptOn)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);

/** The clean-ups each interrupt's signal set off: one line each, as the person at the log reads it. */
const cleanupsBySignal = new WeakMap();
/**
 * Tells the interrupt behind `signal`, if it fired, of a clean-up it set off (an
 * upload session's `DELETE`): `outcome` says, in one line, what came of it. A
 * signal that is no interrupt's, or has not fired, takes no note.
 */
function noteCleanup(signal, outcome) {
    if (signal?.aborted)
        cleanupsBySignal.get(signal)?.push(outcome.catch((error) => `a clean-up failed: ${String(error)}`));
}
/**
 * Process signals as an AbortSignal, for the front ends (a Ctrl-C, a CI
 * runner cancelling the job): the first stops whatever takes the signal (its
 * requests aborted, upload sessions deleted where the registry lets them be,
 * temp files removed) and fails it with a `CANCELLED` error (`report`); a
 * second one calls `onSecond`.
 */
function interruptOn(names, options) {
    const controller = new AbortController();
    const cleanups = [];
    cleanupsBySignal.set(controller.signal, cleanups);
    let received;
    const onSignal = (name) => {
        if (received !== undefined) {
            options.onSecond(name);
            return;
        }
        received = name;
        controller.abort(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('CANCELLED', `interrupted by ${name}`, { hint: options.hint }));
    };
    for (const name of names)
        process.on(name, onSignal);
    return {
        signal: controller.signal,
        get received() {
            return received;
        },
        async report() {
            // Each clean-up is bounded (a DELETE gets a few seconds); one noted while waiting is waited for too.
            let lines = [];
            while (lines.length < cleanups.length)
                lines = await Promise.all(cleanups);
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('CANCELLED', `interrupted by ${received ?? 'a signal'}`, {
                ...(lines.length > 0 ? { detail: lines.join('\n    ') } : {}),
                hint: options.hint,
            });
        },
        dispose() {
            for (const name of names)
                process.off(name, onSignal);
        },
    };
}
//# sourceMappingURL=interrupt.js.map

/***/ }),

/***/ 49307:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ mapConcurrent)
/* harmony export */ });
/**
 * Runs `fn` over `items` with at most `limit` in flight, results in input order.
 * The first failure stops new work from starting and is rethrown once the
 * running ones settle, so no transfer is left dangling.
 */
async function mapConcurrent(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (!failure && next < items.length) {
            const index = next++;
            try {
                results[index] = await fn(items[index], index);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (failure)
        throw failure.error;
    return results;
}
//# sourceMappingURL=map-concurrent.js.map

/***/ }),

/***/ 73307:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ pipeThrough)
/* harmony export */ });
/**
 * `source.pipe(transform)` that also carries the source's error into the
 * transform. Plain `pipe` drops it, and a consumer waiting on the transform
 * would then wait forever for a verification failure it never sees.
 */
function pipeThrough(source, transform) {
    source.once('error', (error) => transform.destroy(error));
    return source.pipe(transform);
}
//# sourceMappingURL=pipe-through.js.map

/***/ }),

/***/ 69172:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ hasControlCharacters),
/* harmony export */   g: () => (/* binding */ printable)
/* harmony export */ });
/**
 * Text from a registry or an artifact (a title, an annotation, an artifact type,
 * the registry's own words) as it may go into a log line: every control
 * character shown as an escape (`\n`, `\x1b`, `\u2028`), so no such text can end
 * the line and start one of its own (a forged `::error::` or `::add-mask::`
 * workflow command), colour or move a terminal, or open a GitLab log section.
 */
function printable(text) {
    return text.replace(CONTROL, escapeControl);
}
/** Whether the text holds a character `printable` would escape. */
function hasControlCharacters(text) {
    return CONTROL_TEST.test(text);
}
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (JavaScript and some viewers break lines there).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const CONTROL_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
function escapeControl(character) {
    const code = character.charCodeAt(0);
    return NAMED[character] ?? (code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`);
}
//# sourceMappingURL=printable.js.map

/***/ }),

/***/ 28432:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ redactSecrets),
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Text helpers every front end prints with: byte sizes, and secrets blotted out. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
/** A size as people read it: `512 B`, `1.5 MiB`. */
function formatBytes(bytes) {
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
/**
 * Shorter than this, a "secret" is not blotted out: replacing every `ab` in a log
 * would show nothing and protect nothing.
 */
const MIN_SECRET_LENGTH = 3;
/** `text` with every occurrence of each secret replaced (by `***`, or `mask`). */
function redactSecrets(text, secrets, mask = '***') {
    let result = text;
    for (const secret of secrets) {
        if (secret.length >= MIN_SECRET_LENGTH)
            result = result.split(secret).join(mask);
    }
    return result;
}
//# sourceMappingURL=text.js.map

/***/ }),

/***/ 32098:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ USER_AGENT),
/* harmony export */   l: () => (/* binding */ OCIKIT_VERSION)
/* harmony export */ });
/** Kept equal to package.json's version by a test. */
const OCIKIT_VERSION = '0.1.0';
const USER_AGENT = `ocikit/${OCIKIT_VERSION}`;
//# sourceMappingURL=version.js.map

/***/ }),

/***/ 43345:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AA: () => (/* binding */ getString),
/* harmony export */   LO: () => (/* binding */ inputVariable),
/* harmony export */   kA: () => (/* binding */ getRequired),
/* harmony export */   m: () => (/* binding */ getChoice),
/* harmony export */   o0: () => (/* binding */ getPositiveInteger),
/* harmony export */   pW: () => (/* binding */ getBoolean),
/* harmony export */   vS: () => (/* binding */ getList)
/* harmony export */ });
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/**
 * Action inputs as the docker/* and actions/* actions read them: trimmed strings,
 * lists one per line (or comma-separated where a value cannot hold a comma),
 * booleans in YAML 1.2 spelling. The runner passes every input as
 * `INPUT_<NAME>` (upper-cased, hyphens kept) and fills in action.yml defaults.
 * Every problem is an OcikitError that names the input, so the step fails with a
 * message a person can act on.
 */

/** The variable the runner sets for an input: `artifact-type` → `INPUT_ARTIFACT-TYPE`. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/** An input, trimmed; '' when absent. */
function getString(name, env = process.env) {
    return (env[inputVariable(name)] ?? '').trim();
}
/** An input that must be given. */
function getRequired(name, env = process.env) {
    const value = getString(name, env);
    if (value === '') {
        throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `input "${name}" is required`, { hint: `add \`${name}:\` under \`with:\` in the step` });
    }
    return value;
}
/**
 * A list input: one item per line (and per comma with `comma`), each trimmed,
 * empty ones dropped, as docker/build-push-action reads `tags:`.
 */
function getList(name, options = {}, env = process.env) {
    const raw = env[inputVariable(name)] ?? '';
    const lines = raw.split(/\r?\n/);
    const items = options.comma ? lines.flatMap((line) => line.split(',')) : lines;
    return items.map((item) => item.trim()).filter((item) => item !== '');
}
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** `true`/`false` (YAML 1.2 core schema spellings); absent or empty gives `fallback`. */
function getBoolean(name, fallback, env = process.env) {
    const value = getString(name, env);
    if (value === '')
        return fallback;
    if (TRUE.has(value))
        return true;
    if (FALSE.has(value))
        return false;
    throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `input "${name}" is "${value}", not a boolean`, { hint: 'use true or false' });
}
/** One of a fixed set of words (`command: push`, `mode: add`); absent or empty gives `fallback`. */
function getChoice(name, choices, fallback, env = process.env) {
    const value = getString(name, env);
    if (value === '')
        return fallback;
    if (!choices.includes(value)) {
        throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `input "${name}" is "${value}", not one of ${choices.join(', ')}`);
    }
    return value;
}
/** A positive whole number; absent or empty gives `fallback`. */
function getPositiveInteger(name, fallback, env = process.env) {
    const value = getString(name, env);
    if (value === '')
        return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
        throw new _ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `input "${name}" is "${value}", not a positive whole number`);
    }
    return n;
}
//# sourceMappingURL=inputs.js.map

/***/ }),

/***/ 28796:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/**
 * Step outputs, so later steps chain: `digest`, `reference` (tag and digest, the
 * pinned form) and `json` (the whole result: core's `<verb>ResultJson`, the same
 * fields `ocikit <verb> --json` prints) for every verb, plus what a verb adds.
 */

/** Sets each output; an object is written as compact JSON, for `fromJSON(steps.<id>.outputs.json)`. */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
}
//# sourceMappingURL=outputs.js.map

/***/ }),

/***/ 99345:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cv: () => (/* binding */ actionProgress),
  Cs: () => (/* binding */ runAction)
});

// UNUSED EXPORTS: Secrets, failureMessage

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/util/text.js
var util_text = __webpack_require__(28432);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(78877);
;// CONCATENATED MODULE: ./packages/core/dist/util/throughput-gc.js

/**
 * Asks V8 for stop-the-world full collections instead of incremental ones, for
 * the whole process. Only a process owner calls this (the CLI's entry, an
 * action's entry), never a library: it is process-wide.
 *
 * Why: every verb streams hundreds of MiB through short-lived Buffers
 * (socket reads, zlib output), whose backing stores count as external memory.
 * V8 answers each few dozen MiB of it with incremental marking, run by
 * background threads and finished by tasks: on 500 MiB recompressed that was
 * about 65 collections and 0.7 s of CPU on a 2-core runner, taken from gunzip
 * and zstd. Without incremental marking V8 collects the (small) JS heap in one
 * short pause when the limit is hit: 23 collections, CPU 6.3 → 5.4 s, wall
 * 4.2 → 3.75 s (bench/recompress.mjs); a 1 GiB push 6.1 → 5.7 s and pull
 * 2.4 → 2.3 s, same peak RSS. Short pauses matter to servers, not to
 * a batch job. Node warns that a flag changed after start-up may do nothing;
 * this one V8 reads each time it would start marking, and set here it gave the
 * same collection counts as `node --no-incremental-marking`.
 */
function preferThroughputGc() {
    (0,external_node_v8_.setFlagsFromString)('--no-incremental-marking');
}
//# sourceMappingURL=throughput-gc.js.map
// EXTERNAL MODULE: ./packages/core/dist/util/interrupt.js
var util_interrupt = __webpack_require__(71076);
;// CONCATENATED MODULE: ./packages/github/dist/front-end-words.js
const SPELLINGS = {
    'no-overwrite': '`overwrite: false`',
    'no-tlog': '`tlog: false`',
    'password-stdin': 'the `password` input (from a secret)',
    password: 'the `password` input (from a secret)',
    'registry-config': 'a Docker config (docker/login-action writes one)',
    annotation: 'the `annotations` input',
    'media-type': 'the `media-types` input',
    output: 'the `path` input',
    prov: 'the `provenance` input',
    tag: 'the `tags` input',
};
const ACTION_WORDS = { option: (name) => SPELLINGS[name] ?? `the \`${name}\` input` };
//# sourceMappingURL=front-end-words.js.map
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/run-action.js
/**
 * What every action entry shares: a progress listener that logs through the
 * runner, registry warnings as `core.warning`, and failures as `core.setFailed`
 * with OcikitError.describe() (what failed, the registry's answer, what to try),
 * every known secret redacted as the last line of defence.
 */




/** Secrets seen so far (already masked with core.setSecret); redacted from anything we write. */
class Secrets {
    values = new Set();
    /** Adds a secret; true when it is new (so it still needs masking). */
    add(secret) {
        if (secret === '' || this.values.has(secret))
            return false;
        this.values.add(secret);
        return true;
    }
    redact(text) {
        return (0,util_text/* redactSecrets */.f)(text, this.values);
    }
}
/** Byte-level events as log lines: one when a blob is done, registry warnings as annotations. */
function actionProgress(secrets) {
    const names = new Map();
    const transfers = [];
    return {
        transfers,
        start(descriptor, name) {
            names.set(descriptor.digest, name);
        },
        done(descriptor, outcome, stored) {
            const name = names.get(descriptor.digest);
            names.delete(descriptor.digest);
            if (name === undefined)
                return;
            // What landed (recompress: the zstd blob made from the gzip layer `descriptor`).
            const landed = stored ?? descriptor;
            transfers.push({ name, descriptor: landed, outcome });
            core/* info */.pq(`${outcome.padEnd(10)} ${name}${stored ? ' ->' : ''} ${(0,summary/* formatBytes */.z3)(landed.size)} ${landed.digest}`);
        },
        warning(message) {
            core/* warning */.$e(secrets.redact((0,errors/* inFrontEndWords */.$k)(message, ACTION_WORDS)));
        },
    };
}
/** What the person at the log can do about a refused login, in this action's terms (core's hints name no front end). */
const ACTION_HINTS = {
    UNAUTHORIZED: 'in this action: set the `username` and `password` inputs (a secret), or for ghcr.io give the job `permissions: packages: write` (push) / `packages: read` (pull)',
    DENIED: 'in this action: check that these credentials may write this repository; for ghcr.io, `permissions: packages: write` and the package\'s "Manage Actions access" setting',
};
/** The message a step fails with. */
function failureMessage(error, secrets) {
    if ((0,errors/* isOcikitError */.CI)(error)) {
        const hint = ACTION_HINTS[error.code];
        const described = error.describe(ACTION_WORDS);
        return secrets.redact(hint ? `${described}\n  ${hint}` : described);
    }
    const message = error instanceof Error ? error.message : String(error);
    return secrets.redact(`unexpected error: ${message}`);
}
/**
 * Runs an action body; a failure becomes `core.setFailed` (exit code 1) and never
 * an unhandled rejection. Returns normally either way, so an entry is `await run()`.
 * A cancelled job (the runner sends SIGINT, then SIGTERM 7.5 s later) aborts the
 * body's `signal`: its requests stop, open upload sessions are deleted and temp
 * files removed, and the step fails with "interrupted by SIGINT" and each session
 * cancelled or not, with the registry's answer; a second signal exits at once.
 * A failed step's job summary says what failed, as the log does: the summary is
 * where a person looks first.
 */
async function runAction(verb, body) {
    // An action's process is ours alone, a batch job moving bulk data (see core's throughput-gc.ts).
    preferThroughputGc();
    const secrets = new Secrets();
    const interrupt = (0,util_interrupt/* interruptOn */.p)(['SIGINT', 'SIGTERM'], {
        hint: 'the step was cancelled: temp files removed; nothing was tagged',
        onSecond: () => process.exit(1),
    });
    try {
        await body(secrets, interrupt.signal);
        interrupt.signal.throwIfAborted();
    }
    catch (error) {
        // Whatever broke first, the interruption is the story.
        const reason = interrupt.signal.aborted ? await interrupt.report() : error;
        if (!(0,errors/* isOcikitError */.CI)(reason) && reason instanceof Error && reason.stack)
            core/* debug */.Yz(secrets.redact(reason.stack));
        const message = failureMessage(reason, secrets);
        core/* setFailed */.C1(message);
        await writeFailureSummary(verb, message);
    }
    finally {
        interrupt.dispose();
    }
}
/** The job summary of a failed step: the failure as the log gives it (already redacted), escaped. */
async function writeFailureSummary(verb, message) {
    core/* summary */.z.emptyBuffer();
    await (0,summary/* writeSummary */.Sy)(core/* summary */.z.addHeading(`ocikit ${(0,summary/* escapeHtml */.ZD)(verb)} failed`, 3).addRaw(`<pre>${(0,summary/* escapeHtml */.ZD)(message)}</pre>`, true));
}
//# sourceMappingURL=run-action.js.map

/***/ }),

/***/ 52902:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rs: () => (/* binding */ writePullSummary),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   Ub: () => (/* binding */ addTransfers),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   pX: () => (/* binding */ MAX_ROWS),
/* harmony export */   uk: () => (/* binding */ writePushSummary),
/* harmony export */   wx: () => (/* binding */ header),
/* harmony export */   xn: () => (/* binding */ addMermaid),
/* harmony export */   z3: () => (/* reexport safe */ _ocikit_core__WEBPACK_IMPORTED_MODULE_1__.z)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28432);
/**
 * The job summary (`core.summary`, the GITHUB_STEP_SUMMARY file): what a step
 * pushed or pulled, with digests and sizes. Everything that came from a user or
 * a registry is HTML-escaped: titles and media types are untrusted text.
 */


/**
 * Writes the summary built so far. A runner without a summary file (GHES before
 * 3.6, act, a local run) gets a debug line, and a summary that cannot be written
 * a warning: what was pushed is pushed, and the step does not fail over it.
 */
async function writeSummary(summary) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz('no GITHUB_STEP_SUMMARY: job summary skipped');
        summary.emptyBuffer();
        return;
    }
    try {
        await summary.write();
    }
    catch (error) {
        summary.emptyBuffer();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`job summary not written: ${error?.message ?? String(error)}`);
    }
}
/**
 * Text for the summary's HTML: markup characters and `|` as entities, and line
 * breaks and other controls too, since a blank line ends an HTML block in the
 * summary's Markdown and what follows would render as Markdown of its own.
 */
function escapeHtml(text) {
    return text.replace(/[&<>"'|\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `&#${c.charCodeAt(0)};`);
}
const code = (text) => `<code>${escapeHtml(text)}</code>`;

function header(...names) {
    return names.map((data) => ({ data, header: true }));
}
async function writePushSummary(reference, result) {
    const total = result.layers.reduce((sum, l) => sum + l.descriptor.size, 0);
    await writeSummary(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading('ocikit push', 3)
        .addTable([
        header('Reference', 'Digest', 'Artifact type', 'Tags'),
        [code(reference), code(result.descriptor.digest), code(result.manifest.artifactType ?? '(from config)'), result.tags.map(code).join(' ') || '(none: by digest)'],
    ])
        .addTable([
        header('Layer', 'Media type', 'Size', 'Digest', 'Outcome'),
        ...result.layers.map((l) => [
            code(l.descriptor.annotations?.['org.opencontainers.image.title'] ?? '(untitled)'),
            code(l.descriptor.mediaType),
            (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z)(l.descriptor.size),
            code(l.descriptor.digest),
            l.outcome,
        ]),
    ])
        .addRaw(`${result.layers.length} layer${result.layers.length === 1 ? '' : 's'}, ${(0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z)(total)}`, true));
}
/** The pull's files; `cacheKey` when they came from the Actions cache rather than the registry. */
async function writePullSummary(reference, result, cacheKey) {
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading('ocikit pull', 3)
        .addTable([header('Reference', 'Digest'), [code(reference), code(result.descriptor.digest)]])
        .addTable([
        header('File', 'Media type', 'Size', 'Digest'),
        ...result.files.map((f) => [
            code(f.path) + (f.unpacked ? ' (unpacked)' : ''),
            code(f.descriptor.mediaType),
            (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z)(f.descriptor.size),
            code(f.descriptor.digest),
        ]),
    ]);
    if (cacheKey !== undefined) {
        summary.addRaw(`Restored from the Actions cache (key ${code(cacheKey)}), every file verified against its digest; nothing was downloaded from the registry.`, true);
    }
    await writeSummary(summary);
}
/** Rows shown per table at most: a summary is read by a person (and capped at 1 MiB by GitHub). */
const MAX_ROWS = 100;
/** What moved, with sizes: one row per blob or manifest, then the totals by outcome. */
function addTransfers(summary, transfers) {
    if (transfers.length === 0)
        return summary.addRaw('Nothing was transferred.', true);
    summary.addTable([
        header('Blob or manifest', 'Media type', 'Size', 'Digest', 'Outcome'),
        ...transfers.slice(0, MAX_ROWS).map((t) => [code(t.name), code(t.descriptor.mediaType), (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z)(t.descriptor.size), code(t.descriptor.digest), t.outcome]),
    ]);
    if (transfers.length > MAX_ROWS)
        summary.addRaw(`…and ${transfers.length - MAX_ROWS} more.`, true);
    const byOutcome = new Map();
    for (const t of transfers) {
        const total = byOutcome.get(t.outcome) ?? { count: 0, bytes: 0 };
        byOutcome.set(t.outcome, { count: total.count + 1, bytes: total.bytes + t.descriptor.size });
    }
    return summary.addRaw([...byOutcome].map(([outcome, { count, bytes }]) => `${outcome}: ${count} (${(0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z)(bytes)})`).join(', '), true);
}
/**
 * A fenced Mermaid block (GitHub renders it as a diagram). The blank line first
 * ends the HTML block a table leaves open, or the fence would not be read as one.
 */
function addMermaid(summary, fencedMermaid) {
    return summary.addRaw(`\n${fencedMermaid}`, true);
}
//# sourceMappingURL=summary.js.map

/***/ }),

/***/ 19152:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ie: () => (/* binding */ referenceInput),
  j$: () => (/* binding */ registryHosts),
  bP: () => (/* binding */ startStep)
});

// UNUSED EXPORTS: readConnectionInputs, readCredentialInputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
;// CONCATENATED MODULE: ./packages/core/dist/registry/request-timeout.js

/** The variable every front end reads the request timeout from, in seconds (the CLI's flag wins). */
const REQUEST_TIMEOUT_VARIABLE = 'OCIKIT_REQUEST_TIMEOUT';
/**
 * A request timeout given in seconds, as milliseconds. `source` names where it
 * came from (`--request-timeout`, `OCIKIT_REQUEST_TIMEOUT`) for the error.
 */
function parseRequestTimeout(value, source) {
    const seconds = Number(value.trim());
    if (!value.trim() || !Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${source} "${value}" is not a number of seconds`, {
            hint: 'give the seconds one request may take, its answer included, e.g. 600',
        });
    }
    return Math.round(seconds * 1000);
}
/** The request timeout the environment sets, as the `timeouts` option of a registry client (empty when unset). */
function requestTimeoutFromEnv(env) {
    const value = env[REQUEST_TIMEOUT_VARIABLE];
    return value === undefined || value === '' ? {} : { timeouts: { requestMs: parseRequestTimeout(value, REQUEST_TIMEOUT_VARIABLE) } };
}
//# sourceMappingURL=request-timeout.js.map
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/credentials/registry-host.js
var registry_host = __webpack_require__(74839);
// EXTERNAL MODULE: ./packages/core/dist/credentials/credential-chain.js + 2 modules
var credential_chain = __webpack_require__(32808);
// EXTERNAL MODULE: ./packages/core/dist/registry/credentials.js
var credentials = __webpack_require__(55770);
// EXTERNAL MODULE: ./packages/core/dist/credentials/docker-config.js
var docker_config = __webpack_require__(46274);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
;// CONCATENATED MODULE: ./packages/github/dist/auth.js
/**
 * Registry credentials with no configuration on GitHub, first match wins:
 *   1. the `username` + `password` inputs (or OCIKIT_USERNAME / OCIKIT_PASSWORD), for any registry;
 *   2. for ghcr.io, the `github-token` input (default `${{ github.token }}`) as the
 *      password of `username` or else `github.actor` (before 1. when the step also
 *      names another registry: see chooseCredentials);
 *   3. Docker's config.json and its credential helpers, as docker/login-action
 *      leaves them (core's chain: DOCKER_CONFIG, REGISTRY_AUTH_FILE, ~/.docker);
 *   4. anonymous.
 * Every secret goes to the runner's masker (`core.setSecret`) the moment it is
 * known: the inputs before anything else runs, a config or helper secret when a
 * registry first asks for it.
 */


const GHCR = 'ghcr.io';
/** Reads the auth inputs and masks every secret among them at once. */
function readAuthInputs(env, mask) {
    const password = (0,inputs/* getString */.AA)('password', env);
    const githubToken = (0,inputs/* getString */.AA)('github-token', env);
    for (const secret of [password, githubToken])
        if (secret !== '')
            mask(secret);
    return { username: (0,inputs/* getString */.AA)('username', env), password, githubToken, actor: (env.GITHUB_ACTOR ?? '').trim() };
}
/**
 * The credentials for the registries a step names (one for most verbs; copy,
 * recompress and index may name two or more), each chosen by the rules above.
 * With ghcr.io and another registry in one step, github-token serves ghcr.io and
 * `username`/`password` the other (a copy from GHCR to a mirror needs no login
 * step). With two or more registries besides ghcr.io's token, `username`/`password`
 * go only to `givenFor` (the destination's registry: core's givenCredentialRegistries),
 * never to another registry's token service; the others get their login from the
 * Docker config (docker/login-action), or none.
 */
function chooseCredentials(registries, inputs, env, mask, givenFor = registries) {
    const hosts = [...new Set(registries.map(registry_host/* canonicalRegistryHost */.M7))];
    if (inputs.password !== '' && inputs.username === '') {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'input "password" was given without "username"', { hint: 'add `username:` to the step' });
    }
    const ghcrToken = hosts.includes(GHCR) && inputs.githubToken !== '' && (inputs.password === '' || hosts.length > 1)
        ? { username: (hosts.length > 1 ? '' : inputs.username) || inputs.actor || 'github-actions', password: inputs.githubToken }
        : undefined;
    const needingGiven = hosts.filter((host) => !(host === GHCR && ghcrToken));
    if (needingGiven.length > 0 && inputs.username !== '' && inputs.password === '' && !env.OCIKIT_PASSWORD) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `input "username" (${inputs.username}) was given without "password"`, {
            hint: 'add `password: ${{ secrets.<NAME> }}` to the step',
        });
    }
    const given = needingGiven.length > 0 ? (0,credential_chain/* givenCredential */.FV)({ username: inputs.username, password: inputs.password }, env) : undefined;
    for (const secret of (0,credentials/* credentialSecrets */.DJ)(given))
        mask(secret);
    const fromConfig = (0,credential_chain/* dockerConfigCredentials */.D)({ env });
    const givenHosts = needingGiven.length > 1 ? new Set(givenFor.map(registry_host/* canonicalRegistryHost */.M7)) : new Set(needingGiven);
    const chosen = new Map();
    for (const host of hosts) {
        if (host === GHCR && ghcrToken) {
            chosen.set(host, { source: `github-token as ${ghcrToken.username}`, provide: async () => ghcrToken });
        }
        else if (given && givenHosts.has(host)) {
            chosen.set(host, { source: `username ${given.username}`, provide: async () => given });
        }
        else {
            chosen.set(host, {
                source: `the Docker config ${(0,docker_config/* dockerConfigPath */.Q1)({ env })} if it has a login for ${host}, else anonymous`,
                provide: async (registry) => {
                    const credential = await fromConfig(registry);
                    for (const secret of (0,credentials/* credentialSecrets */.DJ)(credential))
                        mask(secret);
                    return credential;
                },
            });
        }
    }
    return {
        provider: async (registry) => chosen.get((0,registry_host/* canonicalRegistryHost */.M7)(registry))?.provide(registry),
        sources: Object.fromEntries([...chosen].map(([host, { source }]) => [host, source])),
    };
}
//# sourceMappingURL=auth.js.map
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
;// CONCATENATED MODULE: ./packages/github/dist/target-options.js
/**
 * The inputs every action that talks to a registry shares (`username`,
 * `password`, `github-token`, `plain-http`, `insecure`) turned into the options
 * core's openTarget and the verbs take, as the CLI's remote flags are. Every such
 * action starts with `startStep`, which does it in the one safe order: the
 * credential inputs masked first, then the action's own reference inputs read
 * (`reference`, `subject`, `source`...), then the connection for the registries they
 * name, so nothing is printed or thrown before the password and token are known to
 * the masker.
 */





function masker(secrets) {
    return (secret) => {
        if (secrets.add(secret))
            core/* setSecret */.Pq(secret);
    };
}
/** The credential inputs, every secret among them masked at once: read them before anything else. */
function readCredentialInputs(env, secrets) {
    return readAuthInputs(env, masker(secrets));
}
/** The registry hosts of references (an OCI layout has none). */
function registryHosts(...references) {
    return references.flatMap((reference) => (reference.kind === 'registry' ? [reference.registry] : []));
}
/**
 * Credentials for the registries the step names (logged: which credential, never
 * the secret), `plain-http`, `insecure`, registry warnings as warnings, and the
 * step's cancellation (runAction's `signal`). `givenFor`: the registries the
 * `username`/`password` inputs are for, in a step that reads from one and writes another.
 */
function readConnectionInputs(env, secrets, progress, auth, registries, signal, givenFor) {
    const credentials = chooseCredentials(registries, auth, env, masker(secrets), givenFor);
    for (const [registry, source] of Object.entries(credentials.sources))
        core/* info */.pq(`Registry ${registry}: ${source}`);
    return {
        credentials: credentials.provider,
        plainHttp: (0,inputs/* getBoolean */.pW)('plain-http', false, env),
        insecure: (0,inputs/* getBoolean */.pW)('insecure', false, env),
        // A workflow's `env: OCIKIT_REQUEST_TIMEOUT` (seconds), as for the CLI in any job.
        ...requestTimeoutFromEnv(env),
        onWarning: (message) => progress.warning?.(message),
        signal,
    };
}
/**
 * The start of every action that talks to a registry, in order: the credential
 * inputs read and masked, `readReferences` (the action's own reference inputs,
 * parsed: they may fail with their text, now that the secrets are masked), then the
 * connection for the registries they name. Returns what `readReferences` returned,
 * with the progress listener and the connection options.
 */
function startStep(env, secrets, signal, readReferences) {
    const progress = (0,run_action/* actionProgress */.cv)(secrets);
    const auth = readCredentialInputs(env, secrets);
    const references = readReferences();
    const connection = readConnectionInputs(env, secrets, progress, auth, references.registries, signal, references.givenFor);
    return { ...references, progress, connection };
}
/** For `startStep`: the one reference input an action names its target by (`reference`, `subject`), and its registry. */
function referenceInput(env, input) {
    return () => {
        const reference = (0,reference_reference/* parseReference */.F2)((0,inputs/* getRequired */.kA)(input, env));
        return { reference, registries: registryHosts(reference) };
    };
}
//# sourceMappingURL=target-options.js.map

/***/ })

};
