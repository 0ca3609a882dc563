-- Duty points (履职积分): the county's yearly minimums of a year, where they differ from the
-- defaults (core/duty.py: REQUIREMENTS). "figure" is the requirement's bound: at least so
-- many entries, or at most so many where the default sets an upper bound (no unexcused
-- absence: at most 0). Sent to the studios with the rules in feedback packages.
CREATE TABLE "point_requirement" ("year" INTEGER NOT NULL, "code" VARCHAR(64) NOT NULL, "figure" INTEGER NOT NULL, PRIMARY KEY ("year", "code")) WITHOUT ROWID;
