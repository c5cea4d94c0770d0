import type { ConversationActions } from '../message/index.js'

/** Click handler of an agent's link: the host's `onLinkClick` takes it when set, else it opens (target=_blank). */
export const linkClick = (actions: ConversationActions, url: string) => (e: MouseEvent) => {
  if (actions.openLink(url)) e.preventDefault()
}
