-- Migration 0001_initial (sqlite), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "customers" ("customer_id" TEXT PRIMARY KEY NOT NULL, "full_name" TEXT NOT NULL, "email_address" TEXT NOT NULL, "loyalty_points" INTEGER NOT NULL DEFAULT 0, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE TABLE "notes" ("note_id" INTEGER PRIMARY KEY AUTOINCREMENT, "note_text" TEXT NOT NULL, "customer_id" TEXT REFERENCES "customers" ("customer_id") ON DELETE RESTRICT, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS "notes_customer_id_idx" ON "notes" ("customer_id");
