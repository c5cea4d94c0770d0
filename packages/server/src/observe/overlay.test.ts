import { describe, expect, it } from 'vitest'
import { defineAgent } from '../agent/define-agent.js'
import { overlay } from './overlay.js'

class Counter {
  #n = 0
  add() {
    return ++this.#n
  }
  get value() {
    return this.#n
  }
}

describe('overlay', () => {
  it('replaces members of a frozen object (an agent from defineAgent) and keeps the rest', () => {
    const agent = defineAgent({ id: 'a', name: 'A', async *run() {} })
    expect(Object.isFrozen(agent)).toBe(true)
    const run = () => 'wrapped'
    const o = overlay(agent, { run })
    expect(o.run).toBe(run)
    expect([o.id, o.name]).toEqual(['a', 'A'])
    expect({ ...o }).toMatchObject({ id: 'a', name: 'A', run })
    expect('id' in o && 'run' in o).toBe(true)
  })

  it("runs the target's own methods on the target (private fields work) and keeps instanceof", () => {
    const c = new Counter()
    const o = overlay(c, {})
    expect(o.add()).toBe(1)
    expect(o.add()).toBe(2)
    expect(o.value).toBe(2)
    expect(o).toBeInstanceOf(Counter)
  })
})
