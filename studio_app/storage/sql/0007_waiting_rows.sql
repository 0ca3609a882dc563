-- Schema version 7: rows of an imported package that wait for a record not received yet
-- (packages arriving out of order, or one lost on the way; docs/EXCHANGE.md). The package's
-- sheet layout is kept once (value keys and masked columns per record type, as JSON); each
-- row keeps its staged values (JSON array: row number, uuid, edited, row hash, values,
-- resident name and phone keys) and the references it waits for ("record_type:uuid").
-- After every import the rows are planned again and applied once their references are in.
CREATE TABLE "exchange_waiting" ("id" INTEGER NOT NULL PRIMARY KEY, "package_uuid" VARCHAR(36) NOT NULL, "kind" VARCHAR(16) NOT NULL, "site_uuid" VARCHAR(36) NOT NULL, "site_name" VARCHAR(200) NOT NULL, "sequence" INTEGER NOT NULL, "file_name" VARCHAR(260) NOT NULL, "sheets" TEXT NOT NULL, "received_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "exchange_waiting_package_uuid" ON "exchange_waiting" ("package_uuid");
CREATE INDEX "exchange_waiting_site_uuid_sequence" ON "exchange_waiting" ("site_uuid", "sequence");

-- state: 'waiting' (a reference is missing) or 'conflict' (planned again, it is a conflict
-- waiting for a person's decision in exchange_conflict).
CREATE TABLE "exchange_waiting_row" ("id" INTEGER NOT NULL PRIMARY KEY, "package_id" INTEGER NOT NULL, "record_type" VARCHAR(32) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, "row_number" INTEGER NOT NULL, "cells" TEXT NOT NULL, "waits_for" TEXT NOT NULL, "reason" VARCHAR(200) NOT NULL, "state" VARCHAR(16) NOT NULL, FOREIGN KEY ("package_id") REFERENCES "exchange_waiting" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "exchange_waiting_row_package_id_record_type_row_number" ON "exchange_waiting_row" ("package_id", "record_type", "row_number");
CREATE INDEX "exchange_waiting_row_record_uuid" ON "exchange_waiting_row" ("record_uuid");
