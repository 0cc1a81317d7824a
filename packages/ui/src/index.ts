// Where the built web UI lives, for a server that wants to serve it (run `npm run build:ui` first).
export const uiDistDir: URL = new URL('../dist/', import.meta.url);
