// The product's version, from package.json: what a source's server sees in the User-Agent. (Imported
// with its type attribute, as Node's own ESM loader, which the e2e tests' runner uses, requires.)
import pkg from '../../../package.json' with { type: 'json' }

export const APP_VERSION: string = pkg.version

/** The User-Agent of every request to a source: servers can tell Ops Console and its version in their logs. */
export const USER_AGENT = `OpsConsole/${APP_VERSION}`
