-- Schema version 1: the records of DATA.md (reference data, visits, interviews,
-- proposal-type records, local-only data). Frozen: later changes go in new migrations.
CREATE TABLE "site" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "kind" VARCHAR(16) NOT NULL, "name" VARCHAR(200) NOT NULL, "code" VARCHAR(32) NOT NULL, "township" VARCHAR(100) NOT NULL, "county" VARCHAR(100) NOT NULL, "address" VARCHAR(300) NOT NULL, "phone" VARCHAR(40) NOT NULL, "is_local" INTEGER NOT NULL, "next_package_seq" INTEGER NOT NULL, "created_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "site_uuid" ON "site" ("uuid");
CREATE TABLE "code_item" ("id" INTEGER NOT NULL PRIMARY KEY, "list_kind" VARCHAR(32) NOT NULL, "code" VARCHAR(32) NOT NULL, "label" VARCHAR(100) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL);
CREATE UNIQUE INDEX "code_item_list_kind_code" ON "code_item" ("list_kind", "code");
CREATE TABLE "member" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "serial" VARCHAR(32), "origin_site" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "rev" INTEGER NOT NULL, "county_rev" INTEGER NOT NULL, "deleted_at" DATETIME, "created_by" VARCHAR(64) NOT NULL, "updated_by" VARCHAR(64) NOT NULL, "name" VARCHAR(50) NOT NULL, "gender" VARCHAR(8) NOT NULL, "sector" VARCHAR(32) NOT NULL, "party" VARCHAR(50) NOT NULL, "unit_and_post" VARCHAR(200) NOT NULL, "phone" VARCHAR(40) NOT NULL, "is_standing" INTEGER NOT NULL, "studio" VARCHAR(36) NOT NULL, "active" INTEGER NOT NULL, "term" VARCHAR(50) NOT NULL, "contact_parent_id" INTEGER, FOREIGN KEY ("contact_parent_id") REFERENCES "member" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "member_uuid" ON "member" ("uuid");
CREATE INDEX "member_contact_parent_id" ON "member" ("contact_parent_id");
CREATE TABLE "resident" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "serial" VARCHAR(32), "origin_site" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "rev" INTEGER NOT NULL, "county_rev" INTEGER NOT NULL, "deleted_at" DATETIME, "created_by" VARCHAR(64) NOT NULL, "updated_by" VARCHAR(64) NOT NULL, "name" VARCHAR(50) NOT NULL, "name_key" VARCHAR(50) NOT NULL, "gender" VARCHAR(8) NOT NULL, "phone" VARCHAR(40) NOT NULL, "phone_key" VARCHAR(20) NOT NULL, "id_number" VARCHAR(18) NOT NULL, "township" VARCHAR(100) NOT NULL, "village" VARCHAR(100) NOT NULL, "group_name" VARCHAR(50) NOT NULL, "address" VARCHAR(300) NOT NULL, "kind" VARCHAR(16) NOT NULL, "contact_member_id" INTEGER, "last_contacted_at" DATETIME, FOREIGN KEY ("contact_member_id") REFERENCES "member" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "resident_uuid" ON "resident" ("uuid");
CREATE INDEX "resident_name_key" ON "resident" ("name_key");
CREATE INDEX "resident_phone_key" ON "resident" ("phone_key");
CREATE INDEX "resident_contact_member_id" ON "resident" ("contact_member_id");
CREATE INDEX "resident_id_number" ON "resident" ("id_number");
CREATE TABLE "visit" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "serial" VARCHAR(32), "origin_site" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "rev" INTEGER NOT NULL, "county_rev" INTEGER NOT NULL, "deleted_at" DATETIME, "created_by" VARCHAR(64) NOT NULL, "updated_by" VARCHAR(64) NOT NULL, "channel" VARCHAR(24) NOT NULL, "occurred_at" DATETIME NOT NULL, "place" VARCHAR(200) NOT NULL, "visitor_count" INTEGER NOT NULL, "category" VARCHAR(32) NOT NULL, "content" TEXT NOT NULL, "onsite_reply" TEXT NOT NULL, "handling" VARCHAR(24) NOT NULL, "referred_unit" VARCHAR(32) NOT NULL, "referred_at" DATE, "due_at" DATE, "result" TEXT NOT NULL, "feedback_at" DATE, "feedback_channel" VARCHAR(16) NOT NULL, "revisit_at" DATE, "revisit_note" TEXT NOT NULL, "satisfaction" VARCHAR(16) NOT NULL, "confidential" INTEGER NOT NULL, "status" VARCHAR(16) NOT NULL, "reporting_point" VARCHAR(36) NOT NULL, "member_names" VARCHAR(300) NOT NULL, "resident_names" VARCHAR(300) NOT NULL);
CREATE UNIQUE INDEX "visit_uuid" ON "visit" ("uuid");
CREATE TABLE "visit_member" ("visit_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("visit_id", "member_id"), FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT) WITHOUT ROWID;
CREATE INDEX "visit_member_member_id" ON "visit_member" ("member_id");
CREATE TABLE "visit_resident" ("visit_id" INTEGER NOT NULL, "resident_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("visit_id", "resident_id"), FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE CASCADE, FOREIGN KEY ("resident_id") REFERENCES "resident" ("id") ON DELETE RESTRICT) WITHOUT ROWID;
CREATE INDEX "visit_resident_resident_id" ON "visit_resident" ("resident_id");
CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "serial" VARCHAR(32), "origin_site" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "rev" INTEGER NOT NULL, "county_rev" INTEGER NOT NULL, "deleted_at" DATETIME, "created_by" VARCHAR(64) NOT NULL, "updated_by" VARCHAR(64) NOT NULL, "kind" VARCHAR(16) NOT NULL, "title" VARCHAR(200) NOT NULL, "occurred_at" DATETIME NOT NULL, "place_or_platform" VARCHAR(200) NOT NULL, "participant_count" INTEGER NOT NULL, "participant_note" TEXT NOT NULL, "views" TEXT NOT NULL, "follow_up" TEXT NOT NULL, "status" VARCHAR(16) NOT NULL, "member_names" VARCHAR(300) NOT NULL, "resident_names" VARCHAR(300) NOT NULL);
CREATE UNIQUE INDEX "interview_uuid" ON "interview" ("uuid");
CREATE TABLE "interview_member" ("interview_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("interview_id", "member_id"), FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT) WITHOUT ROWID;
CREATE INDEX "interview_member_member_id" ON "interview_member" ("member_id");
CREATE TABLE "interview_resident" ("interview_id" INTEGER NOT NULL, "resident_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("interview_id", "resident_id"), FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, FOREIGN KEY ("resident_id") REFERENCES "resident" ("id") ON DELETE RESTRICT) WITHOUT ROWID;
CREATE INDEX "interview_resident_resident_id" ON "interview_resident" ("resident_id");
CREATE TABLE "proposal" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "serial" VARCHAR(32), "origin_site" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "rev" INTEGER NOT NULL, "county_rev" INTEGER NOT NULL, "deleted_at" DATETIME, "created_by" VARCHAR(64) NOT NULL, "updated_by" VARCHAR(64) NOT NULL, "kind" VARCHAR(16) NOT NULL, "title" VARCHAR(300) NOT NULL, "lead_member_id" INTEGER, "lead_resident_id" INTEGER, "sector" VARCHAR(32) NOT NULL, "category" VARCHAR(32) NOT NULL, "facts" TEXT NOT NULL, "analysis" TEXT NOT NULL, "recommendations" TEXT NOT NULL, "submitted_at" DATE, "status" VARCHAR(16) NOT NULL, "member_evaluation" VARCHAR(16) NOT NULL, "county_no" VARCHAR(50) NOT NULL, "review" VARCHAR(16) NOT NULL, "review_reason" TEXT NOT NULL, "merged_into" VARCHAR(100) NOT NULL, "assigned_at" DATE, "reply_due" DATE, "reply_class" VARCHAR(4) NOT NULL, "reply_summary" TEXT NOT NULL, "replied_at" DATE, "adoption_level" VARCHAR(16) NOT NULL, "instruction_text" TEXT NOT NULL, "instruction_level" VARCHAR(16) NOT NULL, "instruction_date" DATE, "co_signer_names" VARCHAR(300) NOT NULL, FOREIGN KEY ("lead_member_id") REFERENCES "member" ("id") ON DELETE RESTRICT, FOREIGN KEY ("lead_resident_id") REFERENCES "resident" ("id") ON DELETE RESTRICT);
CREATE UNIQUE INDEX "proposal_uuid" ON "proposal" ("uuid");
CREATE INDEX "proposal_lead_member_id" ON "proposal" ("lead_member_id");
CREATE INDEX "proposal_lead_resident_id" ON "proposal" ("lead_resident_id");
CREATE TABLE "proposal_co_signer" ("proposal_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("proposal_id", "member_id"), FOREIGN KEY ("proposal_id") REFERENCES "proposal" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT) WITHOUT ROWID;
CREATE INDEX "proposal_co_signer_member_id" ON "proposal_co_signer" ("member_id");
CREATE TABLE "proposal_source" ("id" INTEGER NOT NULL PRIMARY KEY, "proposal_id" INTEGER NOT NULL, "visit_id" INTEGER, "interview_id" INTEGER, FOREIGN KEY ("proposal_id") REFERENCES "proposal" ("id") ON DELETE CASCADE, FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE RESTRICT, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE RESTRICT);
CREATE INDEX "proposal_source_proposal_id" ON "proposal_source" ("proposal_id");
CREATE INDEX "proposal_source_visit_id" ON "proposal_source" ("visit_id");
CREATE INDEX "proposal_source_interview_id" ON "proposal_source" ("interview_id");
CREATE TABLE "proposal_unit" ("id" INTEGER NOT NULL PRIMARY KEY, "proposal_id" INTEGER NOT NULL, "unit" VARCHAR(32) NOT NULL, "role" VARCHAR(16) NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("proposal_id") REFERENCES "proposal" ("id") ON DELETE CASCADE);
CREATE INDEX "proposal_unit_proposal_id" ON "proposal_unit" ("proposal_id");
CREATE TABLE "serial_counter" ("id" INTEGER NOT NULL PRIMARY KEY, "site" VARCHAR(36) NOT NULL, "prefix" VARCHAR(8) NOT NULL, "year" INTEGER NOT NULL, "last" INTEGER NOT NULL);
CREATE UNIQUE INDEX "serial_counter_site_prefix_year" ON "serial_counter" ("site", "prefix", "year");
CREATE TABLE "user" ("id" INTEGER NOT NULL PRIMARY KEY, "login" VARCHAR(64) NOT NULL, "name" VARCHAR(64) NOT NULL, "password_hash" VARCHAR(200) NOT NULL, "role" VARCHAR(16) NOT NULL, "may_see_pii" INTEGER NOT NULL, "active" INTEGER NOT NULL, "created_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "user_login" ON "user" ("login");
CREATE TABLE "audit_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "user" VARCHAR(64) NOT NULL, "action" VARCHAR(32) NOT NULL, "record_type" VARCHAR(32) NOT NULL, "record_uuid" VARCHAR(36) NOT NULL, "changes" TEXT NOT NULL);
CREATE INDEX "audit_entry_record_uuid" ON "audit_entry" ("record_uuid");
CREATE TABLE "setting" ("key" VARCHAR(100) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
CREATE TABLE "import_history" ("id" INTEGER NOT NULL PRIMARY KEY, "package_uuid" VARCHAR(36) NOT NULL, "file_hash" VARCHAR(64) NOT NULL, "site_uuid" VARCHAR(36) NOT NULL, "sequence" INTEGER NOT NULL, "imported_at" DATETIME NOT NULL, "counts" TEXT NOT NULL);

-- List pages sort and filter in SQL: keyset paging over (sort key, id) of live rows (an
-- index holds the rowid already, so id is not listed). Link tables are WITHOUT ROWID:
-- the (owner, target) key is the table. Serials are unique per origin site.
CREATE UNIQUE INDEX "member_origin_serial" ON "member" ("origin_site", "serial");
CREATE UNIQUE INDEX "resident_origin_serial" ON "resident" ("origin_site", "serial");
CREATE UNIQUE INDEX "visit_origin_serial" ON "visit" ("origin_site", "serial");
CREATE UNIQUE INDEX "interview_origin_serial" ON "interview" ("origin_site", "serial");
CREATE UNIQUE INDEX "proposal_origin_serial" ON "proposal" ("origin_site", "serial");
CREATE INDEX "visit_live_occurred" ON "visit" ("occurred_at") WHERE "deleted_at" IS NULL;
CREATE INDEX "visit_live_status" ON "visit" ("status", "occurred_at") WHERE "deleted_at" IS NULL;
CREATE INDEX "visit_live_category" ON "visit" ("category", "occurred_at") WHERE "deleted_at" IS NULL;
CREATE INDEX "visit_live_channel" ON "visit" ("channel", "occurred_at") WHERE "deleted_at" IS NULL;
CREATE INDEX "visit_open_due" ON "visit" ("due_at") WHERE "deleted_at" IS NULL AND "status" IN ('referred', 'in_progress');
CREATE INDEX "visit_deleted" ON "visit" ("deleted_at") WHERE "deleted_at" IS NOT NULL;
CREATE INDEX "interview_live_occurred" ON "interview" ("occurred_at") WHERE "deleted_at" IS NULL;
CREATE INDEX "proposal_live_kind" ON "proposal" ("kind", "status") WHERE "deleted_at" IS NULL;
CREATE INDEX "resident_village_name" ON "resident" ("village", "name_key");
