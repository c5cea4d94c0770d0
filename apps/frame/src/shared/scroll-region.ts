/**
 * Props for a scroll container whose content has nothing to focus (a code block, a wide table, a
 * JSON dump): a tab stop, so a keyboard user reaches it and scrolls it with the arrow keys (WCAG
 * 2.1.1, axe `scrollable-region-focusable`), and a name, so the stop is announced. A named group,
 * not a region: an answer may hold many, and landmarks must stay few and unique. The message list
 * passes its own role (`log`).
 */
export const scrollRegion = (label: string, role: 'group' | 'log' = 'group') => ({ tabIndex: 0, role, 'aria-label': label })
