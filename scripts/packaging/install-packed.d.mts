export declare function installPacked(dir: string, manifest: Record<string, string>, extra?: string[]): string
