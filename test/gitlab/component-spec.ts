// Reads the GitLab CI/CD components (templates/<verb>.yml or templates/<verb>/template.yml)
// and checks what GitLab checks and gitlab-ci-local does not: the `spec:` header
// (types, descriptions, defaults, options) and the `inputs:` every include passes
// (gitlab-ci-local ignores undeclared inputs; GitLab refuses the pipeline).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, parseAllDocuments, parseDocument } from 'yaml';

/** Here, not from the CLI harness: reading the templates needs no built CLI (the fast lane takes these tests). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');
export const INPUT_TYPES = ['string', 'number', 'boolean', 'array'] as const;

export interface InputSpec {
  type?: unknown;
  default?: unknown;
  description?: unknown;
  options?: unknown;
  regex?: unknown;
  [key: string]: unknown;
}

export interface ComponentTemplate {
  verb: string;
  /** Path relative to the repository root. */
  file: string;
  text: string;
  header: Record<string, unknown>;
  inputs: Record<string, InputSpec>;
  /** The configuration after the `---` (jobs), as parsed before interpolation. */
  body: Record<string, unknown>;
}

/** Every component in templates/, by verb. */
export function listTemplates(dir = TEMPLATES_DIR): ComponentTemplate[] {
  const found: ComponentTemplate[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      found.push(readTemplate(entry.name.replace(/\.ya?ml$/, ''), join(dir, entry.name)));
    } else if (entry.isDirectory() && existsSync(join(dir, entry.name, 'template.yml'))) {
      found.push(readTemplate(entry.name, join(dir, entry.name, 'template.yml')));
    }
  }
  return found;
}

export function readTemplate(verb: string, path: string): ComponentTemplate {
  const text = readFileSync(path, 'utf8');
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new Error(`${path}: not YAML`);
  for (const document of documents) {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
  }
  if (documents.length !== 2) throw new Error(`${path}: expected a spec header, ---, then the jobs (got ${documents.length} documents)`);
  const header = (documents[0]!.toJS() ?? {}) as Record<string, unknown>;
  const body = (documents[1]!.toJS() ?? {}) as Record<string, unknown>;
  const spec = (header.spec ?? {}) as Record<string, unknown>;
  const inputs = (spec.inputs ?? {}) as Record<string, InputSpec>;
  return { verb, file: path.slice(REPO_ROOT.length + 1), text, header, inputs, body };
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** What is wrong with a template's `spec:` header, as GitLab's catalog would see it. */
export function specProblems(template: ComponentTemplate): string[] {
  const problems: string[] = [];
  const where = template.file;
  const headerKeys = Object.keys(template.header);
  if (headerKeys.join() !== 'spec') problems.push(`${where}: the header holds only spec: (found ${headerKeys.join(', ')})`);
  const specKeys = Object.keys((template.header.spec ?? {}) as object);
  for (const key of specKeys) if (!['inputs', 'component', 'include'].includes(key)) problems.push(`${where}: spec.${key} is not a spec keyword`);
  const names = Object.keys(template.inputs);
  if (names.length === 0) problems.push(`${where}: spec.inputs is empty`);
  if (names.length > 50) problems.push(`${where}: more than 50 inputs`);
  for (const [name, input] of Object.entries(template.inputs)) {
    const at = `${where}: input ${name}`;
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) problems.push(`${at}: name is not kebab-case`);
    if (input === null || typeof input !== 'object') {
      problems.push(`${at}: must be a mapping with type and description`);
      continue;
    }
    for (const key of Object.keys(input)) {
      if (!['type', 'default', 'description', 'options', 'regex', 'rules'].includes(key)) problems.push(`${at}: unknown key ${key}`);
    }
    if (!INPUT_TYPES.includes(input.type as (typeof INPUT_TYPES)[number])) {
      problems.push(`${at}: type ${JSON.stringify(input.type)} is not one of ${INPUT_TYPES.join(', ')}`);
    }
    if (typeof input.description !== 'string' || input.description.trim().length < 10) problems.push(`${at}: needs a description`);
    if ('default' in input && typeOf(input.default) !== input.type) {
      problems.push(`${at}: default ${JSON.stringify(input.default)} is a ${typeOf(input.default)}, not a ${String(input.type)}`);
    }
    if ('options' in input) {
      if (!Array.isArray(input.options) || input.options.length === 0) problems.push(`${at}: options must be a non-empty list`);
      else {
        if (input.type === 'array' || input.type === 'boolean') problems.push(`${at}: options are for string and number inputs`);
        for (const option of input.options) if (typeOf(option) !== input.type) problems.push(`${at}: option ${JSON.stringify(option)} is not a ${String(input.type)}`);
        if ('default' in input && !input.options.includes(input.default)) problems.push(`${at}: options do not contain the default ${JSON.stringify(input.default)}`);
      }
    }
    if ('regex' in input) {
      if (input.type !== 'string' || typeof input.regex !== 'string') problems.push(`${at}: regex is for string inputs`);
      else if ('default' in input && !new RegExp(input.regex).test(input.default as string)) problems.push(`${at}: the default does not match regex`);
    }
  }
  // Every input is used, and nothing uses an input that is not declared.
  const used = new Set([...template.text.matchAll(/\$\[\[\s*inputs\.([\w-]+)\s*(?:\|[^\]]*)?\]\]/g)].map((m) => m[1]!));
  for (const name of used) if (!(name in template.inputs)) problems.push(`${where}: uses $[[ inputs.${name} ]], which is not declared`);
  for (const name of names) if (!used.has(name)) problems.push(`${where}: input ${name} is declared but never used`);
  return problems;
}

export interface ComponentInclude {
  component: string;
  verb: string;
  inputs: Record<string, unknown>;
}

/** The `include: component:` entries of a pipeline that name one of our components. */
export function ourComponentIncludes(pipeline: unknown): ComponentInclude[] {
  if (pipeline === null || typeof pipeline !== 'object') return [];
  const raw = (pipeline as { include?: unknown }).include;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const found: ComponentInclude[] = [];
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object' || typeof (entry as { component?: unknown }).component !== 'string') continue;
    const component = (entry as { component: string }).component;
    const match = /^(?<project>.+)\/(?<verb>[^/@]+)@(?<ref>[^@]+)$/.exec(component);
    if (!match?.groups) continue;
    const project = match.groups.project!;
    if (project !== '$CI_SERVER_FQDN/$CI_PROJECT_PATH' && !/(^|\/)ocikit\/ocikit$/.test(project)) continue;
    found.push({ component, verb: match.groups.verb!, inputs: ((entry as { inputs?: unknown }).inputs ?? {}) as Record<string, unknown> });
  }
  return found;
}

/** What GitLab would refuse in the inputs a pipeline passes to our components. */
export function includeProblems(pipeline: unknown, where: string, templates: ComponentTemplate[] = listTemplates()): string[] {
  const problems: string[] = [];
  const byVerb = new Map(templates.map((t) => [t.verb, t]));
  for (const include of ourComponentIncludes(pipeline)) {
    const template = byVerb.get(include.verb);
    const at = `${where}: ${include.component}`;
    if (!template) {
      problems.push(`${at}: there is no component ${include.verb} in templates/`);
      continue;
    }
    for (const [name, value] of Object.entries(include.inputs)) {
      const spec = template.inputs[name];
      if (!spec) {
        problems.push(`${at}: input ${name} is not declared in ${template.file}`);
        continue;
      }
      // A whole-value $[[ inputs.x ]] of a parent template is typed there; anything else is checked here.
      if (typeof value === 'string' && /^\$\[\[.*\]\]$/.test(value.trim())) continue;
      if (typeOf(value) !== spec.type) problems.push(`${at}: input ${name} is a ${typeOf(value)}, the component declares ${String(spec.type)}`);
      if (Array.isArray(spec.options) && !spec.options.includes(value)) problems.push(`${at}: input ${name}=${JSON.stringify(value)} is not one of its options`);
      if (typeof spec.regex === 'string' && typeof value === 'string' && !new RegExp(spec.regex).test(value)) {
        problems.push(`${at}: input ${name} does not match ${spec.regex}`);
      }
    }
    for (const [name, spec] of Object.entries(template.inputs)) {
      if (!('default' in spec) && !(name in include.inputs)) problems.push(`${at}: the required input ${name} is missing`);
    }
  }
  return problems;
}

/** Parses one YAML text (a pipeline), failing loudly on syntax errors. */
export function parsePipeline(text: string, where: string): unknown {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(`${where}: ${document.errors.map((e) => e.message).join('; ')}`);
  const root = document.contents;
  if (root !== null && !isMap(root) && !isSeq(root)) throw new Error(`${where}: not a YAML mapping`);
  return document.toJS();
}

/** The ```yaml blocks of a Markdown text. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

/**
 * The whole script of templates/<verb>.yml: one line that runs the program, which is
 * the CLI's (`ocikit gitlab <verb>`, packages/gitlab), or the same from npm with npx.
 */
export function componentScript(verb: string): string {
  const npx = 'npx --yes --package "@ocikit/cli@$OCIKIT_CLI_VERSION" -- ocikit';
  return `if command -v ocikit > /dev/null; then ocikit gitlab ${verb}; else echo "ocikit is not on PATH: running it with npx from @ocikit/cli@$OCIKIT_CLI_VERSION" >&2; ${npx} gitlab ${verb}; fi`;
}

/** The variable holding a component's boolean and number inputs, as the template writes it. */
export function typedInputsValue(template: ComponentTemplate): string {
  const typed = Object.entries(template.inputs).filter(([, spec]) => spec.type === 'boolean' || spec.type === 'number');
  return `{${typed.map(([name]) => `"${name}": $[[ inputs.${name} ]]`).join(', ')}}`;
}

/**
 * A template's job as GitLab and the runner make it for these inputs (the others at
 * their defaults): `$[[ inputs.<name> ]]` interpolated (inside text a string is
 * itself, an array, a boolean or a number its JSON), then the job's variables
 * expanded against `base` ($VAR and ${VAR}; $$ is a literal $), `base` on top.
 */
export function interpolatedJob(
  template: ComponentTemplate,
  inputs: Record<string, unknown>,
  base: Record<string, string>,
): { env: Record<string, string>; script: string[] } {
  const value = (name: string): unknown => {
    if (!(name in template.inputs)) throw new Error(`${template.verb} has no input ${name}`);
    return name in inputs ? inputs[name] : template.inputs[name]!.default;
  };
  for (const name of Object.keys(inputs)) value(name);
  for (const [name, spec] of Object.entries(template.inputs)) if (!(name in inputs) && !('default' in spec)) throw new Error(`${template.verb}: give ${name}`);
  const interpolate = (text: string): string =>
    text.replace(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g, (_m, name: string) => {
      const v = value(name);
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  const expand = (text: string): string =>
    text.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (m, braced?: string, bare?: string) => (m === '$$' ? '$' : (base[braced ?? bare!] ?? '')));
  const job = template.body['$[[ inputs.job-name ]]'] as { variables: Record<string, string>; script: string[] };
  const variables = Object.fromEntries(Object.entries(job.variables).map(([name, text]) => [name, expand(interpolate(String(text)))]));
  return { env: { ...variables, ...base }, script: job.script.map(interpolate) };
}
