import { type Kysely, sql } from "kysely";

// btree_gist lets an exclusion constraint combine "same tool" (=) with "overlapping dates" (&&):
// the tool library's guarantee against double bookings. Extensions belong to the whole database, so
// they are created once here, in public, and every tenant schema uses them. Citus schema-based
// sharding keeps extensions on every node, so this does not tie tenants to one server.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist with schema public`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop extension if exists btree_gist`.execute(db);
}
