import { adapterConfig } from '../../scripts/adapter-tsdown.ts'

export default adapterConfig(['postgres', '@xpert-ai/chatkit-protocol'])
