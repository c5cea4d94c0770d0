export declare const PACK_DIR: string
export declare function packAll(dest?: string): Record<string, string>
