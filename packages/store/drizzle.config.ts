import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; they are committed and applied at start-up
// on PGlite and PostgreSQL alike (never `push`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/store/src/schema/index.ts',
  out: './packages/store/drizzle',
});
