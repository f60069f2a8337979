// The product's version, from package.json: what a source's server sees in the User-Agent. (The
// bundler inlines this one field, not the whole file.)
import { version } from '../../../package.json'

export const APP_VERSION: string = version

/** The User-Agent of every request to a source: servers can tell Ops Console and its version in their logs. */
export const USER_AGENT = `OpsConsole/${APP_VERSION}`
