export declare const ROOT: string
export declare const PNPM_VERSION: string
export declare function childEnv(extra?: Record<string, string>): NodeJS.ProcessEnv
export declare function run(cmd: string, args: string[], opts?: { allowFail?: boolean; env?: NodeJS.ProcessEnv }): number
export declare function pnpmCommand(): string[]
export declare function pnpm(args: string[], opts?: { allowFail?: boolean; env?: NodeJS.ProcessEnv }): number
export declare function install(): void
