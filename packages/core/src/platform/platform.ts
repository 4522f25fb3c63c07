/**
 * Platforms as people write them (`linux/arm64`, `linux/arm/v7`,
 * `windows(10.0.17763)/amd64`) and as the image spec stores them
 * (`{"architecture", "os", "os.version", "os.features", "variant"}`), with
 * containerd's normalisation so that `aarch64`, `arm64` and `arm64/v8` are one
 * platform, `x86_64` is `amd64` and a bare `arm` is `arm/v7`.
 */
import { arch as nodeArch, endianness, platform as nodePlatform } from 'node:os';
import { OcikitError } from '../errors.js';
import type { Platform } from '../oci/manifest.js';

/** What a platform component may contain: containerd's `[A-Za-z0-9_-]+`, plus `.` for arm64 minor variants. */
const COMPONENT = /^[A-Za-z0-9_.-]+$/;
const OS_VERSION = /^[A-Za-z0-9_.-]+$/;

/**
 * `os[(os.version)]/arch[/variant]` to a platform, as written (not normalised):
 * what is recorded is what the user said. Normalisation happens when matching.
 */
export function parsePlatform(value: string): Platform {
  const bad = (reason: string): never => {
    throw new OcikitError('INVALID_INPUT', `"${value.slice(0, 100)}" is not a platform: ${reason}`, {
      hint: 'write os/architecture[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7, darwin/arm64',
    });
  };
  if (value.trim() !== value || value === '') bad('it is empty or has surrounding whitespace');
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 3) bad('expected 2 or 3 parts separated by "/"');
  const [osPart, architecture, variant] = parts as [string, string, string | undefined];
  const withVersion = /^([^()]+)\(([^()]*)\)$/.exec(osPart);
  const os = withVersion ? withVersion[1]! : osPart;
  const osVersion = withVersion ? withVersion[2]! : undefined;
  for (const [name, part] of [['os', os], ['architecture', architecture], ['variant', variant]] as const) {
    if (part === undefined) continue;
    if (part === '') bad(`the ${name} is empty`);
    if (!COMPONENT.test(part)) bad(`the ${name} "${part}" has characters other than letters, digits, ".", "_" and "-"`);
  }
  if (osVersion !== undefined && !OS_VERSION.test(osVersion)) bad(`the os.version "${osVersion}" is malformed`);
  return {
    architecture,
    os,
    ...(osVersion !== undefined ? { 'os.version': osVersion } : {}),
    ...(variant !== undefined ? { variant } : {}),
  };
}

/** `os/arch[/variant]` (with `(os.version)` after the os when there is one). */
export function platformString(platform: Platform): string {
  const os = platform['os.version'] ? `${platform.os}(${platform['os.version']})` : platform.os;
  return [os, platform.architecture, platform.variant].filter((part) => part !== undefined && part !== '').join('/');
}

/**
 * A platform in the image spec's field order (architecture, os, os.version,
 * os.features, variant, features), with empty optional fields left out: the
 * shape index entries and platform configs are written in.
 */
export function canonicalPlatform(platform: Platform): Platform {
  return {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}),
    ...(platform['os.features']?.length ? { 'os.features': [...platform['os.features']] } : {}),
    ...(platform.variant ? { variant: platform.variant } : {}),
    ...(platform.features?.length ? { features: [...platform.features] } : {}),
  };
}

/**
 * containerd's `platforms.Normalize`: lowercase, architecture aliases
 * (`x86_64` → `amd64`, `aarch64` → `arm64`, `armhf` → `arm/v7`, `i386` → `386`),
 * the default variants dropped or filled in (`arm64/v8` → `arm64`, `arm` →
 * `arm/v7`, `amd64/v1` → `amd64`), `macos` → `darwin`.
 */
export function normalizePlatform(platform: Platform): Platform {
  let os = platform.os.toLowerCase();
  if (os === 'macos') os = 'darwin';
  let architecture = platform.architecture.toLowerCase();
  let variant = (platform.variant ?? '').toLowerCase();
  switch (architecture) {
    case 'i386':
      architecture = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      architecture = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      architecture = 'arm64';
      if (['8', 'v8', 'v8.0'].includes(variant)) variant = '';
      else if (['9', '9.0', 'v9.0'].includes(variant)) variant = 'v9';
      break;
    case 'armhf':
      architecture = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      architecture = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (['5', '6', '8'].includes(variant)) variant = `v${variant}`;
      break;
  }
  return {
    architecture,
    os,
    ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}),
    ...(platform['os.features']?.length ? { 'os.features': platform['os.features'] } : {}),
    ...(variant ? { variant } : {}),
  };
}

/** Node's `os.arch()` names to the image spec's GOARCH names. */
const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: '386',
  arm64: 'arm64',
  arm: 'arm',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  mips64el: 'mips64le',
};
const NODE_OS: Record<string, string> = { win32: 'windows', sunos: 'solaris' };

/** The platform this process runs on, as an image index names it (what `pull` picks by default). */
export function hostPlatform(): Platform {
  const os = NODE_OS[nodePlatform()] ?? nodePlatform();
  const nodeArchitecture = nodeArch();
  let architecture = NODE_ARCH[nodeArchitecture] ?? nodeArchitecture;
  if (nodeArchitecture === 'ppc64') architecture = endianness() === 'LE' ? 'ppc64le' : 'ppc64';
  if (architecture === 'arm') {
    const armVersion = (process.config.variables as { arm_version?: string | number }).arm_version;
    return { architecture, os, variant: `v${armVersion ?? 7}` };
  }
  return { architecture, os };
}
