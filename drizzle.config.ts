// drizzle-kit: `npx drizzle-kit generate --name <what-changed>` writes a new, immutable migration
// into resources/migrations (shipped with the app and applied by openDatabase at start).
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/core/db/schema.ts',
  out: './resources/migrations',
})
