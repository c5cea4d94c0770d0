import { describe, expect, it } from 'vitest'
import { answerDuration, messageWhen } from './timing.js'

const at = (s: string) => new Date(s).getTime()
const now = at('2026-03-12T15:30:00')

describe('message timing', () => {
  it('today: just the time; the days before: a relative day and the time; older: the date', () => {
    expect(messageWhen(at('2026-03-12T09:05:00'), 'en', now)).toBe('9:05 AM')
    expect(messageWhen(at('2026-03-11T23:59:00'), 'en', now)).toBe('yesterday 11:59 PM')
    expect(messageWhen(at('2026-03-09T08:00:00'), 'en', now)).toBe('3 days ago 8:00 AM')
    expect(messageWhen(at('2026-02-01T08:00:00'), 'en', now)).toBe('Feb 1, 2026, 8:00 AM')
  })

  it('in the locale asked for', () => {
    expect(messageWhen(at('2026-03-12T09:05:00'), 'de', now)).toBe('09:05')
    expect(messageWhen(at('2026-03-11T09:05:00'), 'de', now)).toBe('gestern 09:05')
    expect(messageWhen(at('2026-03-11T09:05:00'), 'ja', now)).toBe('昨日 9:05')
    expect(messageWhen(at('2026-02-01T08:00:00'), 'fr', now)).toBe('1 févr. 2026, 08:00')
  })

  it('durations: tenths under 10 s, then whole seconds, minutes and hours', () => {
    expect(answerDuration(4230, 'en')).toBe('4.2 sec')
    expect(answerDuration(42_400, 'en')).toBe('42 sec')
    expect(answerDuration(125_000, 'en')).toBe('2 min 5 sec')
    expect(answerDuration(120_000, 'en')).toBe('2 min')
    expect(answerDuration(3_780_000, 'en')).toBe('1 hr 3 min')
    expect(answerDuration(4230, 'de')).toBe('4,2 Sek.')
  })
})
