export declare function protocolMajorFor(packageVersion: string): number
export declare function versionProblems(packages: { name: string; version: string }[], protocolVersion: string): string[]
export declare function readProtocolVersion(): string
export declare function matchesPattern(pattern: string, name: string): boolean
