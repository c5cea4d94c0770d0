export declare function checkPackContents(tgz: string): string[]
export declare function checkPublint(tgz: string): Promise<string[]>
export declare function checkAttw(tgz: string): string[]
