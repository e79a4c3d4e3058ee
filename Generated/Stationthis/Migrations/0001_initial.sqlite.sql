-- Migration 0001_initial (sqlite), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "collections" ("collection_id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "description" TEXT, "config" TEXT, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "user_id" TEXT);
CREATE TABLE "point_transactions" ("transaction_id" TEXT PRIMARY KEY NOT NULL, "user_id" TEXT NOT NULL, "sequence" INTEGER NOT NULL, "kind" TEXT NOT NULL CHECK ("kind" IN ('grant', 'spend')), "amount" INTEGER NOT NULL, "balance_after" INTEGER NOT NULL, "description" TEXT, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS "point_transactions_user_id_sequence_key" ON "point_transactions" ("user_id", "sequence");
