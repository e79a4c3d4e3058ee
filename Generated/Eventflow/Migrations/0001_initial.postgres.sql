-- Migration 0001_initial (postgres), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "consumers" ("consumer_id" UUID PRIMARY KEY, "name" TEXT NOT NULL, "subscribed_event_types" JSONB NOT NULL, "last_event_at" TIMESTAMPTZ, "last_event_id" UUID, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL);
CREATE TABLE "producers" ("producer_id" UUID PRIMARY KEY, "name" TEXT NOT NULL, "description" TEXT, "active" BOOLEAN NOT NULL DEFAULT TRUE, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL);
CREATE TABLE "events" ("event_id" UUID PRIMARY KEY, "producer_id" UUID NOT NULL REFERENCES "producers" ("producer_id") ON DELETE RESTRICT, "event_type" TEXT NOT NULL, "event_version" BIGINT NOT NULL DEFAULT 1, "payload" JSONB NOT NULL, "created_at" TIMESTAMPTZ NOT NULL, "updated_at" TIMESTAMPTZ NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS "consumers_name_key" ON "consumers" ("name");
CREATE INDEX IF NOT EXISTS "events_producer_id_idx" ON "events" ("producer_id");
CREATE INDEX IF NOT EXISTS "events_event_type_created_at_idx" ON "events" ("event_type", "created_at");
CREATE INDEX IF NOT EXISTS "events_created_at_event_id_idx" ON "events" ("created_at", "event_id");
CREATE UNIQUE INDEX IF NOT EXISTS "producers_name_key" ON "producers" ("name");
