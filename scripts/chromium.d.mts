export declare function findChromium(): string | null
export declare function ensureChromium(): string
export declare const chromiumPath: string
export declare function chromiumArgs(extraDisabled?: string[]): string[]
