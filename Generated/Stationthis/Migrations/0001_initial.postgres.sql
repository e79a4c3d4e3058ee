-- Migration 0001_initial (postgres), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "collections" ("collection_id" UUID PRIMARY KEY, "name" TEXT NOT NULL, "description" TEXT, "config" JSONB, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL, "user_id" TEXT);
CREATE TABLE "point_transactions" ("transaction_id" UUID PRIMARY KEY, "user_id" UUID NOT NULL, "sequence" BIGINT NOT NULL, "kind" TEXT NOT NULL CHECK ("kind" IN ('grant', 'spend')), "amount" BIGINT NOT NULL, "balance_after" BIGINT NOT NULL, "description" TEXT, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS "point_transactions_user_id_sequence_key" ON "point_transactions" ("user_id", "sequence");
