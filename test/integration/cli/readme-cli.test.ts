// README.md's "Command line" section is what operators read before they type: the global options it
// lists must be the ones the command line takes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../../src/main/cli/index'

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8')

describe("README's command line section", () => {
  it('lists every global option the command line takes, with its choices', () => {
    const flat = README.replace(/\s+/g, ' ')
    const paragraph = /Global options: (.*?)every command's `--help` lists them too/.exec(flat)?.[1]
    expect(paragraph).toBeDefined()
    const options = buildProgram().options.filter((o) => o.long !== '--version' && o.long !== '--help')
    expect(options.length).toBeGreaterThan(5)
    for (const option of options) {
      // Written as code, alone or beside another (`--from D --to D`).
      expect(paragraph, option.long).toMatch(new RegExp(`\`[^\`]*${option.long}\\b[^\`]*\``))
      // An option with fixed values names them as the command line checks them: `--lang ko|en`.
      if (option.argChoices) expect(paragraph).toContain(`\`${option.long} ${option.argChoices.join('|')}\``)
    }
  })
})
