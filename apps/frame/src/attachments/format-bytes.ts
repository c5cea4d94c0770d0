import { currentLocale } from '../i18n/index.js'

/** 5 MB, 12 kB, in the active locale. */
export function formatBytes(n: number): string {
  const [value, unit] = n >= 1e6 ? [n / 1e6, 'megabyte'] : n >= 1e3 ? [n / 1e3, 'kilobyte'] : [n, 'byte']
  return new Intl.NumberFormat(currentLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value)
}
