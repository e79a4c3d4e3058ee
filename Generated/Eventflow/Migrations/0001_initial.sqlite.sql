-- Migration 0001_initial (sqlite), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "consumers" ("consumer_id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "subscribed_event_types" TEXT NOT NULL, "last_event_at" TEXT, "last_event_id" TEXT, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE TABLE "producers" ("producer_id" TEXT PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "description" TEXT, "active" INTEGER NOT NULL DEFAULT 1, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE TABLE "events" ("event_id" TEXT PRIMARY KEY NOT NULL, "producer_id" TEXT NOT NULL REFERENCES "producers" ("producer_id") ON DELETE RESTRICT, "event_type" TEXT NOT NULL, "event_version" INTEGER NOT NULL DEFAULT 1, "payload" TEXT NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS "consumers_name_key" ON "consumers" ("name");
CREATE INDEX IF NOT EXISTS "events_producer_id_idx" ON "events" ("producer_id");
CREATE INDEX IF NOT EXISTS "events_event_type_created_at_idx" ON "events" ("event_type", "created_at");
CREATE INDEX IF NOT EXISTS "events_created_at_event_id_idx" ON "events" ("created_at", "event_id");
CREATE UNIQUE INDEX IF NOT EXISTS "producers_name_key" ON "producers" ("name");
