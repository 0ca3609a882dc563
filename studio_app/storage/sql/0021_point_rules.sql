-- Duty points (履职积分): the county's rules of a year, where they differ from the defaults
-- the record kinds declare (core/kinds.py: RecordKind.point_rules, core/duty.py). A rule
-- not listed for a year keeps its default; points are computed from the records, never kept.
CREATE TABLE "point_rule" ("year" INTEGER NOT NULL, "code" VARCHAR(64) NOT NULL, "points" INTEGER NOT NULL, "cap" INTEGER, PRIMARY KEY ("year", "code")) WITHOUT ROWID;
