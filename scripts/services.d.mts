export declare function ensureServices(names: ('postgresql' | 'redis' | 'haproxy')[]): void
export declare function freePort(): Promise<number>
export type Postgres = {
  url: string
  port: number
  database(name: string): Promise<string>
  restart(): Promise<void>
  pause(): Promise<void>
  start(): Promise<void>
  stop(): Promise<void>
}
export declare function startPostgres(): Promise<Postgres>
export type Redis = { url: string; port: number; readonly pid: number; restart(downMs?: number, onDown?: () => void): Promise<void>; stop(): Promise<void> }
export declare function startRedis(): Promise<Redis>
export declare function startHaproxy(backends: string[]): Promise<{ url: string; port: number; pid: number; stop(): Promise<void> }>
