// biome-ignore lint/suspicious/noExplicitAny: a package.json as parsed, read freely by the release and packaging scripts and their tests
export type WorkspacePackage = { name: string; version: string; dir: string; pkg: Record<string, any> }
export declare function workspacePackages(): WorkspacePackage[]
export declare function publishablePackages(): WorkspacePackage[]
