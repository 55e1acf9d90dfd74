import { sql } from 'drizzle-orm';
import { check, pgTable, serial, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

/**
 * The restricted-origin list (限制来源清单, ADR 0024): origins × products the province treats as
 * restricted (export controls, sanctions, embargoes), maintained by province administrators. The engine
 * matches purchases against it (restrictedOriginExposure). Not tied to a plan or a dataset: a load
 * replaces the firms, never the list.
 */
export const restrictedOrigins = pgTable(
  'restricted_origins',
  {
    id: serial('id').primaryKey(),
    /** ISO 3166 alpha-2, upper case. */
    country: varchar('country', { length: 2 }).notNull(),
    /**
     * HS code or prefix as digits only (2, 4, 6, 8 or 10), so that "8542.31" and "854231" are one entry;
     * '' for every product of the country (an embargo).
     */
    hs: varchar('hs', { length: 10 }).notNull().default(''),
    /** Where the entry comes from ("EU 2021/821 Annex I", "US EAR ECCN 3A090"): required, it is the why. */
    source: text('source').notNull(),
    note: text('note'),
    addedByName: text('added_by_name').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('restricted_origins_entry_idx').on(t.country, t.hs),
    check('restricted_origins_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('restricted_origins_hs', sql`${t.hs} ~ '^([0-9]{2}){0,5}$'`),
    check('restricted_origins_source', sql`length(trim(${t.source})) > 0`),
  ],
);
