import { readFile } from 'node:fs/promises';
import { OcikitError } from '../errors.js';

/**
 * oras's annotation file: annotations for the manifest (`$manifest`), the config
 * (`$config`) and each layer by title.
 */
export type AnnotationFile = Record<string, Record<string, string>> & {
  $manifest?: Record<string, string>;
  $config?: Record<string, string>;
};

export function parseAnnotationFile(text: string, origin: string): AnnotationFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `annotation file ${origin} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OcikitError('INVALID_INPUT', `annotation file ${origin} must be a JSON object of objects`, {
      hint: 'e.g. {"$manifest": {"org.opencontainers.image.source": "..."}, "app.tar": {"key": "value"}}',
    });
  }
  for (const [key, annotations] of Object.entries(value)) {
    if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
      throw new OcikitError('INVALID_INPUT', `annotation file ${origin}: "${key}" must map to an object of strings`);
    }
    for (const [name, v] of Object.entries(annotations)) {
      if (typeof v !== 'string') throw new OcikitError('INVALID_INPUT', `annotation file ${origin}: ${key}.${name} must be a string`);
    }
  }
  return value as AnnotationFile;
}

export async function readAnnotationFile(path: string): Promise<AnnotationFile> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new OcikitError('INVALID_INPUT', `cannot read annotation file ${path}: ${error.code ?? error.message}`);
  });
  return parseAnnotationFile(text, path);
}

/**
 * The annotations an input gets from the annotation file: the entry of its
 * title, then the entry of its path as written on the command line (`site/`,
 * `./notes.txt`), which is the key oras looks up; `$`-keys are never a file's.
 */
export function annotationsFor(file: AnnotationFile | undefined, title: string, written?: string): Record<string, string> {
  const entry = (key: string | undefined): Record<string, string> => (key === undefined || key.startsWith('$') ? {} : (file?.[key] ?? {}));
  return written === undefined || written === title ? entry(title) : { ...entry(title), ...entry(written) };
}
