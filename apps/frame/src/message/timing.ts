/**
 * When a message happened and how long its answer took, in the frame's locale (`Intl`), as
 * XpertAI shows them: today just the time; the six days before a relative day and the time
 * ("yesterday 14:05"); older a calendar date and the time.
 */

/** Days since the epoch of the local calendar date of `t`. */
const day = (t: number) => {
  const d = new Date(t)
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000)
}

export function messageWhen(at: number, locale: string, now: number = Date.now()): string {
  const d = new Date(at)
  const days = day(now) - day(at)
  if (days >= 7 || days < 0) return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(d)
  return days === 0 ? time : `${new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day')} ${time}`
}

const unit = (locale: string, u: 'second' | 'minute' | 'hour', v: number, digits = 0) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits }).format(v)

/** "4.2 sec", "2 min 5 sec", "1 hr 3 min" (in the locale's words). */
export function answerDuration(ms: number, locale: string): string {
  if (ms < 60_000) return unit(locale, 'second', ms / 1000, ms < 10_000 ? 1 : 0)
  const minutes = Math.floor(ms / 60_000)
  if (minutes >= 60) {
    const m = minutes % 60
    return m ? `${unit(locale, 'hour', Math.floor(minutes / 60))} ${unit(locale, 'minute', m)}` : unit(locale, 'hour', minutes / 60)
  }
  const s = Math.round((ms % 60_000) / 1000)
  return s ? `${unit(locale, 'minute', minutes)} ${unit(locale, 'second', s)}` : unit(locale, 'minute', minutes)
}
