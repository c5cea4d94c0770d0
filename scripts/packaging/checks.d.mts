export declare function tarballFiles(tgz: string): string[]
export declare function tarballText(tgz: string, file: string): string
export declare function checkPackContents(tgz: string): string[]
export declare function checkPublint(tgz: string): Promise<string[]>
export declare function checkAttw(tgz: string): string[]
export declare function checkTarball(tgz: string): Promise<string[]>
