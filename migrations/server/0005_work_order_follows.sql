-- SPDX-License-Identifier: MIT
-- 0005_work_order_follows: precedence between work orders (issue #6), "break out before pour".
--
-- follows_id names the order that must be finished before this one starts; the planner never
-- puts this one earlier. The server refuses a reference to the order itself or one that leads
-- back to it (a cycle), and one that does not exist yet (create the predecessor first).
-- DEFERRABLE like the defect report's references, checked at commit.
ALTER TABLE work_order ADD COLUMN follows_id TEXT REFERENCES work_order (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX ix_work_order_follows_id ON work_order (follows_id);
