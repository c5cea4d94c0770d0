export declare const REPORT_FILE: string
export declare const FIGURES: readonly string[]
export type Figure = 'cuts' | 'restarts' | 'messages' | 'messagesFuzzed' | 'requestsFuzzed' | 'fiveXX' | 'lost' | 'duplicated' | 'crashes'
export declare function isFull(): boolean
export declare function scale<T>(quick: T, full: T): T
export declare function record(suite: string, figures: Partial<Record<Figure, number>>, notes?: string): void
export declare function resetReport(): void
export declare function printReport(title?: string): { totals: Record<Figure, number>; records: number; bad: number }
