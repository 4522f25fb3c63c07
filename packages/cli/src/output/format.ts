const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatRate(bytes: number, milliseconds: number): string {
  return milliseconds <= 0 ? '' : `${formatBytes((bytes * 1000) / milliseconds)}/s`;
}

export function shortDigest(digest: string): string {
  return digest.slice(0, 19);
}
