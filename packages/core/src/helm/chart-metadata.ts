/**
 * A chart's `Chart.yaml` as Helm loads it, and the bytes Helm derives from it:
 * the OCI config (`json.Marshal` of Helm's `chart.Metadata`, so struct field
 * order, `omitempty`, sorted map keys, Go's HTML escaping) and the manifest
 * annotations (`generateOCIAnnotations`). Sources: helm/helm
 * `pkg/chart/metadata.go`, `pkg/chart/dependency.go` (struct tags and
 * `Validate`, which also sanitises strings), `pkg/chart/loader/load.go`
 * (`requirements.yaml` of v1 charts), `pkg/registry/util.go`.
 */
import { createRequire } from 'node:module';
import { OcikitError } from '../errors.js';

/** Helm's chart metadata, as Helm would marshal it: fields in `chart.Metadata` order, empty ones left out. */
export type ChartMetadata = Record<string, unknown> & { apiVersion: string; name: string; version: string };

/** SemVer 2.0.0 (semver.org's own pattern): what a chart version must be. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const ALIAS = /^[a-zA-Z0-9_-]+$/;

export function isSemVer(version: string): boolean {
  return SEMVER.test(version);
}

/**
 * Parses and validates `Chart.yaml` (plus a v1 chart's `requirements.yaml`)
 * the way Helm's loader does, and checks more than Helm's `Validate` where a
 * registry would otherwise get something helm cannot use: apiVersion is v1
 * or v2 (what `helm lint` demands), version is strict SemVer 2.
 */
export function parseChartMetadata(chartYaml: Buffer, requirementsYaml: Buffer | undefined, where: string): ChartMetadata {
  const raw = loadYamlMapping(chartYaml, `${where}: Chart.yaml`);
  if (requirementsYaml) {
    const requirements = loadYamlMapping(requirementsYaml, `${where}: requirements.yaml`);
    if (requirements.dependencies !== undefined) raw.dependencies = requirements.dependencies;
  }
  const bad = (reason: string, hint?: string): never => {
    throw new OcikitError('INVALID_INPUT', `${where}: Chart.yaml ${reason}`, hint ? { hint } : {});
  };
  const field = new FieldReader(bad);

  const metadata: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (value !== undefined && value !== '' && value !== false && !(Array.isArray(value) && value.length === 0)) metadata[key] = value;
  };
  // chart.Metadata's fields, in its order; Validate sanitises the ones marked so.
  put('name', sanitize(field.string(raw, 'name')));
  put('home', sanitize(field.string(raw, 'home')));
  put('sources', field.strings(raw, 'sources')?.map(sanitize));
  put('version', field.string(raw, 'version'));
  put('description', sanitize(field.string(raw, 'description')));
  put('keywords', field.strings(raw, 'keywords')?.map(sanitize));
  put('maintainers', field.list(raw, 'maintainers')?.map((m, i) => maintainer(m, i, field, bad)));
  put('icon', sanitize(field.string(raw, 'icon')));
  put('apiVersion', field.string(raw, 'apiVersion'));
  put('condition', sanitize(field.string(raw, 'condition')));
  put('tags', sanitize(field.string(raw, 'tags')));
  put('appVersion', sanitize(field.string(raw, 'appVersion')));
  put('deprecated', field.bool(raw, 'deprecated'));
  const annotations = field.stringMap(raw, 'annotations');
  if (annotations && Object.keys(annotations).length) metadata.annotations = sortKeys(annotations);
  put('kubeVersion', sanitize(field.string(raw, 'kubeVersion')));
  put('dependencies', field.list(raw, 'dependencies')?.map((d, i) => dependency(d, i, field, bad)));
  put('type', field.string(raw, 'type'));

  const apiVersion = metadata.apiVersion as string | undefined;
  if (!apiVersion) bad('has no apiVersion', 'Helm 3 charts say apiVersion: v2');
  if (apiVersion !== 'v1' && apiVersion !== 'v2') bad(`has apiVersion "${apiVersion}"; Helm knows v1 and v2`);
  const name = metadata.name as string | undefined;
  if (!name) bad('has no name');
  if (name === '.' || name === '..' || name!.includes('/') || name!.includes('\\')) bad(`name "${name}" is not allowed`, 'a chart name is a plain name, e.g. my-app');
  const version = metadata.version as string | undefined;
  if (!version) bad('has no version', 'a chart version is SemVer 2, e.g. 1.2.3');
  if (!isSemVer(version!)) bad(`version "${version}" is not a SemVer 2 version`, 'write MAJOR.MINOR.PATCH with optional -prerelease and +build, e.g. 1.2.3 or 1.2.3-rc.1+build.5');
  if (!['', undefined, 'application', 'library'].includes(metadata.type as string | undefined)) bad('type must be application or library');
  const seen = new Map<string, true>();
  for (const d of (metadata.dependencies as Array<Record<string, unknown>> | undefined) ?? []) {
    const key = (d.alias as string | undefined) || (d.name as string);
    if (seen.has(key)) bad(`has more than one dependency with name or alias "${key}"`);
    seen.set(key, true);
  }
  return metadata as ChartMetadata;
}

/**
 * The manifest annotations `helm push` writes (helm/helm `pkg/registry/util.go`
 * `generateOCIAnnotations`): description, title, version, url, created,
 * source (the first of `sources`), authors (maintainers as `name (email)`,
 * comma separated), then the chart's own annotations except title and
 * version. Values are blank-trimmed for presence and kept as they are (UTF-8:
 * helm 4 escapes nothing beyond what Go's JSON encoder does).
 */
export function helmManifestAnnotations(metadata: ChartMetadata, created: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, value: unknown): void => {
    if (typeof value === 'string' && value.trim().length > 0) out[key] = value;
  };
  add('org.opencontainers.image.description', metadata.description);
  add('org.opencontainers.image.title', metadata.name);
  add('org.opencontainers.image.version', metadata.version);
  add('org.opencontainers.image.url', metadata.home);
  add('org.opencontainers.image.created', created);
  const sources = metadata.sources as string[] | undefined;
  if (sources?.length) add('org.opencontainers.image.source', sources[0]);
  const maintainers = metadata.maintainers as Array<{ name?: string; email?: string }> | undefined;
  if (maintainers?.length) {
    add('org.opencontainers.image.authors', maintainers.map((m) => `${m.name ?? ''}${m.email ? ` (${m.email})` : ''}`).join(', '));
  }
  for (const [key, value] of Object.entries((metadata.annotations as Record<string, string> | undefined) ?? {})) {
    if (key === 'org.opencontainers.image.version' || key === 'org.opencontainers.image.title') continue;
    out[key] = value;
  }
  return sortKeys(out);
}

/**
 * JSON as Go's `encoding/json` writes it: compact, and `<`, `>`, `&`, U+2028
 * and U+2029 escaped. Objects keep the key order they are built in (callers
 * sort map keys, as Go does for maps, and keep struct order for structs).
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Helm's `sanitizeString`: whitespace becomes a space, what is not printable goes. */
export function sanitize(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .replace(/[\t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g, ' ')
    .replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, '');
}

function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(map).sort().map((key) => [key, map[key]!]));
}

/** Arbitrary YAML values (import-values) as Go marshals `interface{}`: maps with sorted keys. */
function goValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goValue);
  if (value !== null && typeof value === 'object') return sortKeys(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, goValue(v)])));
  return value;
}

/** The yaml package, loaded on first use rather than with core: only helm verbs read YAML. */
let yaml: typeof import('yaml') | undefined;

/**
 * @internal Loads the YAML parser ahead of parseChartMetadata, by `import()`, which
 * bundlers follow (the helm action's bundle carries it as a chunk). prepareHelmChart does.
 */
export async function loadChartYamlParser(): Promise<void> {
  yaml ??= await import('yaml');
}

type YamlOptions = import('yaml').ParseOptions & import('yaml').DocumentOptions & import('yaml').SchemaOptions & import('yaml').ToJSOptions;
function parseYaml(source: string, options: YamlOptions): unknown {
  // A caller that did not load it first: by require, synchronously, so parsing stays a
  // plain function (for Node, `import` and `require` of yaml both give its CommonJS build).
  yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parse(source, options);
}

function loadYamlMapping(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    // YAML 1.1, as Helm's go-yaml reads it (yes/no are booleans there too); go-yaml leaves
    // timestamps as the strings they are unless it decodes into a time, which Helm never does.
    value = parseYaml(bytes.toString('utf8'), {
      version: '1.1',
      customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
      maxAliasCount: 100,
      prettyErrors: false,
    });
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `${what} is not valid YAML`, { detail: (error as Error).message.split('\n')[0] });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new OcikitError('INVALID_INPUT', `${what} is not a YAML mapping`);
  return value as Record<string, unknown>;
}

/** Reads fields with Go's conversions (sigs.k8s.io/yaml turns scalars into strings for string fields). */
class FieldReader {
  constructor(private readonly bad: (reason: string) => never) {}

  string(object: Record<string, unknown>, key: string, where = ''): string | undefined {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    return this.bad(`${where}${key} must be a string, not ${Array.isArray(value) ? 'a list' : 'a mapping'}`);
  }

  strings(object: Record<string, unknown>, key: string, where = ''): string[] | undefined {
    const list = this.list(object, key, where);
    return list?.map((item, i) => this.string({ [`${key}[${i}]`]: item }, `${key}[${i}]`, where) ?? '');
  }

  list(object: Record<string, unknown>, key: string, where = ''): unknown[] | undefined {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.bad(`${where}${key} must be a list`);
    return value;
  }

  bool(object: Record<string, unknown>, key: string, where = ''): boolean | undefined {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.bad(`${where}${key} must be true or false`);
    return value;
  }

  stringMap(object: Record<string, unknown>, key: string): Record<string, string> | undefined {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.bad(`${key} must be a mapping`);
    const out: Record<string, string> = {};
    for (const k of Object.keys(value)) out[k] = this.string(value as Record<string, unknown>, k, `${key}.`) ?? '';
    return out;
  }
}

function maintainer(value: unknown, i: number, field: FieldReader, bad: (reason: string) => never): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('maintainers must not contain empty or null nodes');
  const m = value as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of ['name', 'email', 'url']) {
    const v = sanitize(field.string(m, key, `maintainers[${i}].`));
    if (v) out[key] = v;
  }
  return out;
}

function dependency(value: unknown, i: number, field: FieldReader, bad: (reason: string) => never): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('dependencies must not contain empty or null nodes');
  const d = value as Record<string, unknown>;
  const where = `dependencies[${i}].`;
  const name = sanitize(field.string(d, 'name', where)) ?? '';
  const alias = field.string(d, 'alias', where);
  if (alias && !ALIAS.test(alias)) bad(`dependency "${name}" has disallowed characters in the alias`);
  const out: Record<string, unknown> = { name };
  const version = sanitize(field.string(d, 'version', where));
  if (version) out.version = version;
  out.repository = sanitize(field.string(d, 'repository', where)) ?? '';
  const condition = sanitize(field.string(d, 'condition', where));
  if (condition) out.condition = condition;
  const tags = field.strings(d, 'tags', where)?.map((t) => sanitize(t)!);
  if (tags?.length) out.tags = tags;
  if (field.bool(d, 'enabled', where)) out.enabled = true;
  const importValues = field.list(d, 'import-values', where);
  if (importValues?.length) out['import-values'] = goValue(importValues);
  const exportValues = field.list(d, 'export-values', where);
  if (exportValues?.length) out['export-values'] = goValue(exportValues);
  if (alias) out.alias = alias;
  return out;
}
