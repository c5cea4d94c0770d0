/**
 * The door lazily loaded parts import (for its effect) before they call `t` with one of the
 * strings in `en-more.ts`: it adds them to the English fallback, so the entry does not carry them.
 */
import { addEnglish } from '../index.js'
import { enMore } from './en-more.js'

addEnglish(enMore)
