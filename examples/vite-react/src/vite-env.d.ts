interface ImportMetaEnv {
  readonly VITE_CHATKIT_URL?: string
}
