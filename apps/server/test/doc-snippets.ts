import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../../..')

export type Snippet = { file: string; line: number; lang: string; code: string }

/** The Markdown files users read: the README, SECURITY.md, docs/ and every package's README. */
export function docFiles(): string[] {
  const files = ['README.md', 'SECURITY.md']
  for (const f of readdirSync(join(ROOT, 'docs'), { recursive: true }) as string[]) if (f.endsWith('.md')) files.push(join('docs', f))
  for (const dir of ['packages', 'apps']) {
    for (const p of readdirSync(join(ROOT, dir))) {
      try {
        readFileSync(join(ROOT, dir, p, 'README.md'))
        files.push(join(dir, p, 'README.md'))
      } catch {
        // no README in this folder
      }
    }
  }
  return files
}

/** Every fenced code block of a Markdown file, with its language and first line number. */
export function snippets(file: string): Snippet[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
  const out: Snippet[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i])
    if (!open) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i])
    out.push({ file, line: start + 1, lang: open[1], code: body.join('\n') })
  }
  return out
}

export const where = (s: Snippet) => `${relative(ROOT, join(ROOT, s.file))}:${s.line}`

/**
 * The server commands in a shell block: `npm start -- …`, `npm --prefix … start -- …`,
 * `node …/cli.js …` and `chatkit-server …`, with `NAME=value` prefixes as env. Lines joined at
 * `\`; `$VARS` and `$(…)` become the values in `vars`.
 */
export function serverCommands(code: string, vars: Record<string, string>): { env: Record<string, string>; args: string[]; text: string }[] {
  const out = []
  let inExample = false
  for (const text of code.replace(/\\\n\s*/g, ' ').split('\n')) {
    // After `cd examples/<x>`, `npm start` is that example's own start script, not the server's.
    if (/^cd examples\//.test(text.trim())) inExample = true
    if (inExample) continue
    const words = shellWords(text.trim(), vars)
    const env: Record<string, string> = {}
    while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
      const [k, ...v] = words.shift()!.split('=')
      env[k] = v.join('=')
    }
    const cmd = words.join(' ')
    let args: string[] | null = null
    if (/^npm (--prefix \S+ )?start( |$)/.test(cmd)) args = words.includes('--') ? words.slice(words.indexOf('--') + 1) : []
    else if (words[0] === 'node' && /cli\.js$/.test(words[1] ?? '')) args = words.slice(2)
    else if (words[0] === 'chatkit-server' || (words[0] === 'npx' && words[1] === 'chatkit-server')) args = words.slice(words[0] === 'npx' ? 2 : 1)
    if (args) out.push({ env, args, text })
  }
  return out
}

function shellWords(line: string, vars: Record<string, string>): string[] {
  const words: string[] = []
  let cur = ''
  let has = false
  const expand = (s: string) => s.replace(/\$\(([^)]*)\)|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, cmd, name) => vars[cmd ?? name] ?? vars['*'] ?? m)
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '#' && !has) break
    if (c === ' ') {
      if (has) words.push(cur)
      cur = ''
      has = false
    } else if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1)
      const part = line.slice(i + 1, end)
      cur += c === '"' ? expand(part) : part
      has = true
      i = end
    } else if (c === '$') {
      const m = /^\$\(([^)]*)\)|^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(line.slice(i))!
      cur += expand(m[0])
      has = true
      i += m[0].length - 1
    } else {
      cur += c
      has = true
    }
  }
  if (has) words.push(cur)
  return words
}
