// Answers with what it was given (assistant id `echo`): its context — the texts of the history
// the server passed it, oldest first — then the new question and a per-process answer number, so
// a spec can prove which branch's messages an agent saw. "slow …" streams the answer over ~5 s
// (a spec can act while it streams).

let answers = 0
const textOf = (m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => ('text' in p ? p.text : '')).join(''))

export default {
  id: 'echo',
  name: 'Echo agent',
  async *run(ctx) {
    const said = `[${ctx.history.map(textOf).join(' | ')}] -> ${ctx.input.text} #${++answers}`
    if (!ctx.input.text.startsWith('slow')) {
      yield { type: 'text', text: said }
      return
    }
    for (const word of said.split(/(?= )/)) {
      await new Promise((r) => setTimeout(r, 5000 / said.split(' ').length))
      yield { type: 'text', text: word }
    }
  },
}
