-- Schema version 5: the Excel exchange with the county office.
-- Per synced record, the revisions last exchanged (sent in a package by the studio, received
-- from one by the county): "changed since the last exchange" is rev > exchanged_rev.
-- Adding a column with a constant default is a schema-only change in SQLite: no table rewrite.
ALTER TABLE member ADD COLUMN exchanged_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE member ADD COLUMN exchanged_county_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resident ADD COLUMN exchanged_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resident ADD COLUMN exchanged_county_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visit ADD COLUMN exchanged_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visit ADD COLUMN exchanged_county_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interview ADD COLUMN exchanged_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interview ADD COLUMN exchanged_county_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proposal ADD COLUMN exchanged_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proposal ADD COLUMN exchanged_county_rev INTEGER NOT NULL DEFAULT 0;

-- Import history: what kind of package, from which file; looked up by package uuid.
ALTER TABLE import_history ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT '';
ALTER TABLE import_history ADD COLUMN file_name VARCHAR(260) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX "import_history_package_uuid" ON "import_history" ("package_uuid");
CREATE INDEX "import_history_site_sequence" ON "import_history" ("site_uuid", "sequence");

-- Conflicts waiting for a person's decision: both versions kept as JSON. A decision is
-- applied when the package is imported again (all or nothing, with the rest of it).
CREATE TABLE "exchange_conflict" ("id" INTEGER NOT NULL PRIMARY KEY, "package_uuid" VARCHAR(36) NOT NULL, "record_type" VARCHAR(32) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, "reason" VARCHAR(200) NOT NULL, "local" TEXT NOT NULL, "incoming" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "decision" VARCHAR(16) NOT NULL, "decided_by" VARCHAR(64) NOT NULL, "decided_at" DATETIME, "status" VARCHAR(16) NOT NULL);
CREATE UNIQUE INDEX "exchange_conflict_package_uuid_record_uuid" ON "exchange_conflict" ("package_uuid", "record_uuid");
CREATE INDEX "exchange_conflict_status" ON "exchange_conflict" ("status");
