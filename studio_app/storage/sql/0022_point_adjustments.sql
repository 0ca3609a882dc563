-- Duty points (履职积分): the county's manual adjustments of a member's year, each with its
-- reason (services/points.py: add_adjustment). Kept at the county only, never exported.
CREATE TABLE "point_adjustment" ("id" INTEGER NOT NULL PRIMARY KEY, "year" INTEGER NOT NULL, "member_id" INTEGER NOT NULL REFERENCES "member" ("id") ON DELETE RESTRICT, "points" INTEGER NOT NULL, "reason" VARCHAR(200) NOT NULL, "created_at" DATETIME NOT NULL, "created_by" VARCHAR(64) NOT NULL);
CREATE INDEX "point_adjustment_year" ON "point_adjustment" ("year", "member_id");
