-- 0005-speed.sql - ordered indexes for the case queues and lists (issue 5).
--
-- A queue page reads its first rows straight from an index in the queue's
-- order (src/store/case_store.c, store_case_list) instead of sorting every
-- matching case; the page key is a range on the same index, so that a next
-- page starts where the last one ended.  Every index ends with the row id,
-- the tie breaker of every order.
--
-- The partial indexes hold only what their queue lists: the query names
-- the same condition word for word (SQLite uses a partial index only then;
-- "col = ?" implies "col IS NOT NULL").  Fewer entries also mean fewer
-- pages written when a case is opened: no entry for a NULL owner, group
-- or assignee, none in the approval indexes until approval is requested.

-- "All open": the cases that are not closed or canceled, one per order.
CREATE INDEX cases_open_priority ON cases(priority, opened_at)
  WHERE state NOT IN ('closed', 'canceled');
CREATE INDEX cases_open_number ON cases(number)
  WHERE state NOT IN ('closed', 'canceled');
CREATE INDEX cases_open_updated ON cases(updated_at)
  WHERE state NOT IN ('closed', 'canceled');
CREATE INDEX cases_open_opened ON cases(opened_at)
  WHERE state NOT IN ('closed', 'canceled');

-- Every case (a queue with a state filter): number is unique and
-- cases_opened_at exists already.
CREATE INDEX cases_priority ON cases(priority, opened_at);
CREATE INDEX cases_updated ON cases(updated_at);

-- "My cases": the acting user's open cases.
CREATE INDEX cases_mine_priority ON cases(assigned_to_id, priority, opened_at)
  WHERE state NOT IN ('closed', 'canceled') AND assigned_to_id IS NOT NULL;
CREATE INDEX cases_mine_number ON cases(assigned_to_id, number)
  WHERE state NOT IN ('closed', 'canceled') AND assigned_to_id IS NOT NULL;
CREATE INDEX cases_mine_updated ON cases(assigned_to_id, updated_at)
  WHERE state NOT IN ('closed', 'canceled') AND assigned_to_id IS NOT NULL;
CREATE INDEX cases_mine_opened ON cases(assigned_to_id, opened_at)
  WHERE state NOT IN ('closed', 'canceled') AND assigned_to_id IS NOT NULL;

-- "My groups' cases" for a user in one group (several groups walk the
-- open cases above).
CREATE INDEX cases_group_priority ON cases(group_id, priority, opened_at)
  WHERE state NOT IN ('closed', 'canceled') AND group_id IS NOT NULL;
CREATE INDEX cases_group_number ON cases(group_id, number)
  WHERE state NOT IN ('closed', 'canceled') AND group_id IS NOT NULL;
CREATE INDEX cases_group_updated ON cases(group_id, updated_at)
  WHERE state NOT IN ('closed', 'canceled') AND group_id IS NOT NULL;
CREATE INDEX cases_group_opened ON cases(group_id, opened_at)
  WHERE state NOT IN ('closed', 'canceled') AND group_id IS NOT NULL;

-- "Awaiting approval" (approval first, so that the planner prefers these
-- to cases_approval, which has the same condition and no order).
CREATE INDEX cases_approval_priority ON cases(approval, priority, opened_at)
  WHERE approval = 'requested';
CREATE INDEX cases_approval_number ON cases(approval, number)
  WHERE approval = 'requested';
CREATE INDEX cases_approval_updated ON cases(approval, updated_at)
  WHERE approval = 'requested';
CREATE INDEX cases_approval_opened ON cases(approval, opened_at)
  WHERE approval = 'requested';

-- A customer's case tab, first by priority.
CREATE INDEX cases_account_priority ON cases(account_id, priority, opened_at)
  WHERE account_id IS NOT NULL;
CREATE INDEX cases_consumer_priority ON cases(consumer_id, priority, opened_at)
  WHERE consumer_id IS NOT NULL;
CREATE INDEX cases_household_priority ON cases(household_id, priority, opened_at)
  WHERE household_id IS NOT NULL;
