/**
 * The file name a binary is installed under: the `name` input, which is also the
 * tool-cache directory name, so it must be one plain path component. On Windows
 * a name without an extension gets `.exe`, so one `name` serves a whole matrix.
 */
import { OcikitError, type Platform } from '@ocikit/core';

export function checkToolName(name: string): string {
  if (name === '.' || name === '..' || !/^[A-Za-z0-9._+-]+$/.test(name)) {
    throw new OcikitError('INVALID_INPUT', `input "name" is "${name.slice(0, 80)}", not a file name`, {
      hint: 'the name of the binary as it should be on PATH: letters, digits, ".", "_", "+" and "-", no "/"',
    });
  }
  return name;
}

export function binaryFileName(name: string, platform: Platform): string {
  return platform.os === 'windows' && !/\.[A-Za-z0-9]+$/.test(name) ? `${name}.exe` : name;
}
