import { adapterConfig } from '../../scripts/adapter-tsdown.ts'

export default adapterConfig([/^@ag-ui\//])
