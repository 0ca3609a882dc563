-- Schema version 6: signed packages, senders pinned on first contact (docs/EXCHANGE.md).
-- One row per other installation this one has imported from: its site uuid, code and public
-- key belong together; a package that breaks the pairing is refused. public_key '' = only
-- unsigned packages so far (the key is pinned by the first signed one). This installation's
-- own key pair is made at setup, or on first use for databases older than this step (a
-- migration cannot run the key generation), and kept in the setting table.
CREATE TABLE "peer" ("id" INTEGER NOT NULL PRIMARY KEY, "site_uuid" VARCHAR(36) NOT NULL, "code" VARCHAR(32) NOT NULL, "kind" VARCHAR(16) NOT NULL, "name" VARCHAR(200) NOT NULL, "public_key" VARCHAR(64) NOT NULL, "pinned_at" DATETIME NOT NULL, "pinned_by" VARCHAR(64) NOT NULL);
CREATE UNIQUE INDEX "peer_site_uuid" ON "peer" ("site_uuid");
CREATE UNIQUE INDEX "peer_code" ON "peer" ("code");

-- Sites heard from before this step keep their uuid ↔ code pairing (the first of a code wins),
-- pinned now (UTC, as every stored time) by the upgrade (pinned_by '').
INSERT OR IGNORE INTO "peer" ("site_uuid", "code", "kind", "name", "public_key", "pinned_at", "pinned_by")
  SELECT "uuid", upper(trim("code")), "kind", "name", '', datetime('now'), '' FROM "site" WHERE NOT "is_local" ORDER BY "id";
