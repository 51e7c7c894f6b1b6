// What a webhook sender sees on the wire: the URL prefix and the signature header. No imports, so
// the browser (the editor's Triggers panel) can use them without pulling in node:crypto.
export const WEBHOOK_PATH_PREFIX = '/api/hooks/'
export const SIGNATURE_HEADER = 'x-relayflow-signature'
