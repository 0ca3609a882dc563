-- A visit through a direct reporting point (直报点) names the point as a record
-- (core/kinds.py: REPORTING_POINT, and VISIT's field reporting_point): the uuid text column
-- kept before any point could be registered gives way to a link.
ALTER TABLE "visit" DROP COLUMN "reporting_point";
ALTER TABLE "visit" ADD COLUMN "reporting_point_id" INTEGER REFERENCES "reporting_point" ("id") ON DELETE RESTRICT;
CREATE INDEX "visit_live_reporting_point" ON "visit" ("reporting_point_id", "occurred_at") WHERE "deleted_at" IS NULL;
