-- Migration 0001_initial (sqlite), written by `loom generate`. Never edit an applied migration.
CREATE TABLE "items" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "price" REAL NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "organization_id" TEXT);
CREATE INDEX IF NOT EXISTS "items_tenant_idx" ON "items" ("organization_id");
