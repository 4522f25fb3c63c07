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
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { OcikitError, optionRef } from '../errors.js';
import { parseDigest } from '../oci/digest.js';

export interface RegistryReference {
  kind: 'registry';
  /** Canonical `host[:port]`, lowercase; Docker Hub is always `docker.io`. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export interface LayoutReference {
  kind: 'oci-layout';
  path: string;
  tag?: string;
  digest?: string;
}

export type Reference = RegistryReference | LayoutReference;

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

interface Problem {
  reason: string;
  hint?: string;
}

export function parseReference(input: string): Reference {
  const subject = `invalid reference ${show(input)}`;
  if (input.trim() === '') fail(subject, { reason: 'the reference is empty' });
  if (input.trim() !== input) {
    fail(subject, { reason: 'has leading or trailing whitespace', hint: 'trim the value (a stray newline from a file or variable?)' });
  }
  if (input.startsWith(LAYOUT_PREFIX)) return parseLayout(input, subject);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase();
  if (scheme === 'oci') return parseRegistry(input.slice('oci://'.length), subject);
  if (scheme === 'http' || scheme === 'https') {
    fail(subject, {
      reason: `a reference has no ${scheme}:// in front`,
      hint: `write ${show(input.slice(scheme.length + 3))}${scheme === 'http' ? ` and add ${optionRef('plain-http')} (loopback registries use HTTP by themselves)` : ''}`,
    });
  }
  return parseRegistry(input, subject);
}

export function parseRegistryReference(input: string): RegistryReference {
  const ref = parseReference(input);
  if (ref.kind !== 'registry') {
    throw new OcikitError('INVALID_REFERENCE', `invalid reference ${show(input)}: expected a registry reference, not an OCI layout`, {
      hint: 'this needs host/repository[:tag][@digest]',
    });
  }
  return ref;
}

function parseRegistry(input: string, subject: string): RegistryReference {
  if (/\s/.test(input)) fail(subject, { reason: 'contains whitespace' });
  const { rest, tag, digest } = splitSelector(input, false);

  // Docker's rule for telling `host/repo` from `org/repo`.
  let registry = DOCKER_HUB;
  let repository = rest;
  const slash = rest.indexOf('/');
  const first = rest.slice(0, slash);
  // A host name and nothing else (HOSTNAME matches no "/").
  if ((rest.includes('.') && HOSTNAME.test(rest)) || rest === 'localhost') {
    const named = input.split('@')[0]!; // without its digest
    fail(subject, {
      reason: `it names a registry (${show(named)}) and no repository`,
      hint: `write registry/repository[:tag], e.g. ${show(`${named}/app:v1`)}`,
    });
  }
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    fail(subject, registryProblem(first));
    registry = first.toLowerCase();
    if (DOCKER_HUB_ALIASES.has(registry)) registry = DOCKER_HUB;
    repository = rest.slice(slash + 1);
    if (repository === '') fail(subject, { reason: `repository is missing after registry ${show(first)}` });
  }
  // Checked as written, before `library/` is added, so the message shows what the user typed.
  fail(subject, repositoryProblem(repository));
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;

  const name = `${registry}/${repository}`;
  if (name.length > NAME_MAX) {
    fail(subject, { reason: `name ${show(name)} is ${name.length} characters, longer than ${NAME_MAX}` });
  }
  fail(subject, selectorProblem(tag, digest));
  return { kind: 'registry', registry, repository, ...defined(tag, digest) };
}

function parseLayout(input: string, subject: string): LayoutReference {
  const { rest: path, tag, digest } = splitSelector(input.slice(LAYOUT_PREFIX.length), true);
  if (path === '') fail(subject, { reason: 'the layout path is empty', hint: 'write oci-layout:<dir>[:tag|@digest]' });
  fail(subject, selectorProblem(tag, digest));
  return { kind: 'oci-layout', path, ...defined(tag, digest) };
}

/**
 * Splits off `@digest`, then `:tag`. Registry names cannot contain `@`, so the
 * first one starts the digest (a later `@` then fails digest validation). In a
 * layout path only an `@` after the last separator can, since digests have no `/`.
 */
function splitSelector(value: string, isPath: boolean): { rest: string; tag?: string; digest?: string } {
  const lastSeparator = (s: string) => Math.max(s.lastIndexOf('/'), isPath ? s.lastIndexOf('\\') : -1);
  let rest = value;
  let tag: string | undefined;
  let digest: string | undefined;
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

function registryProblem(registry: string): Problem | undefined {
  let host = registry;
  let port: string | undefined;
  if (registry.startsWith('[')) {
    const close = registry.indexOf(']');
    const after = registry.slice(close + 1);
    host = registry.slice(1, close);
    if (close < 0 || (after !== '' && !after.startsWith(':')) || !/^[0-9a-f:.]+$/i.test(host) || !isIPv6(host)) {
      return { reason: `registry ${show(registry)} is not a valid [IPv6]:port` };
    }
    if (after !== '') port = after.slice(1);
  } else {
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

function repositoryProblem(repository: string): Problem | undefined {
  if (repository === '') return { reason: 'repository is empty' };
  if (/[A-Z]/.test(repository)) {
    return { reason: `repository ${show(repository)} must be lowercase (${COMPONENT_RULE})`, hint: 'repository names must be lowercase' };
  }
  for (const component of repository.split('/')) {
    if (component === '') return { reason: `repository ${show(repository)} has an empty path component` };
    if (!COMPONENT.test(component)) {
      return { reason: `repository ${show(repository)} has an invalid component ${show(component)} (${COMPONENT_RULE})` };
    }
  }
  return undefined;
}

/** Why a tag is not one the distribution spec allows (also a layout's ref name), or undefined. */
export function tagProblem(tag: string): string | undefined {
  if (tag.length > TAG_MAX) return `tag ${show(tag)} is longer than ${TAG_MAX} characters`;
  if (!TAG.test(tag)) return `tag ${show(tag)} is not valid (it starts with a letter, digit or _ and contains only letters, digits, _, . and -)`;
  return undefined;
}

/** Throws INVALID_REFERENCE unless `tag` is a valid tag. */
export function checkTag(tag: string): void {
  const reason = tag === '' ? 'tag is empty' : tagProblem(tag);
  if (reason) throw new OcikitError('INVALID_REFERENCE', reason, { hint: 'a tag is up to 128 letters, digits, "_", "." and "-", and does not start with "." or "-"' });
}

function selectorProblem(tag: string | undefined, digest: string | undefined): Problem | undefined {
  if (tag !== undefined) {
    if (tag === '') return { reason: 'tag is empty after ":"' };
    if (tag.includes(',')) {
      return { reason: `${show(tag)} is several tags; a reference names one`, hint: `give the first in the reference and the others with -t (the tags input): -t ${tag.split(',').slice(1).join(' -t ')}` };
    }
    const reason = tagProblem(tag);
    if (reason) return { reason };
  }
  if (digest !== undefined) {
    if (digest === '') return { reason: 'digest is empty after "@"', hint: DIGEST_HINT };
    try {
      parseDigest(digest);
    } catch (error) {
      if (!(error instanceof OcikitError)) throw error;
      return { reason: `digest ${error.message}`, hint: DIGEST_HINT };
    }
  }
  return undefined;
}

export function formatReference(ref: Reference): string {
  const base = ref.kind === 'registry' ? `${ref.registry}/${ref.repository}` : `${LAYOUT_PREFIX}${ref.path}`;
  return `${base}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

/**
 * `registry/repo:tag@digest`: the tag people read, the digest that pins it (what
 * every verb reports as the reference it pushed or pulled). No tag: `repo@digest`.
 */
export function pinnedReference(ref: Reference, tag: string | undefined, digest: string): string {
  return formatReference(withSelector(ref, { ...(tag ? { tag } : {}), digest }));
}

/** Docker Hub's name is not where its API lives. */
export function registryEndpointHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Literal loopback only (callers relax TLS for these). Names that merely resolve
 * to loopback, such as `*.localhost`, do not count: DNS could say otherwise.
 */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.split(':')[0]!; // split returns one part at least
  if (host.toLowerCase() === 'localhost') return true;
  if (isIPv4(host)) return LOOPBACK.check(host, 'ipv4');
  return isIPv6(host) && LOOPBACK.check(host, 'ipv6');
}

/** The tag or digest to resolve: digest if present, else tag, else 'latest'. */
export function referenceSelector(ref: Reference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

/**
 * The tags a push to `ref` gives its manifest: the reference's tag, 'latest' when it names
 * neither tag nor digest (none for a digest: the manifest is addressed by it), then `extra`,
 * each checked before anything is sent (see extraTag), without repeats.
 */
export function pushTags(ref: Reference, extra: readonly string[] = []): string[] {
  return [...new Set([...(ref.tag ? [ref.tag] : ref.digest ? [] : ['latest']), ...extra.map((given) => extraTag(ref, given))])];
}

/**
 * One more tag for `ref`, as given to -t or a tags input: a bare tag, or a whole
 * reference to the same repository (what docker/build-push-action users paste),
 * whose tag it then is. Anything else is refused before a request is made.
 */
export function extraTag(ref: Reference, given: string): string {
  if (!/[/:@]/.test(given)) {
    checkTag(given);
    return given;
  }
  const refused = (why: string): never => {
    throw new OcikitError('INVALID_INPUT', `the extra tag ${show(given)} ${why}`, {
      hint: `give bare tags (v1.2.3, latest): they go to ${formatReference(withSelector(ref, {}))}`,
    });
  };
  let named: Reference;
  try {
    named = parseReference(given);
  } catch {
    return refused('is neither a tag nor a reference');
  }
  const same = formatReference(withSelector(named, {})) === formatReference(withSelector(ref, {}));
  if (!same) return refused(`names another repository (${formatReference(withSelector(named, {}))})`);
  if (named.digest !== undefined || named.tag === undefined) return refused('names no tag');
  return named.tag;
}

/** The same reference with its tag and digest replaced by exactly these (absent means removed). */
export function withSelector<T extends Reference>(ref: T, selector: { tag?: string; digest?: string }): T {
  fail(`invalid selector for ${show(formatReference(ref))}`, selectorProblem(selector.tag, selector.digest));
  const next = { ...ref };
  delete next.tag;
  delete next.digest;
  return { ...next, ...defined(selector.tag, selector.digest) };
}

/** Omits absent fields, so references compare equal however they were built. */
function defined(tag: string | undefined, digest: string | undefined): { tag?: string; digest?: string } {
  return { ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function fail(subject: string, problem: Problem | undefined): void {
  if (problem) {
    throw new OcikitError('INVALID_REFERENCE', `${subject}: ${problem.reason}`, problem.hint === undefined ? {} : { hint: problem.hint });
  }
}

/** Quotes (escaping control characters) and shortens what a message repeats back. */
function show(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 80)}…` : value);
}
