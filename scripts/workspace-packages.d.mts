export type WorkspacePackage = { name: string; version: string; dir: string; pkg: Record<string, any> }
export declare function workspacePackages(): WorkspacePackage[]
export declare function publishablePackages(): WorkspacePackage[]
