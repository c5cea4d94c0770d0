export type LockedPackage = { name: string; version: string }
export type Advisory = { package: string; severity: string; id: string; title: string; url: string; vulnerable_versions: string }
export function productionPackages(lockText: string): LockedPackage[]
export function inRange(version: string, range: string): boolean
export function findings(packages: LockedPackage[], advisories: Advisory[]): (Advisory & { version: string })[]
